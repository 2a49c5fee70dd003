/**
 * The length of a scenario's share link, computed without building it, so the parser can
 * refuse a scenario whose link would pass the link-length limit (what the parser accepts,
 * the codec must encode and decode back). Mirrors layouts v1, v2 and v3 in codec.ts byte for byte;
 * codec.test.ts checks that it equals the real link's length.
 */
import type { Op } from '../types.ts';
import { branchParts } from './branchParts.ts';
import { OP_FIELDS } from './fields.ts';
import { linkChars, sizeLength, utf8Length, varintLength } from './limits.ts';
import { policyV2 } from './policy.ts';
import type { LinkBranch, Scenario } from './types.ts';

const textLength = (s: string): number => {
  const n = utf8Length(s);
  return varintLength(n) + n;
};

/** The holder names of a scenario, in order of first use (the link's holder table). */
export function holderTable(steps: readonly Op[]): string[] {
  const seen = new Set<string>();
  for (const op of steps) if ('holder' in op && op.holder !== undefined) seen.add(op.holder);
  return [...seen];
}

function stepLength(op: Op, holders: Map<string, number>): number {
  let n = 1;
  const rec = op as unknown as Record<string, unknown>;
  for (const [k, [kind]] of Object.entries(OP_FIELDS[op.op])) {
    const v = rec[k];
    if (kind === 'size' || kind === 'splitTo' || kind === 'mergeSize') n += sizeLength(v as number);
    else if (kind === 'attr' || kind === 'bool') n += 1;
    else if (kind === 'holder') n += varintLength(v === undefined ? 0 : (holders.get(v as string) ?? 0) + 1);
  }
  return n + (op.note === undefined ? 0 : textLength(op.note));
}

/** Characters of `encodeScenario(s, branches)`. */
export function linkLength(s: Scenario, branches: readonly LinkBranch[] = []): number {
  const c = s.config;
  let n = 1 + varintLength(c.size) + 1;
  n += varintLength(c.policy.hostHugePages === null ? 0 : c.policy.hostHugePages + 1);
  // Layouts v2 (a v2 knob set) and v3 (branches) have one more policy byte.
  if (policyV2(c.policy) !== 0 || branches.length > 0) n += 1;
  if (s.title !== undefined) n += textLength(s.title);
  if (s.description !== undefined) n += textLength(s.description);
  const parts = branchParts(s.steps, branches);
  const table = holderTable([...s.steps, ...parts.flatMap((b) => b.own)]);
  n += varintLength(table.length);
  for (const h of table) n += textLength(h);
  const index = new Map(table.map((h, i) => [h, i]));
  n += varintLength(s.steps.length);
  for (const op of s.steps) n += stepLength(op, index);
  if (branches.length > 0) n += varintLength(parts.length);
  for (const p of parts) {
    n += varintLength(p.forkAt) + varintLength(p.shared) + varintLength(p.own.length);
    for (const op of p.own) n += stepLength(op, index);
  }
  return linkChars(n);
}

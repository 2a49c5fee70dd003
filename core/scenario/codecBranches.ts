/**
 * Branches in the share link (layout v3, after the scenario's last step): branch count, then
 * per branch: forkAt | steps shared with the scenario's line (a prefix) | own step count | own
 * steps (codecSteps.ts). A branch is stored as its difference from the line, so a long
 * experiment with a few dead ends costs a few bytes per dead end, not a copy of the history.
 */
import { grouped } from '../units.ts';
import type { Op } from '../types.ts';
import type { ByteReader, ByteWriter } from './bytes.ts';
import { LIMITS, limitLabel, stepBlockVisits } from './limits.ts';
import type { BranchPart } from './branchParts.ts';
import { readStep, stepKey, writeStep } from './codecSteps.ts';
import { formatErrors, validateStep } from './parse.ts';
import type { LinkBranch, Scenario } from './types.ts';

export function writeBranches(
  w: ByteWriter,
  parts: readonly BranchPart<Op>[],
  holders: readonly string[],
): void {
  w.uint(parts.length);
  for (const p of parts) {
    w.uint(p.forkAt);
    w.uint(p.shared);
    w.uint(p.own.length);
    for (const op of p.own) writeStep(w, op, holders);
  }
}

/**
 * Reads the branch list; a string says what is wrong. Canonical (one link per document):
 * at least one branch (else the link is v1 or v2), and each shared prefix as long as it can
 * be (a branch's first own step differs from the line's step at that index).
 */
export function readBranches(
  r: ByteReader,
  holders: readonly string[],
  line: readonly Record<string, unknown>[],
): BranchPart<Record<string, unknown>>[] | string {
  const n = r.uint();
  if (r.problem !== undefined) return r.problem;
  if (n === 0) return 'the link is written as version 3 but carries no branch';
  if (n > LIMITS.branches)
    return `the link carries too many branches (${grouped(n)}; at most ${grouped(LIMITS.branches)}, ${limitLabel('branches')})`;
  const out: BranchPart<Record<string, unknown>>[] = [];
  for (let b = 1; b <= n; b++) {
    const forkAt = r.uint();
    const shared = r.uint();
    const count = r.uint();
    if (r.problem !== undefined) return r.problem;
    if (shared > line.length)
      return `branch ${b} shares ${grouped(shared)} steps with a line of ${grouped(line.length)}`;
    if (shared + count > LIMITS.steps || forkAt > LIMITS.steps)
      return `branch ${b} has too many steps (at most ${grouped(LIMITS.steps)}, ${limitLabel('steps')})`;
    const own: Record<string, unknown>[] = [];
    for (let i = 0; i < count && r.problem === undefined; i++)
      own.push(readStep(r, holders, `branch ${b} step ${shared + i + 1}`));
    if (r.problem !== undefined) return r.problem;
    const first = own[0];
    if (first !== undefined && shared < line.length && stepKey(first) === stepKey(line[shared] as Op))
      return `branch ${b} repeats the line's step ${shared + 1} instead of sharing it (was the link edited?)`;
    out.push({ forkAt, shared, own });
  }
  return out;
}

/**
 * The branches of a decoded scenario, each validated as a scenario of its own (it becomes the
 * open scenario when the user switches to it): its own steps parsed, its work within the
 * block-visit limit. Its link length needs no check: a branch written alone is never longer
 * than the whole link (its holder table is a subset, its step count varint at most the two
 * varints that stood for it).
 */
export function parseBranches(
  s: Scenario,
  parts: readonly BranchPart<Record<string, unknown>>[],
): LinkBranch[] | string {
  const visits = (op: Op): number =>
    stepBlockVisits(op as unknown as Record<string, unknown>, s.config.size, s.config.pageSize);
  const before = [0];
  for (const op of s.steps) before.push((before.at(-1) as number) + visits(op));
  const out: LinkBranch[] = [];
  for (const [b, p] of parts.entries()) {
    const own: Op[] = [];
    let total = before[p.shared] as number;
    for (const [i, raw] of p.own.entries()) {
      const v = validateStep(raw);
      if (!v.ok)
        return `the link's branch ${b + 1} is invalid at its step ${p.shared + i + 1}: ${formatErrors(v.errors.slice(0, 3))}`;
      own.push(v.op);
      total += visits(v.op);
    }
    if (total > LIMITS.blockVisits)
      return `the link's branch ${b + 1} visits ${grouped(total)} huge-page blocks; at most ${grouped(LIMITS.blockVisits)} (${limitLabel('blockVisits')})`;
    out.push({ steps: [...s.steps.slice(0, p.shared), ...own], forkAt: p.forkAt });
  }
  return out;
}

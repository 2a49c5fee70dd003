/**
 * One step in the share link (every codec version writes steps the same way): op index
 * (5 bits) + has-note bit, then its fields in OP_FIELDS order: sizes as 2 x pages when 4K
 * aligned, else 1 and the byte count; attributes and booleans as one byte (0 absent);
 * holders as table index + 1; the note last.
 */
import type { Op, OpName } from '../types.ts';
import { PAGE, grouped } from '../units.ts';
import type { ByteReader, ByteWriter } from './bytes.ts';
import { longSizeProblem } from './canonical.ts';
import { OP_FIELDS } from './fields.ts';
import { LIMITS, limitLabel } from './limits.ts';

const OPS = Object.keys(OP_FIELDS) as OpName[];

export function writeSize(w: ByteWriter, n: number): void {
  if (n % PAGE === 0) w.uint((n / PAGE) * 2);
  else {
    w.uint(1);
    w.uint(n);
  }
}

export function readSize(r: ByteReader): number {
  const v = r.uint();
  if (v === 1) return longSizeProblem(r, r.uint());
  if (v % 2 === 1) r.problem ??= 'a size in the link is malformed';
  return (v / 2) * PAGE;
}

const tri = (v: unknown, a: unknown, b: unknown): number => (v === a ? 1 : v === b ? 2 : 0);

export function writeStep(w: ByteWriter, op: Op, holders: readonly string[]): void {
  w.byte(OPS.indexOf(op.op) | (Number(op.note !== undefined) << 5));
  const rec = op as unknown as Record<string, unknown>;
  for (const [k, [kind]] of Object.entries(OP_FIELDS[op.op])) {
    const v = rec[k];
    if (kind === 'size' || kind === 'splitTo' || kind === 'mergeSize') writeSize(w, v as number);
    else if (kind === 'attr') w.byte(tri(v, 'shared', 'private'));
    else if (kind === 'bool') w.byte(tri(v, false, true));
    else if (kind === 'holder') w.uint(v === undefined ? 0 : holders.indexOf(v as string) + 1);
  }
  if (op.note !== undefined) w.text(op.note);
}

/** Reads a step as raw JSON-like fields (the parser validates them); `where` names it in messages ("step 3"). */
export function readStep(r: ByteReader, holders: readonly string[], where: string): Record<string, unknown> {
  const head = r.byte();
  const name = OPS[head & 31];
  if (name === undefined || (head & 0xc0) !== 0) {
    r.problem ??= `${where} has an unknown operation code`;
    return {};
  }
  const out: Record<string, unknown> = { op: name };
  for (const [k, [kind]] of Object.entries(OP_FIELDS[name])) {
    if (kind === 'size' || kind === 'splitTo' || kind === 'mergeSize') out[k] = readSize(r);
    else if (kind === 'attr' || kind === 'bool') {
      const v = r.byte();
      const vals = kind === 'attr' ? [undefined, 'shared', 'private'] : [undefined, false, true];
      if (v > 2) r.problem ??= `${where} has a malformed ${k}`;
      if (vals[v] !== undefined) out[k] = vals[v];
    } else if (kind === 'holder') {
      const i = r.uint();
      if (i > holders.length) r.problem ??= `${where} names a holder the link does not define`;
      if (i > 0) out[k] = holders[i - 1];
    }
  }
  if ((head & 32) !== 0) out['note'] = r.text(LIMITS.textBytes);
  return out;
}

/**
 * A step count and that many steps (named "`what` 0", "`what` 1"… in messages), as raw
 * fields; a string says what is wrong.
 */
export function readSteps(
  r: ByteReader,
  holders: readonly string[],
  what: string,
): Record<string, unknown>[] | string {
  const n = r.uint();
  if (n > LIMITS.steps)
    return `the link has too many steps (${grouped(n)}; at most ${grouped(LIMITS.steps)}, ${limitLabel('steps')})`;
  const steps: Record<string, unknown>[] = [];
  for (let i = 0; i < n && r.problem === undefined; i++) steps.push(readStep(r, holders, `${what} ${i}`));
  return r.problem ?? steps;
}

/**
 * What a step writes, independent of the holder table (which depends on the steps): two
 * steps have the same key exactly when the codec writes them the same way. Works on parsed
 * ops and on the raw fields readStep returns alike (absent optional fields are null).
 */
export function stepKey(op: Op | Record<string, unknown>): string {
  const rec = op as Record<string, unknown>;
  const name = rec['op'] as OpName;
  const fields = Object.hasOwn(OP_FIELDS, name) ? Object.keys(OP_FIELDS[name]) : [];
  return JSON.stringify([name, ...fields.map((k) => rec[k] ?? null), rec['note'] ?? null]);
}

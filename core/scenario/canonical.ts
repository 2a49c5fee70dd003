/**
 * Decoding accepts exactly what encoding produces: each function here refuses one form that
 * the v1 layout could express but encodeScenario never writes, so that two different links
 * never open the same scenario (a link names one scenario, and tools may compare links).
 * The checks of the byte stream itself (padded varints, unused base64 bits) live in bytes.ts.
 */
import type { ByteReader } from './bytes.ts';
import { PAGE } from '../units.ts';

/** Why the text before the "." is not a version number as written by a Folioscope. */
export function versionProblem(head: string, current: number): string | undefined {
  if (!/^[0-9]{1,6}$/.test(head) || Number(head) < 1)
    return 'the link does not start with a codec version ("1.")';
  if (head.startsWith('0')) return `the link's version "${head}" is written with a leading zero`;
  const version = Number(head);
  return version > current
    ? `the link was made by a newer Folioscope (link format ${version}; this one reads up to ${current})`
    : undefined;
}

/** A size written in the long form (marker 1 + bytes) must not be page aligned. */
export function longSizeProblem(r: ByteReader, n: number): number {
  if (r.problem === undefined && n % PAGE === 0)
    r.problem = 'a size in the link is written in its long form although it is page aligned';
  return n;
}

/**
 * The holder table must list exactly the holders the steps name, once each, in the order
 * of first use (that is how it is written): no unused, repeated or reordered names.
 */
export function holderOrderProblem(
  table: readonly string[],
  steps: readonly Record<string, unknown>[],
): string | undefined {
  const used: string[] = [];
  for (const s of steps) {
    const h = s['holder'];
    if (typeof h === 'string' && !used.includes(h)) used.push(h);
  }
  if (table.length !== used.length || table.some((h, i) => h !== used[i]))
    return 'the link lists holders that its steps do not use in that order (was it edited?)';
  return undefined;
}

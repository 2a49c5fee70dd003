import type { GmemConfig, GmemState } from '../types.ts';
import { PAGE, SIZE_1G, SIZE_2M, alignDown, alignUp } from '../units.ts';
import { lastOf, overlapping, runAt, toRuns } from './rangeMap.ts';

/** A single folio: [start, start + size). */
export interface Folio {
  readonly start: number;
  readonly size: number;
}

export const isHugetlb = (c: GmemConfig): boolean => c.pageSize > PAGE;

/** The HugeTLB block (or 4K page on a 4K file) containing x. */

/** The folio in the page cache that contains x, if any. */
export function folioAt(s: GmemState, x: number): Folio | undefined {
  const r = runAt(s.folios, x);
  return r === undefined ? undefined : { start: alignDown(x, r.value), size: r.value };
}

/** [start, end) widened to the boundaries of the folios it cuts. */
export function widenToFolios(s: GmemState, start: number, end: number): [number, number] {
  // folioAt's runs read directly: every step widens each range it touched, twice.
  const a = runAt(s.folios, start);
  const b = end > start ? runAt(s.folios, end - 1) : undefined;
  return [
    a === undefined ? start : alignDown(start, a.value),
    b === undefined ? end : alignDown(end - 1, b.value) + b.value,
  ];
}

/** [start, end) widened to whole blocks and clipped to the file. */
export function widenToBlocks(c: GmemConfig, start: number, end: number): [number, number] {
  return [alignDown(start, c.pageSize), Math.min(c.size, alignUp(end, c.pageSize))];
}

/** Folio runs overlapping [start, end), widened to whole folios. */
export function folioRunsIn(
  s: GmemState,
  start: number,
  end: number,
): { start: number; end: number; size: number }[] {
  return overlapping(s.folios, start, end).map((r) => ({
    start: Math.max(r.start, alignDown(start, r.value)),
    end: Math.min(r.end, alignUp(end, r.value)),
    size: r.value,
  }));
}

/** Large folios (> 4K) overlapping [start, end), one by one (there are few of them). */
export function largeFoliosIn(s: GmemState, start: number, end: number): Folio[] {
  const out: Folio[] = [];
  for (const r of folioRunsIn(s, start, end)) {
    if (r.size === PAGE) continue;
    for (let x = r.start; x < r.end; x += r.size) out.push({ start: x, size: r.size });
  }
  return out;
}

/** The next smaller folio size on the 1G -> 2M -> 4K ladder. */
export const stepDown = (size: number): number => (size === SIZE_1G ? SIZE_2M : PAGE);

/** Blocks (as offsets) that hold any folio within [start, end). */
export function presentBlocks(s: GmemState, start: number, end: number): number[] {
  const P = s.config.pageSize;
  const out: number[] = [];
  for (const r of overlapping(s.folios, start, end)) {
    let b = alignDown(Math.max(r.start, start), P);
    if (lastOf(out) === b) b += P;
    for (; b < Math.min(r.end, end); b += P) out.push(b);
  }
  return out;
}

/** How many blocks of the file hold folios (HugeTLB pages taken from the subpool). */
export function blocksInUse(s: GmemState): number {
  const P = s.config.pageSize;
  let n = 0;
  let last = -1;
  for (const r of toRuns(s.folios)) {
    const first = alignDown(r.start, P);
    const lastBlock = alignDown(r.end - 1, P);
    n += (lastBlock - first) / P + 1 - (first === last ? 1 : 0);
    last = lastBlock;
  }
  return n;
}

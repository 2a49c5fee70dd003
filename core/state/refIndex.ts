import type { GmemState, RefRecord } from '../types.ts';

/**
 * state.refs is kept sorted by (start, id) so that the references overlapping a range are
 * found by binary search instead of a scan: a VMM with thousands of pins stays fast.
 */
export const byStartThenId = (x: RefRecord, y: RefRecord): number => x.start - y.start || x.id - y.id;

const longest = new WeakMap<readonly RefRecord[], number>();

/** The longest record of a refs array (an upper bound on how far back an overlap can start). */
function maxLength(refs: readonly RefRecord[]): number {
  let n = longest.get(refs);
  if (n === undefined) {
    n = 0;
    for (const r of refs) n = Math.max(n, r.end - r.start);
    longest.set(refs, n);
  }
  return n;
}

function firstStartingAtOrAfter(refs: readonly RefRecord[], x: number): number {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((refs[mid] as RefRecord).start >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** References (on file folios and orphans alike) whose pages overlap [start, end). */
export function refsOverlapping(s: GmemState, start: number, end: number): RefRecord[] {
  const refs = s.refs;
  const out: RefRecord[] = [];
  for (let i = firstStartingAtOrAfter(refs, start - maxLength(refs)); i < refs.length; i++) {
    const r = refs[i] as RefRecord;
    if (r.start >= end) break;
    if (r.end > start) out.push(r);
  }
  return out;
}

/**
 * A refs array derived from `from` whose records are pieces of from's records (never longer):
 * from's bound stays valid, which saves recomputing it.
 */
export function sameBound(from: readonly RefRecord[], to: RefRecord[]): RefRecord[] {
  const n = longest.get(from);
  if (n !== undefined) longest.set(to, n);
  return to;
}

/** Inserts a record at its sorted place. */
export function insertRef(refs: readonly RefRecord[], r: RefRecord): RefRecord[] {
  const i = firstStartingAtOrAfter(refs, r.start + 1);
  const out = [...refs.slice(0, i), r, ...refs.slice(i)];
  longest.set(out, Math.max(maxLength(refs), r.end - r.start));
  return out;
}

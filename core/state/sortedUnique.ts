/**
 * The sorted, de-duplicated values of a cut list. A frame's cuts (app/features/folio-tree/
 * focus.ts) are the boundaries of a dozen
 * or so sorted run lists one after the other (folios, page states, blocks, mappings... of two
 * states): merging those runs costs a few passes where a sort of the 17,000 cuts of a long
 * history cost ~4 ms per seek. A far observation's folio cut points (observe.ts) are a few
 * such lists too. Input in no order at all falls back to the native sort.
 */

/** More runs than this: the input is not a concatenation of sorted lists, sort it. */
const MAX_RUNS = 64;

/** `a` sorted ascending, duplicates dropped: the reference the fast path must equal. */
export function sortedUniqueReference(a: Float64Array): Float64Array {
  return dedupe(a.toSorted());
}

function dedupe(all: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < all.length; i++)
    if (i === 0 || (all[i] as number) !== all[m - 1]) all[m++] = all[i] as number;
  return all.slice(0, m);
}

/** Merges the sorted runs src[lo, mid) and src[mid, hi) into dst[lo, hi). */
function merge(src: Float64Array, dst: Float64Array, lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) dst[k++] = (src[i] as number) <= (src[j] as number) ? src[i++]! : src[j++]!;
  while (i < mid) dst[k++] = src[i++] as number;
  while (j < hi) dst[k++] = src[j++] as number;
}

/** `values` (finite numbers) sorted ascending without duplicates, as a new array. */
export function sortedUnique(values: Float64Array): Float64Array {
  const n = values.length;
  // One pass copies the values, drops each one equal to the value before it (most lists are
  // contiguous runs: one run's end is the next one's start, so half the cuts go here) and
  // notes where each ascending run starts.
  let src = new Float64Array(n);
  const starts = [0];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (m > 0) {
      const last = src[m - 1] as number;
      if (v === last) continue;
      if (v < last) {
        starts.push(m);
        if (starts.length > MAX_RUNS) return sortedUniqueReference(values);
      }
    }
    src[m++] = v;
  }
  // One ascending run without neighbours equal: already the answer.
  if (starts.length === 1) return m === n ? src : src.slice(0, m);
  starts.push(m);
  let dst = new Float64Array(m);
  // Bottom-up: merge neighbouring runs pairwise until one is left.
  let bounds = starts;
  while (bounds.length > 2) {
    const next = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r] as number;
      const mid = bounds[r + 1] as number;
      const hi = bounds[r + 2] ?? mid;
      merge(src, dst, lo, mid, hi);
      next.push(hi);
    }
    [src, dst] = [dst, src];
    bounds = next;
  }
  return dedupe(src.subarray(0, m));
}

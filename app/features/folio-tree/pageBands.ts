/**
 * The pages row: one band per maximal run of page states (core's classification), derived
 * from the row last built where the two states differ (core's pageStatesChanged). A step
 * among 10,000 pins changes one folio's pages; classifying the whole file again (~20,000 runs)
 * was most of the first frame of each step.
 */
import { eachPageState, hex, pageStatesChanged } from '../../../core/index.ts';
import type { GmemState, PageStateId } from '../../../core/index.ts';
import { titleOf, type Band } from '../../animation/morph.ts';
import { PAGE_STATE_COLOR } from '../theme.ts';

// A page band is about its state alone: its run is the band itself (a settled row draws its
// bands as they are; a morphing one, the stretch of it drawn).
const pageTitle = titleOf((state: PageStateId, b: Band) => `${hex(b.start)}–${hex(b.end)}: ${state}`);

const band = (start: number, end: number, value: PageStateId): Band => ({
  start,
  end,
  fill: PAGE_STATE_COLOR[value],
  title: pageTitle,
  about: value,
});

/** The last row built and its state (one: a WeakMap would keep each state's row for nothing). */
let last: { readonly s: GmemState; readonly bands: readonly Band[] } | undefined;

/** The pages row of `s`. */
export function pageBands(s: GmemState): readonly Band[] {
  const size = s.config.size;
  const span = last === undefined ? undefined : pageStatesChanged(last.s, s);
  let bands: readonly Band[];
  if (last === undefined || (span !== undefined && span[1] - span[0] > size / 2))
    bands = classified(s, 0, size);
  else bands = span === undefined ? last.bands : patched(last.bands, s, span[0], span[1]);
  last = { s, bands };
  return bands;
}

/** The bands of [a, b) (straight from the classification's sweep: no run object in between). */
function classified(s: GmemState, a: number, b: number): Band[] {
  const out: Band[] = [];
  eachPageState(s, a, b, (start, end, value) => out.push(band(start, end, value)));
  return out;
}

/**
 * `row` (the bands of a state whose page states equal those of `s` outside [lo, hi)) with
 * the bands overlapping [lo, hi) classified again in `s`, joined to their neighbours where
 * they continue them (bands stay maximal runs, as a whole classification makes them).
 */
function patched(row: readonly Band[], s: GmemState, lo: number, hi: number): Band[] {
  // Bands tile the file: those overlapping [lo, hi) are row[i, j), from row[i].start to row[j - 1].end.
  const i = firstEndingAfter(row, lo);
  let j = i;
  while (j < row.length && (row[j] as Band).start < hi) j++;
  if (i >= j) return row.slice();
  const fresh = classified(s, (row[i] as Band).start, (row[j - 1] as Band).end);
  const before = row[i - 1];
  const after = row[j];
  let a = i;
  let b = j;
  const first = fresh[0];
  if (before !== undefined && first !== undefined && before.about === first.about) {
    fresh[0] = band(before.start, first.end, first.about as PageStateId);
    a--;
  }
  const tail = fresh[fresh.length - 1];
  if (after !== undefined && tail !== undefined && after.about === tail.about) {
    fresh[fresh.length - 1] = band(tail.start, after.end, tail.about as PageStateId);
    b++;
  }
  return row.toSpliced(a, b - a, ...fresh);
}

/** Index of the first band ending after x (binary search). */
function firstEndingAfter(row: readonly Band[], x: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((row[mid] as Band).end > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

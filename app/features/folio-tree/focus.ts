/**
 * What the focus-and-context scale keeps visible: the boundaries of every run the core reports
 * (folio runs with their counts, page states, blocks, mappings, references, orphans), the
 * selection and the range the last step touched. Runs only: a 1 TiB file costs a few cuts.
 */
import { PAGE, allRefs, stepEvents, toRuns } from '../../../core/index.ts';
import type { GmemState, StepOutcome } from '../../../core/index.ts';
import { recentMemo } from '../../store/recentMemo.ts';
import { blockRuns, observation } from '../../store/selectors.ts';
import { rowBands } from './bands.ts';
import { sortedUnique } from '../../../core/index.ts';

/**
 * Run boundaries of one state, sorted and without duplicates (memoised for the states last
 * looked at: states are immutable). Most boundaries are shared by several lists (a folio's ends are also page-state
 * and block boundaries): ~20,000 cuts of a long history's frame are ~4,000 distinct ones.
 */
export const stateCuts: (s: GmemState) => Float64Array = recentMemo(cutsOf);

function cutsOf(s: GmemState): Float64Array {
  const obs = observation(s);
  // The page states' runs are the pages row's bands (drawn anyway: no classification of its own).
  const pages = rowBands(s).pages;
  const blocks = blockRuns(s);
  const refs = allRefs(s.refs);
  const orphans = s.orphans.map((o) => toRuns(o.folios));
  // Written straight into an array of the right length (a growing list, then a copy, cost
  // ~0.2 MB a state in a long history).
  const runs =
    obs.folios.length +
    pages.length +
    blocks.length +
    obs.guestMappings.length +
    obs.hostMappings.length +
    obs.vmas.length +
    refs.length +
    orphans.reduce((n, o) => n + 1 + o.length, 0);
  const out = new Float64Array(2 * runs);
  let n = 0;
  for (const f of obs.folios) n = put(out, n, f.offset, f.offset + f.count * f.size);
  for (const r of pages) n = put(out, n, r.start, r.end);
  for (const r of blocks) n = put(out, n, r.start, r.end);
  for (const m of obs.guestMappings) n = put(out, n, m.offset, m.offset + m.length);
  for (const m of obs.hostMappings) n = put(out, n, m.offset, m.offset + m.length);
  for (const m of obs.vmas) n = put(out, n, m.offset, m.offset + m.length);
  n = refCuts(out, n, refs);
  s.orphans.forEach((o, i) => {
    n = put(out, n, o.start, o.end);
    for (const r of orphans[i] ?? []) n = put(out, n, r.start, r.end);
  });
  // A miscount would drop cuts silently (a typed array ignores writes past its end).
  if (n !== out.length) throw new Error(`stateCuts: counted ${out.length} cuts, wrote ${n}`);
  return sortedUnique(out);
}

/** The byte range a step's events and transitions name (the kernel functions it called), or null. */
export function touchedRange(outcome: StepOutcome | undefined): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const e of stepEvents(outcome)) {
    if (e.offset === undefined) continue;
    start = Math.min(start, e.offset);
    end = Math.max(end, e.offset + (e.length ?? PAGE));
  }
  return end > start ? { start, end } : null;
}

/**
 * Every cut for a frame, sorted and without duplicates: both states of the step (the scale
 * holds still while it plays) and the focus ranges. Two sorted lists and a few values merge
 * in one pass.
 */
export function frameCuts(
  prev: GmemState | undefined,
  next: GmemState | undefined,
  focus: readonly ({ start: number; end: number } | null)[],
): Float64Array {
  const a = next === undefined ? EMPTY : stateCuts(next);
  const b = prev === undefined || prev === next ? EMPTY : stateCuts(prev);
  const ranges = focus.filter((f) => f !== null);
  const all = new Float64Array(a.length + b.length + 2 * ranges.length);
  all.set(a);
  all.set(b, a.length);
  ranges.forEach((f, i) => all.set([f.start, f.end], a.length + b.length + 2 * i));
  return sortedUnique(all);
}

const EMPTY = new Float64Array(0);

/**
 * The references' starts (sorted: the index keeps them so), then their ends, sorted where they
 * are not (a long reference before short ones). As start-end pairs, two pins on one page made
 * a descent each, and a few hundred of them sent every seek's cuts to a full sort (~2 ms at
 * 10,000 pins) instead of sortedUnique's merge of sorted runs.
 */
function refCuts(out: Float64Array, n: number, refs: readonly { start: number; end: number }[]): number {
  for (const r of refs) out[n++] = r.start;
  const from = n;
  let sorted = true;
  for (const r of refs) {
    if (n > from && r.end < (out[n - 1] as number)) sorted = false;
    out[n++] = r.end;
  }
  if (!sorted) out.subarray(from, n).sort();
  return n;
}

/** Writes a run's ends at n and returns the next index (no closure over a counter: a hot loop). */
function put(out: Float64Array, n: number, start: number, end: number): number {
  out[n] = start;
  out[n + 1] = end;
  return n + 2;
}

/**
 * What the focus-and-context scale keeps visible: the boundaries of every run the core reports
 * (folio runs with their counts, page states, blocks, mappings, references, orphans), the
 * selection and the range the last step touched. Runs only: a 1 TiB file costs a few cuts.
 */
import { bisectLeft, bisector } from 'd3';
import { PAGE, allRefs, observedChanged, refsOverlapping, stepEvents, toRuns } from '../../../core/index.ts';
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

/** The cuts last made and their state: the next state's are derived from them (core's observedChanged). */
let lastCuts: { readonly s: GmemState; readonly cuts: Float64Array } | undefined;

/**
 * A state's cuts from the last state's where the two differ over less than half the file (a
 * step, or a scrub through nearby steps): the last cuts outside that span, and those of the
 * runs over it. A step among 10,000 pins changes one page of ~40,000 cuts.
 */
function cutsOf(s: GmemState): Float64Array {
  const last = lastCuts;
  const span = last === undefined ? undefined : observedChanged(last.s, s);
  let cuts: Float64Array;
  if (last === undefined || (span !== undefined && span[1] - span[0] > s.config.size / 2))
    cuts = wholeCuts(s);
  else cuts = span === undefined ? last.cuts : patchedCuts(last.cuts, s, span[0], span[1]);
  lastCuts = { s, cuts };
  return cuts;
}

/**
 * `cuts` (of a state whose runs equal those of `s` outside [lo, hi]) with the cuts in
 * [lo, hi] made again from the runs of `s` that reach into it: those before lo, those in it
 * and those past hi are three sorted stretches, joined in order.
 */
function patchedCuts(cuts: Float64Array, s: GmemState, lo: number, hi: number): Float64Array {
  const i = bisectLeft(cuts, lo);
  const j = bisectLeft(cuts, hi + 1);
  const fresh = sortedUnique(cutsIn(s, lo, hi));
  const out = new Float64Array(i + fresh.length + cuts.length - j);
  out.set(cuts.subarray(0, i));
  out.set(fresh, i);
  out.set(cuts.subarray(j), i + fresh.length);
  return out;
}

/** A run of a list: [start, end), however the list writes it. */
type Ends<T> = (item: T) => readonly [number, number];

/** The ends in [lo, hi] of the items of a list sorted by start (and by end) that reach it. */
function endsIn<T>(out: number[], items: readonly T[], ends: Ends<T>, lo: number, hi: number): void {
  for (let k = bisector((item: T) => ends(item)[1]).left(items, lo); k < items.length; k++) {
    const [start, end] = ends(items[k] as T);
    if (start > hi) break;
    if (start >= lo) out.push(start);
    if (end <= hi) out.push(end);
  }
}

const offsetRun = (m: { offset: number; length: number }) => [m.offset, m.offset + m.length] as const;
const run = (r: { start: number; end: number }) => [r.start, r.end] as const;

/** Every cut of `s` in [lo, hi]: wholeCuts's sources, only their runs that reach into it. */
function cutsIn(s: GmemState, lo: number, hi: number): Float64Array {
  const obs = observation(s);
  const out: number[] = [];
  endsIn(out, obs.folios, (f) => [f.offset, f.offset + f.count * f.size] as const, lo, hi);
  endsIn(out, rowBands(s).pages, run, lo, hi);
  endsIn(out, blockRuns(s), run, lo, hi);
  endsIn(out, obs.guestMappings, offsetRun, lo, hi);
  endsIn(out, obs.hostMappings, offsetRun, lo, hi);
  endsIn(out, obs.vmas, offsetRun, lo, hi);
  // References overlap one another (not sorted by end): every one touching [lo, hi].
  for (const r of refsOverlapping(s, Math.max(0, lo - 1), hi + 1)) {
    if (r.start >= lo && r.start <= hi) out.push(r.start);
    if (r.end >= lo && r.end <= hi) out.push(r.end);
  }
  for (const o of s.orphans) {
    for (const x of [o.start, o.end]) if (x >= lo && x <= hi) out.push(x);
    endsIn(out, toRuns(o.folios), run, lo, hi);
  }
  return Float64Array.from(out);
}

/** Every cut of a state, from all its runs. */
function wholeCuts(s: GmemState): Float64Array {
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

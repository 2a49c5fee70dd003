import type { GmemState } from './types.ts';
import { PAGE, alignDown } from './units.ts';
import { isHugetlb, widenToFolios } from './state/folios.ts';
import { refsOverlapping } from './state/refIndex.ts';
import {
  canonicalRuns,
  firstEndingAfter,
  nextRun,
  overlapping,
  runAt,
  slice,
  type RangeMap,
  type Run,
  type Runs,
} from './state/rangeMap.ts';
import type { BlockStateId, PageStateId } from './diagram.ts';

/**
 * Pages whose folio holds extra references: 'ref' (transient only), 'pin' (a GUP pin; it wins
 * over transient ones) or 'arch' (TDX; it wins over both: a page TDX leaked stays leaked
 * whatever else holds it). A transient reference is not a pin (semantics.md, Objects): a page
 * held only transiently is "referenced". One sweep over the folio-widened references, so many
 * references cost n log n, not n^2.
 */
export function heldFolios(s: GmemState, start: number, end: number): Runs<Held> {
  // A reference anywhere in a folio holds every page of it: look across whole folios.
  const [wa, wb] = widenToFolios(s, start, end);
  return heldInFolios(s, wa, wb);
}

/**
 * heldFolios of [wa, wb), a range of whole folios (it cuts none): the transitions ask it of
 * ranges already widened to the folios of both states, which need not be widened again.
 */
export function heldInFolios(s: GmemState, wa: number, wb: number): Runs<Held> {
  // The marks where a folio's holders start and stop, as two lists: offsets and what changes
  // there (+/- TRANSIENT, PIN or ARCH). Not a tuple per mark sorted by a comparator: those
  // were most of this function's time.
  const offsets: number[] = [];
  const deltas: number[] = [];
  const refs = refsOverlapping(s, wa, wb);
  // The folio run last found: most references of a range fall in one run of folios (runs of
  // equal folios are merged), which is then not searched again for each end of each.
  let f: Run<number> | undefined;
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k] as (typeof refs)[number];
    if (r.orphan !== null) continue;
    if (f === undefined || r.start < f.start || r.start >= f.end) f = runAt(s.folios, r.start);
    const fa = f === undefined ? r.start : floorTo(r.start, f.value);
    const last = r.end - 1;
    if (f === undefined || last < f.start || last >= f.end) f = runAt(s.folios, last);
    const fb = f === undefined ? r.end : floorTo(last, f.value) + f.value;
    const kind = r.kind === 'arch' ? ARCH : r.kind === 'pin' ? PIN : TRANSIENT;
    offsets.push(fa, fb);
    deltas.push(kind, -kind);
  }
  if (offsets.length === 0) return [];
  sortMarks(offsets, deltas);
  const runs: { start: number; end: number; value: Held }[] = [];
  let transients = 0;
  let pins = 0;
  let archs = 0;
  // Read by index, never past the end: the read of offsets[offsets.length] was a
  // named-property lookup (64 MiB workload).
  const last = offsets.length - 1;
  for (let i = 0; i <= last; i++) {
    const x = offsets[i] as number;
    const d = deltas[i] as number;
    const by = d > 0 ? 1 : -1;
    if (d * by === ARCH) archs += by;
    else if (d * by === PIN) pins += by;
    else transients += by;
    if (i === last) continue;
    const next = offsets[i + 1] as number;
    if (next === x) continue;
    if (archs > 0) runs.push({ start: x, end: next, value: 'arch' });
    else if (pins > 0) runs.push({ start: x, end: next, value: 'pin' });
    else if (transients > 0) runs.push({ start: x, end: next, value: 'ref' });
  }
  return canonicalRuns(runs);
}

/** What a mark changes (heldInFolios): the holders of one kind, + where they start, - where they stop. */
const TRANSIENT = 1;
const PIN = 2;
const ARCH = 3;

/**
 * Sorts the marks (two lists side by side) by offset; marks at one offset may come in any
 * order (heldInFolios sums them all before it reads the counts). A range holds a few
 * references, their starts in order (the references are sorted by start): an insertion sort
 * in place. Many are sorted through a list of indices, in n log n.
 */
function sortMarks(offsets: number[], deltas: number[]): void {
  const n = offsets.length;
  if (n > 32) {
    const order = Array.from({ length: n }, (_, i) => i).toSorted(
      (i, j) => (offsets[i] as number) - (offsets[j] as number),
    );
    const xs = order.map((i) => offsets[i] as number);
    const ds = order.map((i) => deltas[i] as number);
    for (let i = 0; i < n; i++) {
      offsets[i] = xs[i] as number;
      deltas[i] = ds[i] as number;
    }
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = offsets[i] as number;
    const d = deltas[i] as number;
    let j = i - 1;
    for (; j >= 0 && (offsets[j] as number) > x; j--) {
      offsets[j + 1] = offsets[j] as number;
      deltas[j + 1] = deltas[j] as number;
    }
    offsets[j + 1] = x;
    deltas[j + 1] = d;
  }
}

/**
 * alignDown(x, size) of an offset x >= 0 and a folio size (integers below 2^53, where the
 * division is exact): `%` of an offset past 2 GiB, a double, is a call to fmod.
 */
const floorTo = (x: number, size: number): number => Math.floor(x / size) * size;

export type Held = 'ref' | 'pin' | 'arch';

/** What a page's state is made of (see classifyPagesHeld). */
interface Point {
  attr: string | undefined;
  folio: boolean;
  s2: boolean;
  pte: boolean;
  held: Held | undefined;
  poisoned: boolean;
}

/** The value of the run of `m` (plain sorted runs) holding x, if any. */
export const at = <V>(m: Runs<V>, x: number): V | undefined => {
  const r = m[firstEndingAfter(m, x)];
  return r !== undefined && r.start <= x ? r.value : undefined;
};

export const pageState = (p: Point): PageStateId => stateOf(p.attr, p.folio, p.s2, p.pte, p.held, p.poisoned);

function stateOf(
  attr: unknown,
  folio: boolean,
  s2: boolean,
  pte: boolean,
  held: unknown,
  poisoned: boolean,
): PageStateId {
  if (poisoned && folio) return 'poisoned';
  if (held === 'arch') return 'leaked';
  if (attr === 'private') {
    if (!folio) return 'private-hole';
    if (held === 'ref' || held === 'pin') return 'private-referenced';
    return s2 ? 'private-mapped' : 'private';
  }
  if (!folio) return 'shared-hole';
  if (held === 'pin') return 'shared-pinned';
  if (held === 'ref') return 'shared-referenced';
  return s2 || pte ? 'shared-mapped' : 'shared';
}

/**
 * The state-diagram state of every page of [start, end), as maximal runs. The classification
 * is what the diagram draws and what each step's transition events are computed from.
 * @example classifyPages(s, 0, 4096) // [{ start: 0, end: 4096, value: 'private-hole' }]
 */
export const classifyPages = (s: GmemState, start: number, end: number): Runs<PageStateId> =>
  classifyPagesHeld(s, start, end, heldFolios(s, start, end));

/** The runs of `map` overlapping [start, end): `read`, the ones of `from` there, when it is the very same map. */
const runsIn = <V>(
  map: RangeMap<V>,
  from: RangeMap<V> | undefined,
  read: Runs<unknown> | undefined,
  start: number,
  end: number,
): Runs<unknown> => (read !== undefined && from === map ? read : overlapping(map, start, end));

/**
 * A forward sweep over the runs of a page's six inputs overlapping [start, end): at each point
 * the inputs are read off the current run of each, and the next point is the nearest run
 * boundary (no search per point). Shared by classifyPagesHeld and the transitions' diff of two
 * states (transitions.ts), which sweeps both states at once instead of classifying each.
 */
export class PageSweep {
  private readonly s: GmemState;
  private readonly lists: Runs<unknown>[];
  private readonly index: number[];
  private readonly values: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined];

  /**
   * `twin`: a sweep of the same [start, end) in another state (the state before a step). The
   * runs of a map both states share are its runs, not looked up again: a step writes one or
   * two of the five maps, and the lookups were most of a step's transitions.
   */
  constructor(s: GmemState, start: number, end: number, held: Runs<Held>, twin?: PageSweep) {
    this.s = s;
    const t = twin?.s;
    const l = twin?.lists ?? [];
    this.lists = [
      runsIn(s.attrs, t?.attrs, l[0], start, end),
      runsIn(s.folios, t?.folios, l[1], start, end),
      runsIn(s.stage2, t?.stage2, l[2], start, end),
      runsIn(s.ptes, t?.ptes, l[3], start, end),
      runsIn(s.poisoned, t?.poisoned, l[4], start, end),
      held,
    ];
    this.index = [0, 0, 0, 0, 0, firstEndingAfter(held, start)];
  }

  /** Reads the inputs at x (points visited in increasing order); answers the next boundary, at most `end`. */
  read(x: number, end: number): number {
    const { lists, index, values } = this;
    let next = end;
    for (let k = 0; k < 6; k++) {
      const list = lists[k] as Runs<unknown>;
      let i = index[k] as number;
      while (i < list.length && (list[i] as Run<unknown>).end <= x) i++;
      index[k] = i;
      const r = list[i];
      values[k] = r !== undefined && r.start <= x ? r.value : undefined;
      if (r !== undefined) next = Math.min(next, r.start <= x ? r.end : r.start);
    }
    return next;
  }

  /** The page state at the point last read. */
  state(): PageStateId {
    // Read by index: a destructuring of the array allocates an iterator per point.
    const v = this.values;
    return stateOf(
      v[0],
      v[1] !== undefined,
      v[2] !== undefined,
      v[3] !== undefined,
      v[5],
      v[4] !== undefined,
    );
  }
}

/**
 * classifyPages of [start, end) given the held folios of a range holding it (`heldFolios` of
 * that range): a step's transitions classify a few pieces of a folio with one summary.
 */
export function classifyPagesHeld(
  s: GmemState,
  start: number,
  end: number,
  held: Runs<Held>,
): Runs<PageStateId> {
  const runs: Run<PageStateId>[] = [];
  eachPageStateHeld(s, start, end, held, (a, b, value) => runs.push({ start: a, end: b, value }));
  return runs;
}

/** Receives one maximal run of page states: [start, end) and its state. */
export type PageStateSink = (start: number, end: number, value: PageStateId) => void;

/**
 * The maximal runs of classifyPages of [start, end), handed to `emit` in order instead of
 * listed: a reader that turns each run into something else (the file view's bands of a
 * long history's whole file, thousands a state) allocates no run object it then drops.
 */
export const eachPageState = (s: GmemState, start: number, end: number, emit: PageStateSink): void =>
  eachPageStateHeld(s, start, end, heldFolios(s, start, end), emit);

/** eachPageState given the held folios of a range holding [start, end) (see classifyPagesHeld). */
function eachPageStateHeld(
  s: GmemState,
  start: number,
  end: number,
  held: Runs<Held>,
  emit: PageStateSink,
): void {
  const sweep = new PageSweep(s, start, end, held);
  // The run going on: where it started and its state (emitted when the state changes).
  let from = start;
  let value: PageStateId | undefined;
  for (let x = start; x < end;) {
    const next = sweep.read(x, end);
    const v = sweep.state();
    if (v !== value) {
      if (value !== undefined) emit(from, x, value);
      from = x;
      value = v;
    }
    x = next;
  }
  if (value !== undefined) emit(from, end, value);
}

/** The page state of one page. */
export const pageStateAt = (s: GmemState, offset: number): PageStateId =>
  classifyPages(s, alignDown(offset, PAGE), alignDown(offset, PAGE) + PAGE)[0]?.value ?? 'private-hole';

/** The block (HugeTLB page) state of each block in [start, end); empty on a 4K file. */
export function classifyBlocks(s: GmemState, start: number, end: number): Runs<BlockStateId> {
  if (!isHugetlb(s.config)) return [];
  const P = s.config.pageSize;
  const runs: { start: number; end: number; value: BlockStateId }[] = [];
  for (let b = alignDown(start, P); b < end;) {
    const r = slice(s.folios, b, b + P);
    let value: BlockStateId = 'absent';
    if (r.length > 0) value = r.length === 1 && r[0]?.value === P ? 'huge' : 'split';
    // Runs of absent or huge blocks are skipped in one stride: a 1 TiB file costs little.
    let next = b + P;
    if (value !== 'split') {
      const run = nextRun(s.folios, b);
      const stop =
        value === 'huge' ? (run?.end ?? end) : run !== undefined && run.start >= b ? run.start : end;
      next = Math.max(next, Math.min(end, stop - (stop % P)));
    }
    runs.push({ start: b, end: next, value });
    b = next;
  }
  return canonicalRuns(runs);
}

import type { GmemState } from './types.ts';
import { PAGE, alignDown } from './units.ts';
import { isHugetlb, widenToFolios } from './state/folios.ts';
import { refsOverlapping } from './state/refIndex.ts';
import {
  canonicalRuns,
  chunkAfter,
  firstEndingAfter,
  nextRun,
  runCursor,
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
  // The marks where a folio's holders start and stop, as lists of offsets and of what changes
  // there (+/- TRANSIENT, PIN or ARCH): the starts, in order (the references come sorted by
  // start), and the ends. Not a tuple per mark sorted by a comparator: those were most of
  // this function's time.
  const refs = refsOverlapping(s, wa, wb);
  // No reference there (most ranges a step writes): no marks to gather.
  if (refs.length === 0) return NO_HELD;
  const starts: number[] = [];
  const startDeltas: number[] = [];
  const ends: number[] = [];
  const endDeltas: number[] = [];
  // The folio run last found: most references of a range fall in one run of folios (runs of
  // equal folios are merged), which is then not searched again for each end of each; the
  // others are found from it (the references come in order).
  let f: Run<number> | undefined;
  const folioAt = runCursor(s.folios);
  // Whether every reference holds the same folios [fa0, fb0), and the strongest kind among
  // them: references piled on one page (a VMM pinning and referencing it again and again)
  // then make one run, with no marks to sort and sweep.
  let fa0 = -1;
  let fb0 = -1;
  let one = true;
  let strongest = 0;
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k] as (typeof refs)[number];
    if (r.orphan !== null) continue;
    if (f === undefined || r.start < f.start || r.start >= f.end) f = folioAt(r.start);
    const fa = f === undefined ? r.start : floorTo(r.start, f.value);
    const last = r.end - 1;
    if (f === undefined || last < f.start || last >= f.end) f = folioAt(last);
    const fb = f === undefined ? r.end : floorTo(last, f.value) + f.value;
    const kind = r.kind === 'arch' ? ARCH : r.kind === 'pin' ? PIN : TRANSIENT;
    starts.push(fa);
    startDeltas.push(kind);
    ends.push(fb);
    endDeltas.push(-kind);
    if (fa0 < 0) {
      fa0 = fa;
      fb0 = fb;
    } else if (fa !== fa0 || fb !== fb0) one = false;
    strongest = Math.max(strongest, kind);
  }
  if (starts.length === 0) return [];
  if (one)
    return [{ start: fa0, end: fb0, value: strongest === ARCH ? 'arch' : strongest === PIN ? 'pin' : 'ref' }];
  const [offsets, deltas] = mergeMarks(starts, startDeltas, ends, endDeltas);
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

/** No page held: one list, never written (two states without references share it). */
const NO_HELD: Runs<Held> = Object.freeze([]);

/** What a mark changes (heldInFolios): the holders of one kind, + where they start, - where they stop. */
const TRANSIENT = 1;
const PIN = 2;
const ARCH = 3;

/**
 * The starts' and the ends' marks in one list in offset order: each list sorted (the ends are
 * mostly in order already, the starts always), then merged. The sweep reads every mark at an
 * offset before it emits a run there, so marks at one offset may come in any order. Among
 * 10,000 pins (a page or two pinned twice) the sort of all the marks together was ~1 ms and
 * three lists per far seek.
 */
function mergeMarks(
  starts: number[],
  startDeltas: number[],
  ends: number[],
  endDeltas: number[],
): [number[], number[]] {
  sortMarks(starts, startDeltas);
  sortMarks(ends, endDeltas);
  const offsets: number[] = [];
  const deltas: number[] = [];
  let i = 0;
  let j = 0;
  while (i < starts.length || j < ends.length)
    if (j >= ends.length || (i < starts.length && (starts[i] as number) <= (ends[j] as number))) {
      offsets.push(starts[i] as number);
      deltas.push(startDeltas[i++] as number);
    } else {
      offsets.push(ends[j] as number);
      deltas.push(endDeltas[j++] as number);
    }
  return [offsets, deltas];
}

/**
 * Sorts the marks (two lists side by side) by offset, in place; marks at one offset may come
 * in any order (heldInFolios sums them all before it reads the counts). Marks already in order
 * (most lists) are left as they are; a few are sorted by insertion, many through a list of
 * indices, in n log n.
 */
function sortMarks(offsets: number[], deltas: number[]): void {
  const n = offsets.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = (offsets[i - 1] as number) <= (offsets[i] as number);
  if (sorted) return;
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

/** The runs a sweep reads: the chunks of each of the five maps, then the held summary as one chunk. */
const INPUTS = 6;

/**
 * A forward sweep over the runs of a page's six inputs from a start: at each point the inputs
 * are read off the current run of each, and the next point is the nearest run boundary (no
 * search per point). Each input is a cursor (chunk, run) into the map's own chunks: no list of
 * the runs overlapping the range is built (five per sweep were most of what a step's
 * transitions allocated). Shared by classifyPagesHeld and the transitions' diff of two states
 * (transitions.ts), which sweeps both states at once instead of classifying each, with two
 * sweeps it keeps and resets (`reset`) rather than builds at every step.
 */
export class PageSweep {
  private s: GmemState | undefined;
  private readonly chunks: (readonly Runs<unknown>[])[] = [[], [], [], [], [], []];
  private readonly chunk = new Int32Array(INPUTS);
  private readonly run = new Int32Array(INPUTS);
  private readonly values: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  /** The held summary as the one chunk of the sixth input (kept: no array per reset). */
  private readonly held: Runs<Held>[] = [[]];

  constructor(s?: GmemState, start = 0, held?: Runs<Held>, twin?: PageSweep) {
    if (s !== undefined && held !== undefined) this.reset(s, start, held, twin);
  }

  /**
   * Starts the sweep of `s` at `start`. `twin`: a sweep of the same start in another state
   * (the state before a step), reset and not yet read: the cursors into a map both states
   * share are its cursors, not searched again (a step writes one or two of the five maps).
   */
  reset(s: GmemState, start: number, held: Runs<Held>, twin?: PageSweep): this {
    this.s = s;
    const t = twin?.s;
    this.place(0, s.attrs, t?.attrs, twin, start);
    this.place(1, s.folios, t?.folios, twin, start);
    this.place(2, s.stage2, t?.stage2, twin, start);
    this.place(3, s.ptes, t?.ptes, twin, start);
    this.place(4, s.poisoned, t?.poisoned, twin, start);
    this.held[0] = held;
    this.chunks[5] = held.length === 0 ? [] : this.held;
    this.chunk[5] = 0;
    this.run[5] = firstEndingAfter(held, start);
    return this;
  }

  /** Input k's cursor at the first run of `map` ending after start (the twin's when it is the same map). */
  private place<V>(
    k: number,
    map: RangeMap<V>,
    same: RangeMap<V> | undefined,
    twin: PageSweep | undefined,
    start: number,
  ): void {
    this.chunks[k] = map.chunks;
    if (twin !== undefined && same === map) {
      this.chunk[k] = twin.chunk[k] as number;
      this.run[k] = twin.run[k] as number;
      return;
    }
    const c = chunkAfter(map, start);
    this.chunk[k] = c;
    const chunk = map.chunks[c];
    this.run[k] = chunk === undefined ? 0 : firstEndingAfter(chunk, start);
  }

  /** Reads the inputs at x (points visited in increasing order); answers the next boundary, at most `end`. */
  read(x: number, end: number): number {
    const { chunks, chunk, run, values } = this;
    let next = end;
    for (let k = 0; k < INPUTS; k++) {
      const list = chunks[k] as readonly Runs<unknown>[];
      let c = chunk[k] as number;
      let i = run[k] as number;
      let r: Run<unknown> | undefined;
      // The first run ending after x, moving on through the chunks.
      for (; c < list.length; c++, i = 0) {
        const ch = list[c] as Runs<unknown>;
        while (i < ch.length && (ch[i] as Run<unknown>).end <= x) i++;
        if (i < ch.length) {
          r = ch[i];
          break;
        }
      }
      chunk[k] = c;
      run[k] = i;
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
  const sweep = new PageSweep(s, start, held);
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

import type { GmemState, Op, Transition } from './types.ts';
import type { PageStateId } from './diagram.ts';
import { PageSweep, classifyBlocks, heldInFolios, type Held } from './classify.ts';
import { edgeId } from './diagram.ts';
import { widenToBlocks, widenToFolios } from './state/folios.ts';
import { firstEndingAfter, lastOf, type Run, type Runs } from './state/rangeMap.ts';

type Range = readonly [number, number];

/**
 * Sorted, merged ranges (touching ones joined), clipped to [0, size). Read by index, never at
 * index -1: an empty list's `out[out.length - 1]` is a named-property lookup in V8, which
 * cost more than the rest of this function.
 */
export function mergeRanges(ranges: readonly Range[], size: number): [number, number][] {
  const out: [number, number][] = [];
  // A step writes a handful of ranges, mostly in order: sorted only when they are not.
  let sorted = true;
  let lastStart = -Infinity;
  for (let k = 0; k < ranges.length; k++) {
    const r = ranges[k] as Range;
    const a = Math.max(0, r[0]);
    const b = Math.min(size, r[1]);
    if (a >= b) continue;
    if (a < lastStart) sorted = false;
    lastStart = a;
    out.push([a, b]);
  }
  if (out.length < 2) return out;
  if (!sorted) out.sort((x, y) => x[0] - y[0]);
  let n = 1;
  for (let k = 1; k < out.length; k++) {
    const r = out[k] as [number, number];
    const last = out[n - 1] as [number, number];
    if (r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out[n++] = r;
  }
  out.length = n;
  return out;
}

/**
 * Records that [offset, offset + length) went from `from` to `to`, joined to the previous
 * transition when it continues it. The fields come as arguments, not as an object: one
 * object per piece was a good part of what a step's transitions allocated.
 */
function push(
  out: Transition[],
  op: Op,
  fn: string,
  machine: 'page' | 'block',
  from: string,
  to: string,
  offset: number,
  length: number,
): void {
  const last = lastOf(out);
  if (
    last !== undefined &&
    last.machine === machine &&
    last.from === from &&
    last.to === to &&
    last.offset + last.length === offset
  ) {
    out[out.length - 1] = { ...last, length: last.length + length };
    return;
  }
  out.push({ type: 'transition', fn, machine, edge: edgeOf(op.op, from, to), from, to, offset, length });
}

/** The edge ids built so far, by op, from and to: a step's transitions name a few edges, the same ones again and again. */
const EDGES = new Map<string, Map<string, Map<string, string>>>();

/**
 * edgeId(op, from, to), each one built once: a template string per transition was its
 * largest allocation after the transition itself (the ids are a few hundred at most).
 */
function edgeOf(op: Op['op'], from: string, to: string): string {
  let byFrom = EDGES.get(op);
  if (byFrom === undefined) EDGES.set(op, (byFrom = new Map()));
  let byTo = byFrom.get(from);
  if (byTo === undefined) byFrom.set(from, (byTo = new Map()));
  let id = byTo.get(to);
  if (id === undefined) byTo.set(to, (id = edgeId(op, from, to)));
  return id;
}

/**
 * The changes between two classifications of one range (both sorted runs), as merged
 * transitions: one walk over both, piece by piece where their runs overlap.
 */
export function diffRuns<Id extends string>(
  machine: 'page' | 'block',
  op: Op,
  fn: string,
  a: Runs<Id>,
  b: Runs<Id>,
  out: Transition[],
): void {
  let j = 0;
  for (const r of a) {
    while (j < b.length && (b[j] as Run<Id>).end <= r.start) j++;
    for (let k = j; k < b.length && (b[k] as Run<Id>).start < r.end; k++) {
      const q = b[k] as Run<Id>;
      if (q.value === r.value) continue;
      const offset = Math.max(q.start, r.start);
      const length = Math.min(q.end, r.end) - offset;
      push(out, op, fn, machine, r.value, q.value, offset, length);
    }
  }
}

/**
 * diffRuns of the two states' page classifications of [x, y), in one sweep of both (no runs
 * built): where the states differ, maximal pieces with the same (from, to), in offset order.
 * diffRuns' pieces are those too (two pieces it gives side by side differ in from or in to).
 */
function diffPages(
  op: Op,
  fn: string,
  before: PageSweep,
  after: PageSweep,
  x: number,
  y: number,
  out: Transition[],
): void {
  // The piece being extended: [start, end) going from `from` to `to`.
  let from: PageStateId | undefined;
  let to: PageStateId | undefined;
  let start = 0;
  let end = 0;
  for (let p = x; p < y;) {
    const next = Math.min(before.read(p, y), after.read(p, y));
    const f = before.state();
    const t = after.state();
    if (f !== t) {
      if (f === from && t === to && end === p) end = next;
      else {
        if (from !== undefined && to !== undefined) push(out, op, fn, 'page', from, to, start, end - start);
        from = f;
        to = t;
        start = p;
        end = next;
      }
    }
    p = next;
  }
  if (from !== undefined && to !== undefined) push(out, op, fn, 'page', from, to, start, end - start);
}

/**
 * Where a page's state may differ inside [a, b) (a range of whole folios of both states):
 * where the op wrote (`own`: a page's own attribute, folio, mappings and poison change only
 * there) and where the folio-level summary of references differs (`before`, `after`:
 * heldFolios of [a, b) in each state). Everywhere else the page's inputs are the same.
 */
function mayChange(
  own: readonly Range[],
  before: Runs<Held>,
  after: Runs<Held>,
  a: number,
  b: number,
): readonly Range[] {
  const out: Range[] = [];
  for (let k = 0; k < own.length; k++) {
    const x = (own[k] as Range)[0];
    const y = (own[k] as Range)[1];
    if (x < b && y > a) out.push([Math.max(a, x), Math.min(b, y)]);
  }
  if (before !== after) heldDiffers(before, after, a, b, out);
  // One piece (a step writes one range, most often): it is clipped and non-empty already.
  if (out.length === 1) return out;
  return mergeRanges(out, b);
}

/**
 * Appends the pieces of [a, b) where two held summaries (sorted runs) disagree: one walk of
 * both, from run boundary to run boundary (no sort of their boundaries, no search per piece).
 */
function heldDiffers(p: Runs<Held>, q: Runs<Held>, a: number, b: number, out: Range[]): void {
  let i = firstEndingAfter(p, a);
  let j = firstEndingAfter(q, a);
  for (let x = a; x < b;) {
    const r = p[i];
    const t = q[j];
    let next = b;
    if (r !== undefined) next = Math.min(next, r.start <= x ? r.end : r.start);
    if (t !== undefined) next = Math.min(next, t.start <= x ? t.end : t.start);
    const vr = r !== undefined && r.start <= x ? r.value : undefined;
    const vt = t !== undefined && t.start <= x ? t.value : undefined;
    if (vr !== vt) out.push([x, next]);
    x = next;
    while (i < p.length && (p[i] as Run<Held>).end <= x) i++;
    while (j < q.length && (q[j] as Run<Held>).end <= x) j++;
  }
}

/**
 * The state-diagram transitions of one step, computed from the ranges the op wrote only: a
 * page's state depends on its own attribute, folio, mappings and poison, and on the
 * references anywhere in its folio, so each touched range is widened to the folios it cuts
 * before and after; there, the references are summed up per folio (heldFolios) and only the
 * pages the op wrote or whose summary changed are classified (a 4K write inside a 1G folio
 * classifies 4K). Block states are compared over whole blocks. Page transitions come first,
 * then block transitions, each in offset order. `fn` is the op's entry point.
 * The whole-file classification diff is the reference (`reference/transitions.ts`).
 * @example diagramTransitions(before, after, op, 'kvm_gmem_set_attributes', [[0, 4096]])
 */
export function diagramTransitions(
  before: GmemState,
  after: GmemState,
  op: Op,
  fn: string,
  touched: readonly Range[],
): Transition[] {
  // Nothing a page's state reads changed (a write of contents only): no transition.
  if (
    before.attrs === after.attrs &&
    before.folios === after.folios &&
    before.stage2 === after.stage2 &&
    before.ptes === after.ptes &&
    before.poisoned === after.poisoned &&
    before.refs === after.refs
  )
    return [];
  const c = before.config;
  const sameFolios = before.folios === after.folios;
  // Loops by index, ranges read by index: a for-of or a destructuring per range showed in
  // the profiles.
  const own = mergeRanges(touched, c.size);
  // The merged ranges are widened, not each range written: a folio two of them cut is cut by
  // their union (same pages, fewer searches). An empty range, which widening may make
  // non-empty, is widened as it is.
  const widened: Range[] = [];
  for (let k = 0; k < own.length; k++) widen(before, after, own[k] as Range, widened);
  for (let k = 0; k < touched.length; k++) {
    const r = touched[k] as Range;
    if (r[0] >= r[1]) widen(before, after, r, widened);
  }
  // One range widened (a step that writes one range, on the same folios): a range of whole
  // folios, inside the file, and not empty when what it was widened from was not.
  const one = widened.length === 1 ? (widened[0] as Range) : undefined;
  const pages = one !== undefined && one[0] < one[1] ? widened : mergeRanges(widened, c.size);
  // The summary reads the folios and the references only: unchanged, it is computed once.
  const sameHeld = sameFolios && before.refs === after.refs;
  const out: Transition[] = [];
  for (let k = 0; k < pages.length; k++) {
    const page = pages[k] as Range;
    const a = page[0];
    const b = page[1];
    // [a, b) cuts no folio of either state (it is a union of ranges widened to both's folios).
    const hb = heldInFolios(before, a, b);
    const ha = sameHeld ? hb : heldInFolios(after, a, b);
    const may = mayChange(own, hb, ha, a, b);
    for (let i = 0; i < may.length; i++) {
      const x = (may[i] as Range)[0];
      const y = (may[i] as Range)[1];
      const from = FROM.reset(before, x, hb);
      diffPages(op, fn, from, TO.reset(after, x, ha, from), x, y, out);
    }
  }
  // A block's state reads the folios only.
  if (!sameFolios) blockTransitions(before, after, op, fn, pages, out);
  return out;
}

/**
 * The two sweeps of diffPages, reset for each range (no sweep built per step). Never held
 * across calls: diffPages reads them to the end of its range and keeps nothing.
 */
const FROM = new PageSweep();
const TO = new PageSweep();

/** Appends r widened to the folios of `before` and to those of `after` (once when they are the same folios). */
function widen(before: GmemState, after: GmemState, r: Range, out: Range[]): void {
  out.push(widenToFolios(before, r[0], r[1]));
  if (after.folios !== before.folios) out.push(widenToFolios(after, r[0], r[1]));
}

/** Block states change only where folios changed; whole blocks keep the block diff aligned. */
function blockTransitions(
  before: GmemState,
  after: GmemState,
  op: Op,
  fn: string,
  pages: readonly Range[],
  out: Transition[],
): void {
  const c = before.config;
  const blocks = mergeRanges(
    pages.map(([a, b]) => widenToBlocks(c, a, b)),
    c.size,
  );
  for (const [a, b] of blocks)
    diffRuns('block', op, fn, classifyBlocks(before, a, b), classifyBlocks(after, a, b), out);
}

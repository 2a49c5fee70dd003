/**
 * The focus-and-context scale of the file view: piecewise linear over the run boundaries the
 * core already has (folio runs, page-state runs, mappings, references, the selection, the last
 * step's range), never per 4K page. Every segment between two boundaries gets at least `minPx`
 * on screen; the uniform runs around them are compressed (all by the same factor) to pay for it,
 * so the total width is fixed and every boundary still sits at its true offset.
 */
import type { XScale } from './geometry.ts';
import { sortedUnique } from '../../../core/index.ts';

export interface Segment {
  readonly start: number;
  readonly end: number;
  /** Virtual pixels (before the pan), x1 - x0 >= the minimum width. */
  readonly x0: number;
  readonly x1: number;
  /** Drawn narrower than a linear scale would draw it: shown with a break in the axis. */
  readonly compressed: boolean;
  /** Drawn wider than a linear scale would: a small thing kept visible. */
  readonly stretched: boolean;
}

export interface FcScale extends XScale {
  readonly segments: readonly Segment[];
  /** The virtual width of the whole file (the view's width times the zoom). */
  readonly total: number;
  /** The pan: screen x = tx + virtual x. */
  readonly tx: number;
  /** The minimum segment width actually honoured (smaller when segments are very many). */
  readonly minPx: number;
  /** The compressed segments drawn wider than `px` (the axis marks them), without building all segments. */
  compressedWiderThan(px: number): readonly Segment[];
}

/** The boundaries of a cut list and what every zoom of it shares (computed once per list). */
export interface CutLayout {
  readonly size: number;
  /** Sorted, de-duplicated boundaries inside [0, size], with 0 and size included. */
  readonly pts: Float64Array;
  /** Byte length of each segment, in order, and the same lengths sorted. */
  readonly lens: Float64Array;
  readonly sorted: Float64Array;
}

/**
 * A flight of the camera redraws every frame at a new zoom over the same cuts (thousands in
 * a long history): the sort is paid once per cut list, each zoom only walks typed arrays. The
 * sort merges the sorted lists the cuts are made of (sortedUnique.ts).
 */
const layouts = new WeakMap<Cuts, CutLayout>();

/** Cut offsets in any order (a frame's cuts come sorted: focus.ts). */
export type Cuts = ArrayLike<number> & Iterable<number> & object;

function cutLayout(cuts: Cuts, size: number): CutLayout {
  const hit = layouts.get(cuts);
  if (hit !== undefined && hit.size === size) return hit;
  // 0 first and size last: sorted cuts (a frame's are) stay one ascending run, which
  // sortedUnique only copies.
  const inside = new Float64Array(cuts.length + 2);
  let n = 0;
  inside[n++] = 0;
  for (let i = 0; i < cuts.length; i++) {
    const c = cuts[i] as number;
    if (c > 0 && c < size && Number.isFinite(c)) inside[n++] = c;
  }
  inside[n++] = size;
  const pts = sortedUnique(inside.subarray(0, n));
  const m = pts.length;
  const lens = new Float64Array(Math.max(0, m - 1));
  for (let i = 0; i + 1 < m; i++) lens[i] = (pts[i + 1] as number) - (pts[i] as number);
  const near = lastLayout?.size === size ? resorted(lastLayout, pts, lens) : undefined;
  const layout = { size, pts, lens, sorted: near ?? lens.toSorted() };
  layouts.set(cuts, layout);
  lastLayout = layout;
  return layout;
}

/** The layout last made: the next cut list's is derived from it when the two differ in a few cuts. */
let lastLayout: CutLayout | undefined;

/** Segments only one of two layouts has beyond this share of them: sorted again whole. */
const FEW_CHANGED = 1 / 8;

/**
 * The lengths `lens` of the segments between `pts` sorted, from `old`, a layout of nearly the
 * same cuts (a step's next frame, a camera flight's next cut list): the lengths of the
 * segments only the old cuts have are taken out of its sorted lengths and those only the new
 * ones have put in, in one merge. A step among 10,000 pins moved a few of ~40,000 cuts; the
 * sort of all their lengths was ~5 ms of its first frame. Undefined when many differ.
 */
export function resorted(old: CutLayout, pts: Float64Array, lens: Float64Array): Float64Array | undefined {
  const a = old.pts;
  const gone: number[] = [];
  const added: number[] = [];
  const limit = FEW_CHANGED * Math.max(a.length, pts.length);
  // Both lists tile [0, size): walk their segments in order. One that ends before the other's
  // is in no segment of the other side (all of those start at or past its end).
  let i = 0;
  let j = 0;
  while (i + 1 < a.length && j + 1 < pts.length) {
    const ea = a[i + 1] as number;
    const eb = pts[j + 1] as number;
    if (ea === eb && a[i] === pts[j]) {
      i++;
      j++;
      continue;
    }
    if (ea <= eb) gone.push(old.lens[i++] as number);
    if (eb <= ea) added.push(lens[j++] as number);
    if (gone.length + added.length > limit) return undefined;
  }
  for (; i + 1 < a.length; i++) gone.push(old.lens[i] as number);
  for (; j + 1 < pts.length; j++) added.push(lens[j] as number);
  const out = mergeSorted(old.sorted, gone.toSorted(ascending), added.toSorted(ascending));
  return out?.length === lens.length ? out : undefined;
}

const ascending = (x: number, y: number): number => x - y;

/**
 * `sorted` without the values of `gone` (each once) and with those of `added`, in order;
 * undefined if a value of `gone` is not there (then the layouts were not what they said).
 */
function mergeSorted(
  sorted: Float64Array,
  gone: readonly number[],
  added: readonly number[],
): Float64Array | undefined {
  const out = new Float64Array(sorted.length - gone.length + added.length);
  let g = 0;
  let d = 0;
  let n = 0;
  for (let k = 0; k < sorted.length; k++) {
    const v = sorted[k] as number;
    if (g < gone.length && (gone[g] as number) < v) return undefined;
    if (g < gone.length && gone[g] === v) {
      g++;
      continue;
    }
    while (d < added.length && (added[d] as number) < v) out[n++] = added[d++] as number;
    out[n++] = v;
  }
  while (d < added.length) out[n++] = added[d++] as number;
  return g === gone.length ? out : undefined;
}

/**
 * The common factor of water-filling (see segmentWidths) over lengths sorted ascending: the
 * shortest are raised to `min` while the factor would leave them under it. A segment of
 * length len is then drawn max(min, len * factor) wide (the factor only falls as segments are
 * raised, so exactly the raised ones end under the minimum).
 */
function fillFactor(sorted: Float64Array, total: number, min: number): number {
  let big = 0;
  for (const len of sorted) big += len;
  let room = total;
  for (const len of sorted) {
    if (big <= 0 || (len * room) / big >= min) break;
    room -= min;
    big -= len;
  }
  return big > 0 ? room / big : 0;
}

/**
 * Widths for segments of byte lengths `lens` that add up to `total`, none under `min`, the
 * rest proportional to their length (water-filling: the small ones are raised to `min`, the
 * others share what is left at one common factor).
 */
export function segmentWidths(lens: readonly number[], total: number, min: number): number[] {
  const f = fillFactor(Float64Array.from(lens).toSorted(), total, min);
  return lens.map((len) => Math.max(min, len * f));
}

/**
 * The scale for a file of `size` bytes drawn `total` virtual pixels wide and panned by `tx`.
 * `minPx` is lowered when the segments are so many that their minimums would take more than
 * half the width.
 */
export function fcScale(size: number, cuts: Cuts, total: number, tx = 0, minPx = 8): FcScale {
  const { pts, lens, sorted } = cutLayout(cuts, size);
  const n = lens.length;
  const min = Math.min(minPx, (0.5 * total) / Math.max(1, n));
  const f = fillFactor(sorted, total, min);
  const linear = total / size;
  // xs[i]: where segment i starts (virtual pixels); the last ends exactly at `total`, no drift.
  const xs = new Float64Array(n + 1);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = acc;
    acc += Math.max(min, (lens[i] as number) * f);
  }
  xs[n] = total;
  /**
   * The first segment i whose right edge (in `edges`) is past v. Each lookup starts from the
   * segment the last one found: a row is drawn left to right, so the next end is nearly always
   * in that segment or the one after (not a binary search over thousands of segments for each
   * end of each shape at every frame).
   */
  const finder = (edges: Float64Array): ((v: number) => number) => {
    let last = 0;
    return (v) => {
      for (let i = last; i <= last + 1 && i < n; i++)
        if ((edges[i] as number) <= v && (edges[i + 1] as number) > v) return (last = i);
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((edges[mid + 1] as number) > v) hi = mid;
        else lo = mid + 1;
      }
      return (last = lo);
    };
  };
  const segmentOf = finder(pts);
  const segmentAtPx = finder(xs);
  // Position within segment i, from bytes to pixels (the hot path: no allocation).
  const within = (i: number, o: number): number => {
    const a = pts[i] as number;
    const x0 = xs[i] as number;
    return x0 + ((o - a) / ((pts[i + 1] as number) - a)) * ((xs[i + 1] as number) - x0);
  };
  const scale = ((o: number): number => {
    if (o <= 0) return tx + o * (n === 0 ? linear : within(0, 1));
    if (o >= size) return tx + total + (o - size) * linear;
    return tx + within(segmentOf(o), o);
  }) as FcScale;
  const segment = (i: number): Segment => {
    const [start, end, x0, x1] = [
      pts[i] as number,
      pts[i + 1] as number,
      xs[i] as number,
      xs[i + 1] as number,
    ];
    const w = x1 - x0;
    const len = end - start;
    return { start, end, x0, x1, compressed: w < 0.75 * len * linear, stretched: w > 1.01 * len * linear };
  };
  let segments: Segment[] | undefined;
  Object.defineProperty(scale, 'segments', {
    // Built when asked (the axis asks once per draw): a camera frame that only moves needs none.
    get(): readonly Segment[] {
      segments ??= Array.from({ length: n }, (_, i) => segment(i));
      return segments;
    },
  });
  Object.assign(scale, {
    total,
    tx,
    minPx: min,
    compressedWiderThan(px: number): Segment[] {
      const out: Segment[] = [];
      for (let i = 0; i < n; i++) {
        const w = (xs[i + 1] as number) - (xs[i] as number);
        if (w > px && w < 0.75 * (lens[i] as number) * linear) out.push(segment(i));
      }
      return out;
    },
    invert(px: number): number {
      const v = px - tx;
      if (v <= 0) return 0;
      if (v >= total) return size;
      const i = segmentAtPx(v);
      const [a, x0] = [pts[i] as number, xs[i] as number];
      return a + ((v - x0) / Math.max(1e-9, (xs[i + 1] as number) - x0)) * ((pts[i + 1] as number) - a);
    },
  });
  return scale;
}

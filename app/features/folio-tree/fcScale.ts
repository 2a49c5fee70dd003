/**
 * The focus-and-context scale of the file view: piecewise linear over the run boundaries the
 * core already has (folio runs, page-state runs, mappings, references, the selection, the last
 * step's range), never per 4K page. Every segment between two boundaries gets at least `minPx`
 * on screen; the uniform runs around them are compressed (all by the same factor) to pay for it,
 * so the total width is fixed and every boundary still sits at its true offset.
 */
import type { XScale } from './geometry.ts';

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
}

/** Sorted, de-duplicated boundaries inside [0, size], with 0 and size included. */
export function normaliseCuts(cuts: Iterable<number>, size: number): number[] {
  const s = new Set<number>([0, size]);
  for (const c of cuts) if (c > 0 && c < size && Number.isFinite(c)) s.add(c);
  return [...s].toSorted((a, b) => a - b);
}

/**
 * Widths for segments of byte lengths `lens` that add up to `total`, none under `min`, the
 * rest proportional to their length (water-filling: the small ones are raised to `min`, the
 * others share what is left at one common factor).
 */
export function segmentWidths(lens: readonly number[], total: number, min: number): number[] {
  const order = lens.map((_, i) => i).toSorted((a, b) => (lens[a] as number) - (lens[b] as number));
  let big = lens.reduce((a, b) => a + b, 0);
  let room = total;
  let raised = 0;
  // Raise the shortest segments one by one while the common factor leaves them under `min`.
  while (raised < order.length) {
    const i = order[raised] as number;
    const len = lens[i] as number;
    if (big <= 0 || (len * room) / big >= min) break;
    room -= min;
    big -= len;
    raised++;
  }
  const f = big > 0 ? room / big : 0;
  const out = lens.map((len) => len * f);
  for (let r = 0; r < raised; r++) out[order[r] as number] = min;
  return out;
}

/**
 * The scale for a file of `size` bytes drawn `total` virtual pixels wide and panned by `tx`.
 * `minPx` is lowered when the segments are so many that their minimums would take more than
 * half the width.
 */
export function fcScale(size: number, cuts: readonly number[], total: number, tx = 0, minPx = 8): FcScale {
  const pts = normaliseCuts(cuts, size);
  const lens = pts.slice(1).map((p, i) => p - (pts[i] as number));
  const min = Math.min(minPx, (0.5 * total) / Math.max(1, lens.length));
  const widths = segmentWidths(lens, total, min);
  const linear = total / size;
  const segments: Segment[] = [];
  let acc = 0;
  for (let i = 0; i < lens.length; i++) {
    const w = widths[i] as number;
    const len = lens[i] as number;
    const x0 = acc;
    // The last segment ends exactly at `total`: no rounding drift at the file's end.
    acc = i === lens.length - 1 ? total : acc + w;
    segments.push({
      start: pts[i] as number,
      end: pts[i + 1] as number,
      x0,
      x1: acc,
      compressed: w < 0.75 * len * linear,
      stretched: w > 1.01 * len * linear,
    });
  }
  const find = (pred: (s: Segment) => boolean): Segment => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(segments[mid] as Segment)) hi = mid;
      else lo = mid + 1;
    }
    return segments[lo] as Segment;
  };
  const scale = ((o: number): number => {
    if (o <= 0) return tx + o * (segments[0] === undefined ? linear : segWidth(segments[0]));
    if (o >= size) return tx + total + (o - size) * linear;
    const s = find((g) => g.end > o);
    return tx + s.x0 + ((o - s.start) / (s.end - s.start)) * (s.x1 - s.x0);
  }) as FcScale;
  const segWidth = (s: Segment): number => (s.x1 - s.x0) / (s.end - s.start);
  Object.assign(scale, {
    segments,
    total,
    tx,
    minPx: min,
    invert(px: number): number {
      const v = px - tx;
      if (v <= 0) return 0;
      if (v >= total) return size;
      const s = find((g) => g.x1 > v);
      return s.start + ((v - s.x0) / Math.max(1e-9, s.x1 - s.x0)) * (s.end - s.start);
    },
  });
  return scale;
}

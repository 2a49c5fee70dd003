/** Pure geometry of the file view: what is visible, where boundaries and ticks fall. */
import { PAGE, alignDown } from '../../../core/index.ts';

/** A horizontal scale from byte offsets to pixels (a rescaled d3 scaleLinear fits). */
export interface XScale {
  (offset: number): number;
  invert(px: number): number;
}

/** Pixels kept beyond either edge so clipped shapes never show their ends. */
const MARGIN = 4;

/** The on-screen span of [start, end), clipped to the view; null when out of view. */
export function span(
  x: XScale,
  width: number,
  start: number,
  end: number,
): { x0: number; x1: number } | null {
  const a = x(start);
  const b = x(end);
  if (b < -MARGIN || a > width + MARGIN) return null;
  return { x0: Math.max(a, -MARGIN), x1: Math.min(b, width + MARGIN) };
}

/**
 * The items of a row (sorted by start, not overlapping) that `span` may draw, as one slice:
 * the ones before and after lie wholly off screen. Two binary searches, a few evaluations of
 * the scale: a zoomed view of a long history's row of thousands of runs no longer places
 * every run to find the twenty on screen.
 */
export function onScreen<T extends { readonly start: number; readonly end: number }>(
  items: readonly T[],
  x: XScale,
  width: number,
): readonly T[] {
  // The first item that ends at or after the left margin (the ends ascend with the starts).
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x((items[mid] as T).end) < -MARGIN) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // The first item after it that starts past the right margin.
  hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x((items[mid] as T).start) > width + MARGIN) hi = mid;
    else lo = mid + 1;
  }
  return first === 0 && lo === items.length ? items : items.slice(first, lo);
}

/** The byte range on screen. */
export function visibleDomain(x: XScale, width: number, size: number): [number, number] {
  return [Math.max(0, x.invert(0)), Math.min(size, x.invert(width))];
}

/**
 * One SVG path of vertical lines at every multiple of `unit` inside [start, end) that is on
 * screen and at least minPx from its neighbour; '' when none is (then the run reads as one
 * shape). The scale need not be linear (focus and context): where units are packed tighter
 * than minPx the walk jumps ahead by minPx of screen, so the work is bounded by the view's
 * width, never by the number of units.
 */
export function boundaryPath(
  x: XScale,
  width: number,
  start: number,
  end: number,
  unit: number,
  y0: number,
  y1: number,
  minPx = 5,
): string {
  // A run narrower than minPx on screen has no boundary with room on both sides: nothing to
  // draw (most of a VMM's thousands of one-page PTE runs at the whole-file view).
  if (x(end) - x(start) < minPx) return '';
  const d0 = Math.max(start, x.invert(0));
  const d1 = Math.min(end, x.invert(width));
  if (d0 >= d1) return '';
  let out = '';
  let o = start + Math.ceil((d0 - start) / unit) * unit;
  for (let guard = 0; o <= d1 && guard < 4 * width; guard++) {
    const px = x(o);
    if (x(o + unit) - px >= minPx && px - x(o - unit) >= minPx) {
      out += `M${px.toFixed(1)},${y0}V${y1}`;
      o += unit;
    } else {
      const ahead = start + Math.ceil((x.invert(px + minPx) - start) / unit) * unit;
      o = Math.max(o + unit, ahead);
    }
  }
  return out;
}

/** Axis ticks at power-of-two offsets (kernel people read offsets in hex), about `count` of them. */
export function ticks(x: XScale, width: number, size: number, count = 8): number[] {
  const [d0, d1] = visibleDomain(x, width, size);
  const raw = Math.max(PAGE, (d1 - d0) / count);
  const step = 2 ** Math.ceil(Math.log2(raw));
  const out: number[] = [];
  for (let t = Math.ceil(d0 / step) * step; t <= d1 && out.length < 4 * count; t += step) out.push(t);
  return out;
}

/** The page under a pixel, clamped to the file. */
export function pageAtPx(x: XScale, px: number, size: number): number {
  return Math.max(0, Math.min(size - PAGE, alignDown(Math.floor(x.invert(px)), PAGE)));
}

/** The deepest useful zoom: a 4K page `pagePx` wide. */
export const maxZoom = (size: number, width: number, pagePx = 160): number =>
  Math.max(1, (size / PAGE) * (pagePx / Math.max(1, width)));

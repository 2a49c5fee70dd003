/**
 * Shapes narrower than a couple of pixels cannot be told apart on screen, but drawing each of
 * them costs a DOM node (and a tooltip node): at the whole-file view of a long history that is
 * tens of thousands of nodes and a slow frame. Neighbours on screen are merged here into
 * groups at least `minPx` wide, so the number of shapes is bounded by the view's width, never
 * by the number of runs. A shape already wide enough is never merged into its neighbours, and a
 * gap of a pixel or more never closes, unless a row has more shapes than its budget.
 */

export interface Pixels {
  readonly x0: number;
  readonly x1: number;
}

export interface Group<T> extends Pixels {
  readonly items: readonly T[];
  /** The member that covers the most pixels: its colour stands for the group. */
  readonly main: T;
}

/**
 * Shapes one row may draw: a row of thousands of runs thinly spread (a VMM's pins over the
 * whole file) made hundreds of slivers apart by a pixel each, three DOM nodes apiece, and a
 * camera flight over it passed 3,000 nodes. Past this many, the row is merged again, coarser.
 */
export const ROW_SHAPES = 100;

/**
 * Groups consecutive items (sorted by position) whose on-screen spans touch, while the group
 * is narrower than `minPx`; items off screen (`at` returns null) are left out. A row that
 * would still draw more than `budget` shapes is grouped again with twice the width and twice
 * the gap that may close, until it fits: so many shapes cannot be told apart anyway.
 */
export function mergeSubpixel<T>(
  items: readonly T[],
  at: (item: T) => Pixels | null,
  minPx = 2,
  budget = ROW_SHAPES,
): Group<T>[] {
  // Each item placed once, whatever the number of passes.
  const shown: T[] = [];
  const spans: Pixels[] = [];
  for (const item of items) {
    const s = at(item);
    if (s === null) continue;
    shown.push(item);
    spans.push(s);
  }
  let out = grouped(shown, spans, minPx, 1);
  for (let k = 2; out.length > budget && k <= 2 ** 12; k *= 2) out = grouped(shown, spans, minPx * k, k);
  return out;
}

/** One pass: a group grows while narrower than `minPx` and the next shape is less than `gap` px away. */
function grouped<T>(items: readonly T[], spans: readonly Pixels[], minPx: number, gap: number): Group<T>[] {
  const out: Group<T>[] = [];
  let cur: { x0: number; x1: number; items: T[]; main: T; mainPx: number } | null = null;
  items.forEach((item, i) => {
    const s = spans[i] as Pixels;
    const px = s.x1 - s.x0;
    // A shape wide enough on its own stays out of a thin group before it: a sliver of guest
    // data next to a GiB of zeroed pages is a sliver, not a mark over the GiB.
    if (cur !== null && cur.x1 - cur.x0 < minPx && px < minPx && s.x0 - cur.x1 < gap) {
      cur.x1 = Math.max(cur.x1, s.x1);
      cur.items.push(item);
      if (px > cur.mainPx) [cur.main, cur.mainPx] = [item, px];
      return;
    }
    cur = { x0: s.x0, x1: s.x1, items: [item], main: item, mainPx: px };
    out.push(cur);
  });
  return out;
}

/** The member of a group with the highest salience; `main` (the widest) among equals. */
export function notable<T>(items: readonly T[], main: T, salience?: (item: T) => number): T {
  if (salience === undefined) return main;
  let best = main;
  let top = salience(main);
  for (const i of items) {
    const v = salience(i);
    if (v > top) [best, top] = [i, v];
  }
  return best;
}

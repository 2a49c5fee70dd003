/**
 * Shapes narrower than a couple of pixels cannot be told apart on screen, but drawing each of
 * them costs a DOM node (and a tooltip node): at the whole-file view of a long history that is
 * tens of thousands of nodes and a slow frame. Neighbours on screen are merged here into
 * groups at least `minPx` wide, so the number of shapes is bounded by the view's width, never
 * by the number of runs. A shape already wide enough is never merged into its neighbours.
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
 * Groups consecutive items (sorted by position) whose on-screen spans touch, while the group
 * is narrower than `minPx`; items off screen (`at` returns null) are left out.
 */
export function mergeSubpixel<T>(items: readonly T[], at: (item: T) => Pixels | null, minPx = 2): Group<T>[] {
  const out: Group<T>[] = [];
  let cur: { x0: number; x1: number; items: T[]; main: T; mainPx: number } | null = null;
  for (const item of items) {
    const s = at(item);
    if (s === null) continue;
    const px = s.x1 - s.x0;
    // A gap of a pixel or more between shapes is visible: it never closes by merging.
    if (cur !== null && cur.x1 - cur.x0 < minPx && s.x0 - cur.x1 < 1) {
      cur.x1 = Math.max(cur.x1, s.x1);
      cur.items.push(item);
      if (px > cur.mainPx) [cur.main, cur.mainPx] = [item, px];
      continue;
    }
    cur = { x0: s.x0, x1: s.x1, items: [item], main: item, mainPx: px };
    out.push(cur);
  }
  return out;
}

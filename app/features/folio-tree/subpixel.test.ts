import { describe, expect, it } from 'vitest';
import { mergeSubpixel, notable, ROW_SHAPES } from './subpixel.ts';

const at = (r: { a: number; b: number }) => ({ x0: r.a, x1: r.b });

/** A salience: pinned items before the others. */
const pinnedFirst = (i: { kind: string }) => (i.kind === 'pinned' ? 5 : 1);

describe('mergeSubpixel', () => {
  it('keeps shapes that are wide enough apart', () => {
    const items = [
      { a: 0, b: 10 },
      { a: 10, b: 30 },
      { a: 30, b: 32 },
    ];
    expect(mergeSubpixel(items, at).map((g) => [g.x0, g.x1, g.items.length])).toEqual([
      [0, 10, 1],
      [10, 30, 1],
      [30, 32, 1],
    ]);
  });

  it('merges touching sub-pixel shapes into groups at least minPx wide, the widest member standing for each', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ a: i * 0.01, b: (i + 1) * 0.01, id: i }));
    items[450] = { a: 4.5, b: 4.51, id: 450 };
    const wide = { a: 10, b: 10.05, id: 9999 };
    const groups = mergeSubpixel([...items, wide], at, 2);
    expect(groups).toHaveLength(6);
    expect(groups.every((g) => g.x1 - g.x0 >= 2 - 1e-9 || g === groups.at(-1))).toBe(true);
    // Every item lands in exactly one group, in order.
    expect(groups.flatMap((g) => g.items)).toEqual([...items, wide]);
    expect(groups.at(-1)?.main).toBe(wide);
  });

  it('never merges a shape wide enough on its own into a thin one before it', () => {
    // A 4K sliver of guest data then a GiB of zeroed pages: the sliver alone, not a group
    // that would mark the whole GiB with the sliver's colour.
    const items = [
      { a: 0, b: 0.4, kind: 'pinned' },
      { a: 0.4, b: 900, kind: 'free' },
      { a: 900, b: 900.3, kind: 'free' },
      { a: 900.3, b: 900.6, kind: 'free' },
    ];
    const groups = mergeSubpixel(items, at, 3);
    expect(groups.map((g) => g.items.length)).toEqual([1, 1, 2]);
    expect(groups[1]?.items).toEqual([items[1]]);
  });

  it('leaves out what is off screen and never closes a visible gap', () => {
    const items = [
      { a: 0, b: 0.5 },
      { a: 5, b: 5.5 },
      { a: 0, b: 0 },
    ];
    const groups = mergeSubpixel(items, (r) => (r.b === 0 ? null : at(r)));
    expect(groups.map((g) => g.items.length)).toEqual([1, 1]);
  });

  it('never merges a neighbour into a shape that is already wide enough', () => {
    const groups = mergeSubpixel(
      [
        { a: 0, b: 5 },
        { a: 5, b: 5.2 },
        { a: 5.2, b: 5.4 },
      ],
      at,
      2,
    );
    expect(groups.map((g) => g.items.length)).toEqual([1, 2]);
  });

  it('draws a row of slivers a pixel apart (thousands of runs spread thin) in at most its budget of shapes', () => {
    // 1,200 slivers of 0.5 px, 1 px apart: each its own shape by the rules above.
    const items = Array.from({ length: 1200 }, (_, i) => ({ a: i * 1.5, b: i * 1.5 + 0.5 }));
    expect(mergeSubpixel(items, at, 1.5, Infinity)).toHaveLength(1200);
    const groups = mergeSubpixel(items, at, 1.5);
    expect(groups.length).toBeLessThanOrEqual(ROW_SHAPES);
    // Not merged further than it takes: twice the budget would have been too coarse.
    expect(groups.length).toBeGreaterThan(ROW_SHAPES / 4);
    expect(groups.flatMap((g) => g.items)).toEqual(items);
    expect(groups.every((g) => g.x0 === g.items[0]?.a && g.x1 === g.items.at(-1)?.b)).toBe(true);
  });

  it('leaves a row within its budget as the rules above make it', () => {
    const items = Array.from({ length: 80 }, (_, i) => ({ a: i * 3, b: i * 3 + 0.5 }));
    expect(mergeSubpixel(items, at, 1.5).map((g) => g.items.length)).toEqual(items.map(() => 1));
  });

  it('stands a group for its most notable member where a salience is given, else for its widest', () => {
    const items = [
      { a: 0, b: 0.9, kind: 'free' },
      { a: 0.9, b: 1.1, kind: 'pinned' },
      { a: 1.1, b: 2.5, kind: 'free' },
    ];
    const [g] = mergeSubpixel(items, at, 3);
    if (g === undefined) throw new Error('no group');
    expect(g.main).toBe(items[2]);
    expect(notable(g.items, g.main)).toBe(items[2]);
    expect(notable(g.items, g.main, pinnedFirst)).toBe(items[1]);
    // Equally notable: the widest still.
    expect(notable(g.items, g.main, () => 1)).toBe(items[2]);
  });
});

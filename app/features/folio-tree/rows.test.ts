import { describe, expect, it } from 'vitest';
import {
  frameBand,
  FRAME_STROKE,
  layoutRows,
  rowOf,
  showsDataRow,
  treeEndRow,
  type Row,
  type RowId,
} from './rows.ts';

const G = 2 ** 30;
const LAYOUTS = [
  layoutRows([G, 2 ** 21, 4096], true, 1, 0, 24),
  layoutRows([G, 2 ** 21, 4096], true, 3, 2, 40),
  layoutRows([2 ** 21, 4096], false, 1, 1, 30),
  layoutRows([4096], false, 2, 0, 24),
  layoutRows([G, 2 ** 21, 4096], true, 1, 0, 24, false),
];
const TREE: readonly RowId[] = ['tree1', 'tree2', 'tree3', 'pages', 'data'];

/** The stripe a horizontal edge's stroke covers, centred on y. */
const stroke = (y: number): [number, number] => [y - FRAME_STROKE / 2, y + FRAME_STROKE / 2];
/** Whether a stripe covers part of a row (touching its edge is not covering). */
const overlaps = ([a, b]: [number, number], r: Row): boolean => a < r.y + r.h && b > r.y;
/** How far a stripe is from a row: 0 when they overlap. */
const distance = ([a, b]: [number, number], r: Row): number => Math.max(0, r.y - b, a - (r.y + r.h));

describe('the rows of the file view', () => {
  it('leave a wider gap between the tree and the lanes than between rows', () => {
    for (const { rows } of LAYOUTS) {
      const pages = treeEndRow(rows);
      const vma = rowOf(rows, 'vma') as Row;
      const ptes = rowOf(rows, 'ptes') as Row;
      expect(vma.y - (pages.y + pages.h)).toBeGreaterThan(ptes.y - (vma.y + vma.h));
    }
  });

  it('frame the tree or the lanes with a stroke on no row, clear of the other group', () => {
    for (const { rows } of LAYOUTS)
      for (const panel of ['tree', 'lanes'] as const) {
        const band = frameBand(rows, panel) as { top: number; bottom: number };
        const edges = [stroke(band.top), stroke(band.bottom)];
        for (const r of rows) {
          for (const e of edges) expect(overlaps(e, r), `${panel} frame on ${r.id}`).toBe(false);
          // The rows of its group lie inside the frame; the other group's (and the axis) outside it.
          const inside = r.y >= band.top && r.y + r.h <= band.bottom;
          expect(inside, `${r.id} inside the ${panel} frame`).toBe(
            TREE.includes(r.id) === (panel === 'tree') && r.id !== 'axis',
          );
        }
        // Where the tree meets the lanes the stroke keeps clear of the rows on both sides.
        const pages = treeEndRow(rows);
        const vma = rowOf(rows, 'vma') as Row;
        const meeting = stroke(panel === 'tree' ? band.bottom : band.top);
        expect(distance(meeting, pages)).toBeGreaterThanOrEqual(FRAME_STROKE);
        expect(distance(meeting, vma)).toBeGreaterThanOrEqual(FRAME_STROKE);
      }
  });

  it('put the page data right under the pages, where it is drawn', () => {
    const { rows } = layoutRows([G, 2 ** 21, 4096], true, 1, 0, 24);
    const pages = rowOf(rows, 'pages') as Row;
    const data = rowOf(rows, 'data') as Row;
    expect(data.y - (pages.y + pages.h)).toBe(3);
    expect(treeEndRow(rows)).toBe(data);
    const without = layoutRows([G, 2 ** 21, 4096], true, 1, 0, 24, false);
    expect(rowOf(without.rows, 'data')).toBeUndefined();
    expect(treeEndRow(without.rows).id).toBe('pages');
    expect(without.height).toBe(layoutRows([G, 2 ** 21, 4096], true, 1, 0, 24).height - 18);
  });

  it('draw the page data in windows at least 800 px high, never in an embed', () => {
    expect([720, 799, 800, 1080].map((h) => showsDataRow(h, false))).toEqual([false, false, true, true]);
    expect(showsDataRow(1080, true)).toBe(false);
  });
});

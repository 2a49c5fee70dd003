/** The vertical layout of the file view: one row per depth of the folio tree, lanes under it. */
import { sizeName } from '../../../core/index.ts';

export type RowId =
  'axis' | 'tree1' | 'tree2' | 'tree3' | 'pages' | 'data' | 'vma' | 'ptes' | 'stage2' | 'refs' | 'orphans';

export interface Row {
  readonly id: RowId;
  readonly label: string;
  readonly y: number;
  readonly h: number;
}

const GAP = 3;
/**
 * Between the tree and the lanes under it: the two read as two groups, and a tour's frame
 * around either (FocusOutline) has room there without touching the other.
 */
export const SECTION_GAP = 9;
const TREE_IDS = ['tree1', 'tree2', 'tree3'] as const;

/** The row id of a tree depth (1-based). */
export const treeRowId = (depth: number): RowId => TREE_IDS[Math.min(2, Math.max(0, depth - 1))] ?? 'tree1';

/**
 * Rows for a tree with `levels` (unit size per depth, largest first): the top depth of a
 * HugeTLB file is its blocks, the others are folio sizes.
 */
/** Tree rows grow with the window: 24 px at 720 px high, up to 40 px on a tall screen. */
export const treeRowHeight = (windowHeight: number): number =>
  Math.round(Math.min(40, Math.max(24, windowHeight * 0.034)));

/**
 * The page data row takes 18 px the one-screen layout of a 720 px window has not got (the
 * tree, the refusal and the diagram must all fit): it is drawn in windows at least this high,
 * and not in embeds (small frames) or on the stage (whose panels do not scroll). The
 * inspector names a selected page's data everywhere.
 */
export const DATA_ROW_MIN_WINDOW = 800;

/** Whether the file view draws the page data row (`small`: an embed or the stage). */
export const showsDataRow = (windowHeight: number, small: boolean): boolean =>
  !small && windowHeight >= DATA_ROW_MIN_WINDOW;

export function layoutRows(
  levels: readonly number[],
  hugetlb: boolean,
  refLanes: number,
  orphanLanes = 0,
  treeRowH = 25,
  data = true,
): { rows: Row[]; height: number } {
  const tree: [RowId, string, number][] = levels.map((l, i) => [
    treeRowId(i + 1),
    hugetlb && i === 0 ? `${sizeName(l)} blocks` : `${sizeName(l)} folios`,
    treeRowH,
  ]);
  const spec: [RowId, string, number][] = [
    ['axis', 'offset', 20],
    ...tree,
    ['pages', '4K pages', Math.round(treeRowH * 0.85)],
    // What the pages hold (zeroed on first use, written, ciphertext): a punch hole that frees
    // no block still zeroes the bytes it covers, and that is where it shows.
    ...(data ? ([['data', 'page data', 15]] as [RowId, string, number][]) : []),
    ['vma', 'VMM mmap', 15],
    ['ptes', 'host PTEs', 14],
    ['stage2', 'stage-2', 20],
    ['refs', 'pins / refs', 17 * Math.max(1, refLanes)],
    ['orphans', 'orphans', 19 * Math.max(1, orphanLanes)],
  ];
  const rows: Row[] = [];
  const treeEnd: RowId = data ? 'data' : 'pages';
  let y = 0;
  for (const [id, label, h] of spec) {
    rows.push({ id, label, y, h });
    y += h + (id === treeEnd ? SECTION_GAP : GAP);
  }
  return { rows, height: y };
}

export const rowOf = (rows: readonly Row[], id: RowId): Row | undefined => rows.find((r) => r.id === id);

/** The last row of the tree: the page data where it is drawn, else the pages. */
export const treeEndRow = (rows: readonly Row[]): Row => (rowOf(rows, 'data') ?? rowOf(rows, 'pages')) as Row;

/** The width of a tour frame's stroke (FocusOutline), in the picture's units. */
export const FRAME_STROKE = 3;

/**
 * Where a tour frame's stroke runs around the tree's rows or the lanes' (the y of its top and
 * bottom edges, the middle of the stroke): in the gaps around them, on no row. Where the tree
 * meets the lanes it runs in the middle of the wider gap, clear of the rows on both sides.
 */
export function frameBand(
  rows: readonly Row[],
  panel: 'tree' | 'lanes',
): { top: number; bottom: number } | null {
  const top = rowOf(rows, panel === 'lanes' ? 'vma' : 'tree1');
  const bottom = panel === 'lanes' ? rowOf(rows, 'orphans') : treeEndRow(rows);
  if (top === undefined || bottom === undefined) return null;
  const edge = FRAME_STROKE / 2;
  const middle = SECTION_GAP / 2;
  return {
    top: top.y - (panel === 'lanes' ? middle : edge),
    bottom: bottom.y + bottom.h + (panel === 'lanes' ? edge : middle),
  };
}

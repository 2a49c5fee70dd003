/**
 * The folio tree as a hierarchy, built from the core's folio runs (never per 4K page):
 * file -> HugeTLB block (1G or 2M) -> folios -> 4K folios, one depth per folio size. A node is a
 * run of identical units at its depth: a run of whole folios (a leaf), a run of units split into
 * smaller folios (a parent: its children lie under its range, one depth down), or a hole (no
 * memory). d3-hierarchy's partition lays it out as an icicle in byte space, so every node's x0/x1
 * is its true offset range and the focus-and-context scale maps it to the screen.
 */
import { hierarchy, partition, type HierarchyRectangularNode } from 'd3';
import { LEVELS, PAGE, alignDown, alignUp } from '../../../core/index.ts';
import type { FolioRun } from '../../../core/index.ts';
import { recentMemo } from '../../store/recentMemo.ts';

export interface TreeNode {
  /** 'via': a depth the memory skipped (a 1G block split straight to 4K has no 2M pieces): not drawn. */
  readonly kind: 'file' | 'folio' | 'split' | 'hole' | 'via';
  /** Unit size at this depth (the folio size of a leaf). */
  readonly level: number;
  readonly start: number;
  readonly end: number;
  /** Units in the run: folios for a leaf, split units for a parent. */
  readonly count: number;
  /** The core's counts, for a leaf. */
  readonly folio?: FolioRun;
  readonly children?: readonly TreeNode[];
}

export interface FolioTree {
  readonly root: TreeNode;
  /** Unit size per depth, from depth 1 (depth 0 is the file). */
  readonly levels: readonly number[];
  /** Laid-out nodes by depth (index 0: depth 1), sorted by offset; holes left out. */
  readonly rows: readonly (readonly LaidNode[])[];
}

export type LaidNode = HierarchyRectangularNode<TreeNode>;

/** The sizes the tree has a depth for: the HugeTLB page size (or the largest folio) down to 4K. */
export function treeLevels(pageSize: number, folios: readonly FolioRun[]): number[] {
  const top = Math.max(pageSize, ...folios.map((f) => f.size));
  return LEVELS.filter((l) => l <= top);
}

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly run?: FolioRun;
}

/**
 * Calls `f` with the folio runs and the gaps between them, tiling [a, b), in order. A visitor,
 * not a list: a list of pieces was ~0.5 MB a seek among 10,000 pins, each piece dropped at once.
 */
function eachPiece(
  runs: readonly FolioRun[],
  a: number,
  b: number,
  f: (start: number, end: number, run: FolioRun | undefined) => void,
): void {
  let cur = a;
  for (const r of runs) {
    const s = Math.max(a, r.offset);
    const e = Math.min(b, r.offset + r.count * r.size);
    if (e <= s) continue;
    if (s > cur) f(cur, s, undefined);
    f(s, e, r);
    cur = e;
  }
  if (cur < b) f(cur, b, undefined);
}

const leaf = (start: number, end: number, r: FolioRun): TreeNode => ({
  kind: 'folio',
  level: r.size,
  start,
  end,
  count: (end - start) / r.size,
  folio: r,
});

/** Children of [a, b) at levels[li]: runs of whole folios, split runs, holes. */
function build(
  runs: readonly FolioRun[],
  a: number,
  b: number,
  levels: readonly number[],
  li: number,
): TreeNode[] {
  const L = levels[li] ?? PAGE;
  // No folio of this size under the parent: its children hang one depth lower, directly.
  if (li > 0 && li + 1 < levels.length && !runs.some((r) => r.size >= L))
    return [
      {
        kind: 'via',
        level: L,
        start: a,
        end: b,
        count: (b - a) / L,
        children: build(runs, a, b, levels, li + 1),
      },
    ];
  const out: TreeNode[] = [];
  let small: Piece[] = [];
  const flush = (): void => {
    if (small.length === 0) return;
    const s = alignDown((small[0] as Piece).start, L);
    const e = Math.min(b, alignUp((small[small.length - 1] as Piece).end, L));
    const inner = small.flatMap((p) => (p.run === undefined ? [] : [p.run]));
    small = [];
    if (inner.length === 0 || li + 1 >= levels.length) {
      out.push({ kind: 'hole', level: L, start: s, end: e, count: (e - s) / L });
      return;
    }
    const children = build(inner, s, e, levels, li + 1);
    out.push({ kind: 'split', level: L, start: s, end: e, count: (e - s) / L, children });
  };
  eachPiece(runs, a, b, (start, end, run) => {
    if (run !== undefined && run.size >= L) {
      flush();
      out.push(leaf(start, end, run));
    } else if (run !== undefined) small.push({ start, end, run });
    else {
      // A gap: its whole units are a hole at this depth; the ragged ends go with the split units.
      const hs = alignUp(start, L);
      const he = alignDown(end, L);
      if (he <= hs) {
        small.push({ start, end });
        return;
      }
      if (hs > start) small.push({ start, end: hs });
      flush();
      out.push({ kind: 'hole', level: L, start: hs, end: he, count: (he - hs) / L });
      if (end > he) small.push({ start: he, end });
    }
  });
  flush();
  return out;
}

/** A tree per folio-run list, for the lists last drawn (recentMemo.ts). */
const slots = recentMemo<readonly FolioRun[], { tree: FolioTree | null }>(() => ({ tree: null }));

/**
 * The laid-out tree of a file of `size` bytes from its folio runs (observe(state).folios).
 * @example folioTree(obs.folios, 2 ** 31, 2 ** 30).rows[1] // the 2M depth
 */
export function folioTree(folios: readonly FolioRun[], size: number, pageSize: number): FolioTree {
  const slot = slots(folios);
  if (slot.tree !== null && slot.tree.root.end === size) return slot.tree;
  const levels = treeLevels(pageSize, folios);
  const root: TreeNode = {
    kind: 'file',
    level: size,
    start: 0,
    end: size,
    count: 1,
    children: build(folios, 0, size, levels, 0),
  };
  // Leaves weigh their bytes, so the partition's x0/x1 are the nodes' true offsets.
  const inner = (n: TreeNode): boolean => n.kind === 'split' || n.kind === 'file' || n.kind === 'via';
  const h = hierarchy<TreeNode>(root, (n) => (inner(n) ? n.children : undefined)).sum((n) =>
    inner(n) ? 0 : n.end - n.start,
  );
  const laid = partition<TreeNode>().size([size, levels.length + 1])(h);
  // Breadth first, each parent's children in offset order: every depth comes out sorted by
  // offset (no list of all nodes, no sort of 20,000 of them among a VMM's pins).
  const rows: LaidNode[][] = levels.map(() => []);
  laid.each((n) => {
    if (n.depth > 0 && n.data.kind !== 'hole' && n.data.kind !== 'via') rows[n.depth - 1]?.push(n);
  });
  const tree = { root, levels, rows };
  slot.tree = tree;
  return tree;
}

/** The node of `row` covering `offset`, if any (binary search). */
export function nodeAt(row: readonly LaidNode[], offset: number): LaidNode | undefined {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((row[mid] as LaidNode).data.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const n = row[lo];
  return n !== undefined && n.data.start <= offset ? n : undefined;
}

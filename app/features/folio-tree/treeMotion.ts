/**
 * How the tree moves during a step, a pure function of (prev tree, next tree, t): nodes that
 * stay, stay; a split's children slide down out of their parent's row into their own; a
 * merge's children fold back up into the parent; a truncated folio drops out of its row; any
 * other change fades. At t = 1 it is exactly the next tree, at t = 0 the previous one.
 */
import { recentPairMemo } from '../../store/recentMemo.ts';
import { nodeAt, type FolioTree, type LaidNode } from './treeLayout.ts';

export interface Placed {
  readonly node: LaidNode;
  /** The tree it belongs to: 'next' (after the step) or 'prev' (before it). */
  readonly from: 'prev' | 'next';
  /** Depth the node is drawn at, fractional while it moves between rows. */
  readonly depth: number;
  readonly opacity: number;
  readonly motion: 'stay' | 'split' | 'merge' | 'drop' | 'fade';
}

/**
 * The nodes of row `a` that row `b` (the same depth of the other tree) has too: the same
 * range, kind and size. Both rows are sorted by offset and never overlap: one walk, no key
 * per node (a string each for the ~20k nodes of a file with thousands of pins was the first
 * frame of every step).
 */
function sameRow(a: readonly LaidNode[], b: readonly LaidNode[]): Set<LaidNode> {
  const out = new Set<LaidNode>();
  let j = 0;
  for (const n of a) {
    while (j < b.length && (b[j] as LaidNode).data.start < n.data.start) j++;
    const m = b[j]?.data;
    if (
      m !== undefined &&
      m.start === n.data.start &&
      m.end === n.data.end &&
      m.kind === n.data.kind &&
      m.level === n.data.level
    )
      out.add(n);
  }
  return out;
}

/**
 * The depth of the nearest node above `n`'s range in `other`, if it is one whole folio there
 * (the parent before a split, after a merge), else 0.
 */
function leafAbove(other: FolioTree, n: LaidNode): number {
  for (let d = n.depth - 1; d >= 1; d--) {
    const up = nodeAt(other.rows[d - 1] ?? [], n.data.start);
    if (up !== undefined) return up.data.kind === 'folio' ? d : 0;
  }
  return 0;
}

/** Is nothing of `other` at any depth over the node's range (the memory left the file)? */
function goneIn(other: FolioTree, n: LaidNode): boolean {
  return other.rows.every((row) => {
    const m = nodeAt(row, n.data.start);
    return m === undefined;
  });
}

/**
 * A node's move over a step, the same at every frame: drawn at depth d0 + (d1 - d0) * t, at
 * full opacity (stay), fading in (a node of the next tree) or fading out (of the previous one).
 */
interface Move {
  readonly node: LaidNode;
  readonly from: 'prev' | 'next';
  readonly d0: number;
  readonly d1: number;
  readonly motion: Placed['motion'];
  /** The node as a staying one is drawn at every frame (one object, not one per frame). */
  readonly still?: Placed;
}

/** A node drawn as it is (settled, or untouched by the step). */
const settled = (n: LaidNode): Placed => ({
  node: n,
  from: 'next',
  depth: n.depth,
  opacity: 1,
  motion: 'stay',
});

const stayed = (n: LaidNode): Move => ({
  node: n,
  from: 'next',
  d0: n.depth,
  d1: n.depth,
  motion: 'stay',
  still: settled(n),
});

/**
 * Every node's move between two trees, in drawing order (the next tree's rows, then what
 * leaves from the previous one). Comparing the rows costs a key per node: paid once per step,
 * not at every frame of its animation (a file with thousands of runs has thousands of nodes).
 */
const movesOf = recentPairMemo((prev: FolioTree, next: FolioTree): readonly Move[] => {
  const out: Move[] = [];
  next.rows.forEach((row, i) => {
    const stay = sameRow(row, prev.rows[i] ?? []);
    for (const n of row) {
      if (stay.has(n)) {
        out.push(stayed(n));
        continue;
      }
      const up = leafAbove(prev, n);
      const split = up > 0;
      out.push({
        node: n,
        from: 'next',
        d0: split ? up : n.depth,
        d1: n.depth,
        motion: split ? 'split' : 'fade',
      });
    }
  });
  prev.rows.forEach((row, i) => {
    const stay = sameRow(row, next.rows[i] ?? []);
    for (const n of row) {
      if (stay.has(n)) continue;
      const up = leafAbove(next, n);
      const merge = up > 0;
      const drop = !merge && goneIn(next, n);
      const d1 = merge ? up : drop ? n.depth + 0.8 : n.depth;
      out.push({
        node: n,
        from: 'prev',
        d0: n.depth,
        d1,
        motion: merge ? 'merge' : drop ? 'drop' : 'fade',
      });
    }
  });
  return out;
});

/** The nodes to draw at t, within `visible` (a filter on the screen range). */
export function placeNodes(
  prev: FolioTree,
  next: FolioTree,
  t: number,
  visible: (n: LaidNode) => boolean,
): Placed[] {
  const out: Placed[] = [];
  // Settled (a seek lands so): every node stays; no moves to work out, and only the nodes on
  // screen are placed.
  if (prev === next || t >= 1) {
    for (const row of next.rows) for (const n of row) if (visible(n)) out.push(settled(n));
    return out;
  }
  for (const m of movesOf(prev, next)) {
    if (!visible(m.node)) continue;
    if (m.still !== undefined) {
      out.push(m.still);
      continue;
    }
    const depth = m.d0 + (m.d1 - m.d0) * t;
    const opacity = m.from === 'next' ? t : 1 - t;
    out.push({ node: m.node, from: m.from, depth, opacity, motion: m.motion });
  }
  return out;
}

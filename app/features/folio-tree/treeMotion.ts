/**
 * How the tree moves during a step, a pure function of (prev tree, next tree, t): nodes that
 * stay, stay; a split's children slide down out of their parent's row into their own; a
 * merge's children fold back up into the parent; a truncated folio drops out of its row; any
 * other change fades. At t = 1 it is exactly the next tree, at t = 0 the previous one.
 */
import { nodeAt, type FolioTree, type LaidNode } from './treeLayout.ts';

export interface Placed {
  readonly key: string;
  readonly node: LaidNode;
  /** The tree it belongs to: 'next' (after the step) or 'prev' (before it). */
  readonly from: 'prev' | 'next';
  /** Depth the node is drawn at, fractional while it moves between rows. */
  readonly depth: number;
  readonly opacity: number;
  readonly motion: 'stay' | 'split' | 'merge' | 'drop' | 'fade';
}

const keyOf = (n: LaidNode): string =>
  `${n.depth}:${n.data.kind}:${n.data.start}:${n.data.end}:${n.data.level}`;

function sameRow(a: readonly LaidNode[], b: readonly LaidNode[]): Set<string> {
  const keys = new Set(b.map(keyOf));
  return new Set(a.map(keyOf).filter((k) => keys.has(k)));
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

/** The nodes to draw at t, within `visible` (a filter on the screen range). */
export function placeNodes(
  prev: FolioTree,
  next: FolioTree,
  t: number,
  visible: (n: LaidNode) => boolean,
): Placed[] {
  const out: Placed[] = [];
  const still = prev === next || t >= 1;
  next.rows.forEach((row, i) => {
    const stay = still ? null : sameRow(row, prev.rows[i] ?? []);
    for (const n of row) {
      if (!visible(n)) continue;
      const key = keyOf(n);
      if (stay === null || stay.has(key)) {
        out.push({ key, node: n, from: 'next', depth: n.depth, opacity: 1, motion: 'stay' });
        continue;
      }
      const up = leafAbove(prev, n);
      const split = up > 0;
      out.push({
        key: `n${key}`,
        node: n,
        from: 'next',
        depth: split ? up + (n.depth - up) * t : n.depth,
        opacity: t,
        motion: split ? 'split' : 'fade',
      });
    }
  });
  if (still) return out;
  prev.rows.forEach((row, i) => {
    const stay = sameRow(row, next.rows[i] ?? []);
    for (const n of row) {
      if (!visible(n) || stay.has(keyOf(n))) continue;
      const up = leafAbove(next, n);
      const merge = up > 0;
      const drop = !merge && goneIn(next, n);
      out.push({
        key: `p${keyOf(n)}`,
        node: n,
        from: 'prev',
        depth: merge ? n.depth - (n.depth - up) * t : drop ? n.depth + 0.8 * t : n.depth,
        opacity: 1 - t,
        motion: merge ? 'merge' : drop ? 'drop' : 'fade',
      });
    }
  });
  return out;
}

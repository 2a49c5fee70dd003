import type { FocusRange } from '../../../core/index.ts';
import { span, type XScale } from './geometry.ts';
import { rowOf, type Row, type RowId } from './rows.ts';

const TREE: readonly RowId[] = ['tree1', 'pages'];
const LANES: readonly RowId[] = ['vma', 'orphans'];
/** The frame's 3-unit stroke lies in the 3-unit gap around the rows it frames, never on them. */
const OUTSET = 1.5;

/**
 * The outline a tour step draws around what it points at in the picture: its byte range, over
 * the tree's rows or over the lanes. A thick dashed frame, so it reads without its colour.
 */
export function FocusOutline({
  x,
  width,
  rows,
  focus,
}: {
  x: XScale;
  width: number;
  rows: readonly Row[];
  focus: FocusRange;
}) {
  const s = span(x, width, focus.start, focus.end);
  const [top, bottom] = (focus.panel === 'lanes' ? LANES : TREE).map((id) => rowOf(rows, id));
  if (s === null || top === undefined || bottom === undefined) return null;
  const x0 = Math.max(1.5, s.x0 - 2);
  const x1 = Math.min(width - 1.5, s.x1 + 2);
  return (
    <rect
      className="focus-outline"
      data-start={focus.start}
      data-end={focus.end}
      x={x0}
      y={top.y - OUTSET}
      width={Math.max(4, x1 - x0)}
      height={bottom.y + bottom.h - top.y + 2 * OUTSET}
      fill="none"
      strokeWidth="3"
      strokeDasharray="8 4"
      pointerEvents="none"
    />
  );
}

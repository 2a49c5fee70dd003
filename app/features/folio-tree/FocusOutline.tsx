import type { FocusRange } from '../../../core/index.ts';
import { span, type XScale } from './geometry.ts';
import { frameBand, FRAME_STROKE, type Row } from './rows.ts';

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
  const band = frameBand(rows, focus.panel === 'lanes' ? 'lanes' : 'tree');
  if (s === null || band === null) return null;
  const x0 = Math.max(1.5, s.x0 - 2);
  const x1 = Math.min(width - 1.5, s.x1 + 2);
  return (
    <rect
      className="focus-outline"
      data-start={focus.start}
      data-end={focus.end}
      x={x0}
      y={band.top}
      width={Math.max(4, x1 - x0)}
      height={band.bottom - band.top}
      fill="none"
      strokeWidth={FRAME_STROKE}
      strokeDasharray="8 4"
      pointerEvents="none"
    />
  );
}

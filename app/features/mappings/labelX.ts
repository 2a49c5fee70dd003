/**
 * Where an orphan's label starts: after the piece, else inside it, else before it. A piece
 * that runs to the right edge of the view (a tour frames the orphan) had its label drawn
 * past the edge, out of sight.
 */
export function labelX(sp: { x0: number; x1: number }, textWidth: number, width: number): number {
  if (Math.max(sp.x1, 0) + 3 + textWidth <= width) return Math.max(sp.x1, 0) + 3;
  if (Math.min(sp.x1, width) - Math.max(sp.x0, 0) >= textWidth + 6) return Math.max(sp.x0, 0) + 3;
  return Math.max(0, sp.x0 - 3 - textWidth);
}

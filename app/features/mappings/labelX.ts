/**
 * Where an orphan's label starts: after the piece, else inside it, else before it. A piece
 * that runs to the right edge of the view (a tour frames the orphan) had its label drawn
 * past the edge, out of sight. `inside`: it lies on the piece's light fill, so it takes the
 * ink for fills (the panel's ink is light in the dark theme).
 */
export function labelX(
  sp: { x0: number; x1: number },
  textWidth: number,
  width: number,
): { x: number; inside: boolean } {
  if (Math.max(sp.x1, 0) + 3 + textWidth <= width) return { x: Math.max(sp.x1, 0) + 3, inside: false };
  if (Math.min(sp.x1, width) - Math.max(sp.x0, 0) >= textWidth + 6)
    return { x: Math.max(sp.x0, 0) + 3, inside: true };
  return { x: Math.max(0, sp.x0 - 3 - textWidth), inside: false };
}

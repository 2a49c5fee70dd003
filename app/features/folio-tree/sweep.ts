/**
 * A conversion sweeps: where a band's fill changes, the new fill covers the left part of the
 * changed stretch up to the progress and the old fill the rest, so the colour (and the stripes)
 * run over exactly the converted range. Bands that appear or go are swept the same way.
 * Pure in (from, to, t): t = 0 is the old row, t = 1 the new one.
 */
import { overlay, type Band, type MorphedBand } from '../../animation/morph.ts';

export function sweepBands(from: readonly Band[], to: readonly Band[], t: number): readonly MorphedBand[] {
  // Settled: the new row as it is (see MorphedBand).
  if (from === to || t >= 1) return to;
  const out: MorphedBand[] = [];
  const push = (start: number, end: number, b: Band | undefined, changed: boolean): void => {
    if (b === undefined || end <= start) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === start && last.fill === b.fill)
      out[out.length - 1] = { ...last, end, changed: last.changed === true || changed };
    else out.push({ ...b, start, end, scale: 1, changed });
  };
  for (const { start: a, end: b, from: f, to: g } of overlay(from, to)) {
    if (f?.fill === g?.fill) {
      push(a, b, g, false);
      continue;
    }
    const m = a + Math.round((b - a) * Math.max(0, t));
    push(a, m, g, true);
    push(m, b, f, true);
  }
  return out;
}

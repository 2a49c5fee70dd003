/**
 * A conversion sweeps: where a band's fill changes, the new fill covers the left part of the
 * changed stretch up to the progress and the old fill the rest, so the colour (and the stripes)
 * run over exactly the converted range. Bands that appear or go are swept the same way.
 * Pure in (from, to, t): t = 0 is the old row, t = 1 the new one.
 */
import type { Band, MorphedBand } from '../../animation/morph.ts';

export function sweepBands(from: readonly Band[], to: readonly Band[], t: number): MorphedBand[] {
  if (from === to || t >= 1) return to.map((b) => ({ ...b, scale: 1, changed: false }));
  const xs = [...new Set([...from, ...to].flatMap((b) => [b.start, b.end]))].toSorted((p, q) => p - q);
  const out: MorphedBand[] = [];
  const push = (start: number, end: number, b: Band | undefined, changed: boolean): void => {
    if (b === undefined || end <= start) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === start && last.fill === b.fill)
      out[out.length - 1] = { ...last, end, changed: last.changed || changed };
    else out.push({ ...b, start, end, scale: 1, changed });
  };
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < xs.length; k++) {
    const a = xs[k] as number;
    const b = xs[k + 1] as number;
    while (i < from.length && (from[i] as Band).end <= a) i++;
    while (j < to.length && (to[j] as Band).end <= a) j++;
    const f = i < from.length && (from[i] as Band).start <= a ? from[i] : undefined;
    const g = j < to.length && (to[j] as Band).start <= a ? to[j] : undefined;
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

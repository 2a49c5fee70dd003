/**
 * Shape interpolation for run-length rows. A row is a list of bands (non-overlapping, sorted
 * [start, end) with a fill). Between two rows, every stretch where both agree stays; where
 * the fill differs the colour interpolates (d3-interpolate) and the band pulses; where a band
 * appears or disappears its height grows from or shrinks to nothing. At t = 1 the result is
 * exactly the new row, at t = 0 the old one: scrubbing backwards is the same function.
 */
import { interpolateRgb } from 'd3';

export interface Band {
  readonly start: number;
  readonly end: number;
  readonly fill: string;
  /** Tooltip text; taken from the new row where it has a band. */
  readonly title?: string;
}

export interface MorphedBand extends Band {
  /** Height factor, 0..1 (1: full height). */
  readonly scale: number;
  /** True while this stretch differs between the two rows. */
  readonly changed: boolean;
}

const mix = (a: string, b: string, t: number): string =>
  a === b || t <= 0
    ? a
    : t >= 1
      ? b
      : a.startsWith('#') && b.startsWith('#')
        ? interpolateRgb(a, b)(t)
        : t < 0.5
          ? a
          : b;

/** The morphed row at t in [0, 1]. */
export function morphBands(from: readonly Band[], to: readonly Band[], t: number): MorphedBand[] {
  if (from === to || t >= 1) return to.map((b) => ({ ...b, scale: 1, changed: false }));
  const cuts = new Set<number>();
  for (const b of from) cuts.add(b.start).add(b.end);
  for (const b of to) cuts.add(b.start).add(b.end);
  const xs = [...cuts].toSorted((p, q) => p - q);
  const out: MorphedBand[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < xs.length; k++) {
    const a = xs[k] as number;
    const b = xs[k + 1] as number;
    while (i < from.length && (from[i] as Band).end <= a) i++;
    while (j < to.length && (to[j] as Band).end <= a) j++;
    const f = i < from.length && (from[i] as Band).start <= a ? from[i] : undefined;
    const g = j < to.length && (to[j] as Band).start <= a ? to[j] : undefined;
    if (f === undefined && g === undefined) continue;
    const changed = f?.fill !== g?.fill;
    const scale =
      f === undefined ? t : g === undefined ? 1 - t : changed ? 1 - 0.3 * Math.sin(Math.PI * t) : 1;
    if (scale <= 0) continue;
    const fill = mix(f?.fill ?? (g as Band).fill, g?.fill ?? (f as Band).fill, t);
    const title = (g ?? f)?.title;
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      prev.end === a &&
      prev.fill === fill &&
      prev.scale === scale &&
      prev.changed === changed &&
      prev.title === title
    )
      out[out.length - 1] = { ...prev, end: b };
    else out.push({ start: a, end: b, fill, scale, changed, ...(title === undefined ? {} : { title }) });
  }
  return out;
}

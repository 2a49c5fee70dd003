/**
 * Shape interpolation for run-length rows. A row is a list of bands (non-overlapping, sorted
 * [start, end) with a fill). Between two rows, every stretch where both agree stays; where
 * the fill differs the colour interpolates (d3-interpolate) and the band pulses; where a band
 * appears or disappears its height grows from or shrinks to nothing. At t = 1 the result is
 * exactly the new row, at t = 0 the old one: scrubbing backwards is the same function.
 */
import { interpolateRgb } from 'd3';
import { recentPairMemo } from '../store/recentMemo.ts';

export interface Band {
  readonly start: number;
  readonly end: number;
  readonly fill: string;
  /**
   * Tooltip text, taken from the new row where it has a band; or a function that spells it
   * from `about` and the band drawn, only for the few bands drawn alone. The function is one
   * per row, shared by its bands: a long history has thousands of bands per state, and a
   * closure each made ~60% of what a seek's views left for the garbage collector to copy
   * (V8's --trace-gc-nvp).
   */
  readonly title?: string | ((about: unknown, band: Band) => string);
  /** What a title function spells the tooltip from (a page state, a mapping). */
  readonly about?: unknown;
}

/** The tooltip of a band drawn alone. */
export const bandTitle = (b: Band): string | undefined =>
  typeof b.title === 'function' ? b.title(b.about, b) : b.title;

/** A row's title function, written for what its bands are about. */
export const titleOf = <A>(
  spell: (about: A, band: Band) => string,
): ((about: unknown, band: Band) => string) => spell as (about: unknown, band: Band) => string;

/**
 * A band of a morphed row. A settled row (t = 1, or the same row twice) is the new row's bands
 * themselves, without these two fields: a seek lands settled, and a copy of every band with
 * `scale: 1, changed: false` was ~12% of what a seek in a long history allocated.
 */
export interface MorphedBand extends Band {
  /** Height factor, 0..1 (absent: 1, full height). */
  readonly scale?: number;
  /** True while this stretch differs between the two rows (absent: false). */
  readonly changed?: boolean;
}

/** The height factor of a morphed band. */
export const scaleOf = (b: MorphedBand): number => b.scale ?? 1;

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

/** One elementary stretch of two overlaid rows: the band of each row over it, if any. */
export interface Overlay {
  readonly start: number;
  readonly end: number;
  readonly from: Band | undefined;
  readonly to: Band | undefined;
}

/** The k-th boundary of a row: its bands' starts and ends in order (never decreasing). */
const edge = (row: readonly Band[], k: number): number => {
  const b = row[k >> 1] as Band;
  return (k & 1) === 0 ? b.start : b.end;
};

/**
 * Cuts two rows at every band boundary of either and lists the stretches in order, with the
 * band of each row that covers each one (morph and sweep both animate over this list). The
 * boundaries of each row come sorted: one merge, no sort. Remembered for the last pairs of rows
 * (an animation asks the same ones at every frame; only t moves).
 */
export const overlay: (from: readonly Band[], to: readonly Band[]) => readonly Overlay[] = recentPairMemo(
  overlayOf,
  16,
);

function overlayOf(from: readonly Band[], to: readonly Band[]): Overlay[] {
  const out: Overlay[] = [];
  const nf = 2 * from.length;
  const nt = 2 * to.length;
  let p = 0;
  let q = 0;
  let i = 0;
  let j = 0;
  let a = Math.min(nf > 0 ? edge(from, 0) : Infinity, nt > 0 ? edge(to, 0) : Infinity);
  while (p < nf || q < nt) {
    // Past every boundary at a: the next one is where the stretch from a ends.
    while (p < nf && edge(from, p) <= a) p++;
    while (q < nt && edge(to, q) <= a) q++;
    const b = Math.min(p < nf ? edge(from, p) : Infinity, q < nt ? edge(to, q) : Infinity);
    if (b === Infinity) break;
    while (i < from.length && (from[i] as Band).end <= a) i++;
    while (j < to.length && (to[j] as Band).end <= a) j++;
    out.push({
      start: a,
      end: b,
      from: i < from.length && (from[i] as Band).start <= a ? from[i] : undefined,
      to: j < to.length && (to[j] as Band).start <= a ? to[j] : undefined,
    });
    a = b;
  }
  return out;
}

/** The morphed row at t in [0, 1]. */
export function morphBands(from: readonly Band[], to: readonly Band[], t: number): readonly MorphedBand[] {
  if (from === to || t >= 1) return to;
  const out: MorphedBand[] = [];
  for (const { start: a, end: b, from: f, to: g } of overlay(from, to)) {
    if (f === undefined && g === undefined) continue;
    const changed = f?.fill !== g?.fill;
    const scale =
      f === undefined ? t : g === undefined ? 1 - t : changed ? 1 - 0.3 * Math.sin(Math.PI * t) : 1;
    if (scale <= 0) continue;
    const fill = mix(f?.fill ?? (g as Band).fill, g?.fill ?? (f as Band).fill, t);
    const title = (g ?? f)?.title;
    const about = (g ?? f)?.about;
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      prev.end === a &&
      prev.fill === fill &&
      prev.scale === scale &&
      prev.changed === changed &&
      prev.title === title &&
      prev.about === about
    )
      out[out.length - 1] = { ...prev, end: b };
    else
      out.push({
        start: a,
        end: b,
        fill,
        scale,
        changed,
        ...(title === undefined ? {} : { title }),
        ...(about === undefined ? {} : { about }),
      });
  }
  return out;
}

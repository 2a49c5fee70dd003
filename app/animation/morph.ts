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

/** Fill a at 0, b at 1: colours interpolate, other fills (patterns) switch halfway. */
export const mix = (a: string, b: string, t: number): string =>
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

/**
 * Two rows' stretches split once into those t does not move and those it does. A still
 * stretch's band is built once (neighbouring still ones joined as a frame would join them);
 * a frame copies those and makes the moving ones only. Among 10,000 pins a row has ~40,000
 * stretches and a step moves a few: every band made again at every frame took 5-10 ms a frame
 * to morph and ~60 to sweep (node, 40,000 stretches), and most of what the frame allocated.
 */
export interface MorphPlan {
  /** In order: a band built once (a still stretch) or an overlay stretch that moves with t. */
  readonly parts: readonly (MorphedBand | Overlay)[];
  /** 1 where parts[k] moves with t (an Overlay), 0 where it is a band already built. */
  readonly moving: Uint8Array;
}

/** Two bands side by side drawn as one (the first extended), or undefined when they stay apart. */
export type Join = (last: MorphedBand, b: MorphedBand) => MorphedBand | undefined;

/**
 * The plan of a morph: `still` answers the band a stretch draws at every t (null: nothing at
 * any t) or undefined when the stretch moves with t.
 */
export function planMorph(
  from: readonly Band[],
  to: readonly Band[],
  still: (o: Overlay) => MorphedBand | null | undefined,
  join: Join,
): MorphPlan {
  const parts: (MorphedBand | Overlay)[] = [];
  const moving: number[] = [];
  for (const o of overlay(from, to)) {
    const b = still(o);
    if (b === null) continue;
    if (b === undefined) {
      parts.push(o);
      moving.push(1);
      continue;
    }
    const k = parts.length - 1;
    const joined = k >= 0 && moving[k] === 0 ? join(parts[k] as MorphedBand, b) : undefined;
    if (joined !== undefined) parts[k] = joined;
    else {
      parts.push(b);
      moving.push(0);
    }
  }
  return { parts, moving: Uint8Array.from(moving) };
}

/** Appends b to a row being made, joined to the band before it where `join` says so. */
export function pushJoined(out: MorphedBand[], b: MorphedBand, join: Join): void {
  const last = out[out.length - 1];
  const joined = last === undefined ? undefined : join(last, b);
  if (joined !== undefined) out[out.length - 1] = joined;
  else out.push(b);
}

/**
 * A frame of a planned morph: the still bands as built, each moving stretch drawn by `draw`
 * (which appends its bands with pushJoined).
 */
export function framePlan(
  plan: MorphPlan,
  draw: (out: MorphedBand[], o: Overlay) => void,
  join: Join,
): MorphedBand[] {
  const out: MorphedBand[] = [];
  const { parts, moving } = plan;
  for (let k = 0; k < parts.length; k++)
    if (moving[k] === 1) draw(out, parts[k] as Overlay);
    else pushJoined(out, parts[k] as MorphedBand, join);
  return out;
}

/**
 * Band b (its title and what it is about) drawn over [start, end) in a fill, at a height, changed
 * or not: a literal of the fields a band has.
 * Not `{ ...b, start, end, scale, changed }`: under Node 20's V8 an object spread from a band
 * and then given fields the band lacks reads ~50x slower (a sweep of 40,000 stretches: 10-14
 * ms a frame against ~1); see core/README, "Objects spread and then given a new field".
 */
export const drawn = (
  b: Band,
  start: number,
  end: number,
  fill: string,
  scale: number,
  changed: boolean,
): MorphedBand => ({
  start,
  end,
  fill,
  scale,
  changed,
  ...(b.title === undefined ? {} : { title: b.title }),
  ...(b.about === undefined ? {} : { about: b.about }),
});

/** Two morphed bands as one: side by side and alike in everything drawn (fill, height, change, title). */
const joinMorphed: Join = (prev, b) =>
  prev.end === b.start &&
  prev.fill === b.fill &&
  prev.scale === b.scale &&
  prev.changed === b.changed &&
  prev.title === b.title &&
  prev.about === b.about
    ? drawn(prev, prev.start, b.end, prev.fill, scaleOf(prev), prev.changed === true)
    : undefined;

/** A morphed band: its title and what it is about taken from the new row where it has a band. */
const morphed = (o: Overlay, fill: string, scale: number, changed: boolean): MorphedBand =>
  drawn((o.to ?? o.from) as Band, o.start, o.end, fill, scale, changed);

/** Where both rows have a band of one fill, the stretch stays as it is at every t. */
const stillMorph = (o: Overlay): MorphedBand | null | undefined =>
  o.from === undefined && o.to === undefined
    ? null
    : o.from !== undefined && o.to !== undefined && o.from.fill === o.to.fill
      ? morphed(o, o.from.fill, 1, false)
      : undefined;

const morphPlan = recentPairMemo(
  (from: readonly Band[], to: readonly Band[]) => planMorph(from, to, stillMorph, joinMorphed),
  16,
);

/** A moving stretch at t: its colour interpolates and it pulses, or it grows in or shrinks away. */
function drawMorph(out: MorphedBand[], o: Overlay, t: number): void {
  const f = o.from;
  const g = o.to;
  const changed = f?.fill !== g?.fill;
  const scale = f === undefined ? t : g === undefined ? 1 - t : changed ? 1 - 0.3 * Math.sin(Math.PI * t) : 1;
  if (scale <= 0) return;
  const fill = mix(f?.fill ?? (g as Band).fill, g?.fill ?? (f as Band).fill, t);
  pushJoined(out, morphed(o, fill, scale, changed), joinMorphed);
}

/** The morphed row at t in [0, 1]. */
export function morphBands(from: readonly Band[], to: readonly Band[], t: number): readonly MorphedBand[] {
  if (from === to || t >= 1) return to;
  return framePlan(morphPlan(from, to), (out, o) => drawMorph(out, o, t), joinMorphed);
}

/**
 * A conversion sweeps: where a band's fill changes, the new fill covers the left part of the
 * changed stretch up to the progress and the old fill the rest, so the colour (and the stripes)
 * run over exactly the converted range. Bands that appear or go are swept the same way.
 * Pure in (from, to, t): t = 0 is the old row, t = 1 the new one. The stretches whose fill
 * does not change are built once per pair of rows (planMorph in morph.ts).
 */
import {
  drawn,
  framePlan,
  planMorph,
  pushJoined,
  type Band,
  type Join,
  type MorphedBand,
  type Overlay,
} from '../../animation/morph.ts';
import { recentPairMemo } from '../../store/recentMemo.ts';

/** Band b drawn over [start, end) at full height. */
const part = (b: Band, start: number, end: number, changed: boolean): MorphedBand =>
  drawn(b, start, end, b.fill, 1, changed);

/** Side by side and of one fill: one band, changed where either part is. */
const joinSwept: Join = (last, b) =>
  last.end === b.start && last.fill === b.fill
    ? part(last, last.start, b.end, last.changed === true || b.changed === true)
    : undefined;

/** Where the fill does not change, the new row's band (or nothing) at every t. */
const stillSwept = (o: Overlay): MorphedBand | null | undefined =>
  o.from?.fill !== o.to?.fill ? undefined : o.to === undefined ? null : part(o.to, o.start, o.end, false);

const sweepPlan = recentPairMemo(
  (from: readonly Band[], to: readonly Band[]) => planMorph(from, to, stillSwept, joinSwept),
  16,
);

/** A changed stretch at t: the new band up to the progress, the old one after it. */
function drawSweep(out: MorphedBand[], o: Overlay, t: number): void {
  const m = o.start + Math.round((o.end - o.start) * Math.max(0, t));
  if (o.to !== undefined && m > o.start) pushJoined(out, part(o.to, o.start, m, true), joinSwept);
  if (o.from !== undefined && o.end > m) pushJoined(out, part(o.from, m, o.end, true), joinSwept);
}

export function sweepBands(from: readonly Band[], to: readonly Band[], t: number): readonly MorphedBand[] {
  // Settled: the new row as it is (see MorphedBand).
  if (from === to || t >= 1) return to;
  return framePlan(sweepPlan(from, to), (out, o) => drawSweep(out, o, t), joinSwept);
}

import { morphBands, type Band } from '../../animation/morph.ts';
import { sweepBands } from './sweep.ts';
import { span, type XScale } from './geometry.ts';

interface Props {
  x: XScale;
  width: number;
  from: readonly Band[];
  to: readonly Band[];
  t: number;
  y: number;
  h: number;
  minWidth?: number;
  decorative?: boolean;
  /** A change sweeps left to right instead of pulsing (conversions on the pages row). */
  sweep?: boolean;
}

/**
 * One row of bands, morphed from `from` to `to` at t. A band at scale s is drawn s of the row
 * high, centred: new memory grows in, freed memory shrinks away, changed memory pulses.
 */
export function BandRow({
  x,
  width,
  from,
  to,
  t,
  y,
  h,
  minWidth = 1,
  decorative = false,
  sweep = false,
}: Props) {
  return (
    <>
      {(sweep ? sweepBands(from, to, t) : morphBands(from, to, t)).map((b) => {
        const s = span(x, width, b.start, b.end);
        if (s === null) return null;
        const bh = h * b.scale;
        return (
          <rect
            key={b.start}
            x={s.x0}
            y={y + (h - bh) / 2}
            width={Math.max(minWidth, s.x1 - s.x0)}
            height={bh}
            fill={b.fill}
            pointerEvents={decorative ? 'none' : undefined}
            data-changed={b.changed ? 'true' : undefined}
          >
            {b.title !== undefined && !decorative && <title>{b.title}</title>}
          </rect>
        );
      })}
    </>
  );
}

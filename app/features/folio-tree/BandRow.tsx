import { Fragment } from 'react';
import { bandTitle, morphBands, scaleOf, type Band, type MorphedBand } from '../../animation/morph.ts';
import { sweepBands } from './sweep.ts';
import { onScreen, span, type XScale } from './geometry.ts';
import { mergeSubpixel, notable } from './subpixel.ts';
import { CHAR_PX } from './nodeText.ts';

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
  /**
   * How notable a band is: a group of bands too thin to tell apart takes the colour of its
   * most notable member (a pinned page among free ones), not of its widest. Absent: widest.
   */
  salience?: (b: Band) => number;
  /**
   * A band's word, written inside it where it fits (colour is never the only signal where
   * there is room for a word); absent: no words.
   */
  label?: (b: Band) => string | undefined;
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
  salience,
  label,
}: Props) {
  // A settled row (a seek, a camera flight) places only its bands on screen: span would drop
  // the rest. A morph overlays both rows whole: a band of one cut off at the screen's edge
  // must meet the other row's band there, not a gap that would read as a change.
  const settled = from === to || t >= 1;
  const bands: readonly MorphedBand[] = settled
    ? onScreen(to, x, width)
    : sweep
      ? sweepBands(from, to, t)
      : morphBands(from, to, t);
  // Bands too thin to tell apart are drawn as one shape in the colour of the widest; where a
  // more notable one is among them (salience: a pinned page among free ones), a strip along
  // the shape's foot in its colour says so. Coloured wholly by the most notable, a row of
  // thousands of pins spread thin read as all pinned; by the widest alone, as none.
  const groups = mergeSubpixel(bands, (b) => span(x, width, b.start, b.end), Math.max(3, minWidth));
  return (
    <>
      {/* Keyed by place (see TreeRows): a seek reuses the row's rects with new attributes. */}
      {groups.map((g, place) => {
        // What the step changed stands for the group, else the widest member.
        const one = g.items.length === 1;
        const b = g.items.find((i) => i.changed === true) ?? g.main;
        const mark = one ? b : notable(g.items, b, salience);
        const marked = mark !== b && mark.fill !== b.fill;
        const bh = h * tallest(g.items);
        const w = Math.max(minWidth, g.x1 - g.x0);
        const title = one
          ? bandTitle(b)
          : `${g.items.length} runs too thin to tell apart at this zoom${marked ? `, among them ${bandTitle(mark) ?? ''}` : ''}: zoom in`;
        return (
          <Fragment key={place}>
            <rect
              x={g.x0}
              y={y + (h - bh) / 2}
              width={w}
              height={bh}
              fill={b.fill}
              pointerEvents={decorative ? 'none' : undefined}
              data-changed={g.items.some((i) => i.changed === true) ? 'true' : undefined}
            >
              {title !== undefined && !decorative && <title>{title}</title>}
            </rect>
            {one && label !== undefined && (
              <BandLabel text={label(b)} x0={Math.max(0, g.x0)} x1={Math.min(width, g.x1)} y={y} h={h} />
            )}
            {marked && (
              <rect
                className="band-mark"
                x={g.x0}
                y={y + (h + bh) / 2 - Math.max(3, bh / 3)}
                width={w}
                height={Math.max(3, bh / 3)}
                fill={mark.fill}
                pointerEvents="none"
              />
            )}
          </Fragment>
        );
      })}
    </>
  );
}

/** A band's word, at its left inside it, if the part on screen has room for it. */
function BandLabel({
  text,
  x0,
  x1,
  y,
  h,
}: {
  text: string | undefined;
  x0: number;
  x1: number;
  y: number;
  h: number;
}) {
  if (text === undefined || x1 - x0 < text.length * CHAR_PX + 8) return null;
  return (
    <text className="svg-on-fill" x={x0 + 4} y={y + h / 2 + 4} fontSize="12" pointerEvents="none">
      {text}
    </text>
  );
}

/** The height factor of a group's tallest member (a loop: no list of factors per group). */
function tallest(items: readonly MorphedBand[]): number {
  let k = 0;
  for (const i of items) k = Math.max(k, scaleOf(i));
  return k;
}

import { memo } from 'react';
import { hex } from '../../../core/index.ts';
import type { FcScale } from './fcScale.ts';
import { ticks } from './geometry.ts';
import { CHAR_PX } from './nodeText.ts';
import type { Row } from './rows.ts';
import { INK } from '../theme.ts';

const GAP_PX = 14;
/** Labels near the right edge end at their tick, so the end-of-file label is never clipped. */
const END_ZONE = 90;

export interface Tick {
  readonly offset: number;
  readonly px: number;
  readonly anchor: 'start' | 'end';
}

/** The label's box [left, right] on screen. */
const box = (t: Tick): [number, number] => {
  const w = hex(t.offset).length * CHAR_PX;
  return t.anchor === 'end' ? [t.px - 3 - w, t.px - 3] : [t.px + 3, t.px + 3 + w];
};

/**
 * Tick labels whose boxes do not overlap (the scale is not linear, so spacing is checked on
 * screen), the file's end label first in line: it is the one people look for.
 */
export function spacedTicks(x: FcScale, width: number, size: number): Tick[] {
  const all = ticks(x, width, size, Math.max(3, Math.floor(width / 110)))
    .map((offset) => ({ offset, px: x(offset) }))
    .filter((t) => t.px >= 0 && t.px <= width)
    .map((t): Tick => ({ ...t, anchor: t.px > width - END_ZONE ? 'end' : 'start' }));
  const last = all.at(-1);
  const kept: Tick[] = last !== undefined && last.offset === size ? [last] : [];
  for (const t of all) {
    if (kept.includes(t)) continue;
    const [a, b] = box(t);
    if (kept.every((k) => b + GAP_PX <= box(k)[0] || a >= box(k)[1] + GAP_PX)) kept.push(t);
  }
  return kept.toSorted((p, q) => p.offset - q.offset);
}

/**
 * True offsets on a focus-and-context scale: labels at power-of-two offsets, and a break mark
 * (two slashes) where a compressed stretch starts or ends, so nobody reads the axis as linear.
 */
function AxisView({ x, width, size, row }: { x: FcScale; width: number; size: number; row: Row }) {
  const ts = spacedTicks(x, width, size);
  const d = ts.map((t) => `M${t.px.toFixed(1)},${row.y + row.h - 5}V${row.y + row.h}`).join('');
  const breaks = new Set<number>();
  for (const s of x.compressedWiderThan(24)) {
    if (s.start > 0) breaks.add(x(s.start) + 6);
    if (s.end < size) breaks.add(x(s.end) - 6);
  }
  const y = row.y + row.h - 3;
  return (
    <g className="axis">
      <path d={`M0,${y}H${width}`} stroke={INK.frame} strokeWidth="0.75" />
      <path d={d} stroke={INK.frame} />
      {[...breaks]
        .filter((b) => b > 4 && b < width - 4)
        .map((b) => (
          <path
            key={b}
            className="axis-break"
            d={`M${b - 4},${y + 4}L${b - 1},${y - 4}M${b + 1},${y + 4}L${b + 4},${y - 4}`}
            stroke={INK.frame}
            strokeWidth="1.5"
          >
            <title>Axis break: a compressed stretch of identical memory</title>
          </path>
        ))}
      {ts.map((t) => (
        <text
          key={t.offset}
          className="svg-ink"
          x={t.anchor === 'end' ? t.px - 3 : t.px + 3}
          y={row.y + 11}
          fontSize="12"
          textAnchor={t.anchor}
        >
          {hex(t.offset)}
        </text>
      ))}
    </g>
  );
}

/** Memoised: a render of the file view that changes none of its props (a store write it already drew) skips it. */
export const Axis = memo(AxisView);

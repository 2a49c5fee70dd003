import { hex } from '../../../core/index.ts';
import { ticks, type XScale } from './geometry.ts';
import type { Row } from './rows.ts';

export function Axis({ x, width, size, row }: { x: XScale; width: number; size: number; row: Row }) {
  const ts = ticks(x, width, size, Math.max(2, Math.floor(width / 130)));
  const d = ts.map((t) => `M${x(t).toFixed(1)},${row.y + row.h - 5}V${row.y + row.h}`).join('');
  return (
    <g className="axis">
      <path d={d} stroke="#6b7280" />
      {ts.map((t) => (
        <text key={t} className="svg-ink" x={x(t) + 2} y={row.y + 11} fontSize="11" fill="#374151">
          {hex(t)}
        </text>
      ))}
    </g>
  );
}

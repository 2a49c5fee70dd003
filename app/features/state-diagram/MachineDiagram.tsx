import { useMemo } from 'react';
import type { Machine } from '../../../core/index.ts';
import { layoutMachine, NODE_H, NODE_W } from './layout.ts';

interface Props {
  machine: Machine<string>;
  width: number;
  /** The state to highlight (the selected page's or block's). */
  current: string | undefined;
  /** Edge ids taken by the last step. */
  taken: ReadonlySet<string>;
  colors: Readonly<Record<string, string>>;
  title: string;
}

const HOT = '#b91c1c';

/** One state machine, drawn from the core's data: boxes for states, arrows for edges. */
export function MachineDiagram({ machine, width, current, taken, colors, title }: Props) {
  const layout = useMemo(() => layoutMachine(machine, width), [machine, width]);
  const marker = `arrow-${machine.id}`;
  return (
    <svg width={width} height={layout.height} role="img" aria-label={title} className="diagram">
      <defs>
        {[['', '#9ca3af'], ['-hot', HOT]].map(([suffix, fill]) => (
          <marker key={suffix} id={`${marker}${suffix}`} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0L8,4L0,8z" fill={fill} />
          </marker>
        ))}
      </defs>
      {layout.edges.map((e) => {
        const hot = e.ids.some((id) => taken.has(id));
        return (
          <path key={e.key} d={e.d} fill="none" stroke={hot ? HOT : '#9ca3af'} strokeWidth={hot ? 2.5 : 1} strokeOpacity={hot ? 1 : 0.7} markerEnd={`url(#${marker}${hot ? '-hot' : ''})`} data-hot={hot ? 'true' : undefined}>
            <title>{`${e.from} → ${e.to}: ${e.ops.join(', ')}`}</title>
          </path>
        );
      })}
      {layout.nodes.map((n) => {
        const on = n.id === current;
        return (
          <g key={n.id} transform={`translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`}>
            <rect width={NODE_W} height={NODE_H} rx="6" fill={colors[n.id] ?? '#eee'} stroke={on ? '#111827' : '#6b7280'} strokeWidth={on ? 3 : 0.75} />
            <rect x="3" y="5" width={NODE_W - 6} height={NODE_H - 10} rx="3" fill="#ffffff" fillOpacity="0.85" />
            <text x={NODE_W / 2} y={NODE_H / 2 + 4} textAnchor="middle" fontSize="11" fontWeight={on ? 700 : 400} fill="#111827">
              {n.label}
            </text>
          </g>
        );
      })}
      {layout.edges
        .filter((e) => e.ids.some((id) => taken.has(id)))
        .map((e) => (
          <text key={`l${e.key}`} x={e.labelX} y={e.labelY - 4} textAnchor="middle" fontSize="11" fontWeight={700} fill={HOT} stroke="#ffffff" strokeWidth="3" paintOrder="stroke">
            {e.ops.filter((op) => e.ids.some((id) => taken.has(id) && id.startsWith(`${op}:`))).join(', ')}
          </text>
        ))}
    </svg>
  );
}

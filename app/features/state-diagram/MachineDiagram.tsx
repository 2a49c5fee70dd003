import { useMemo, type KeyboardEvent } from 'react';
import type { Attr, Machine, OpName } from '../../../core/index.ts';
import { phase, PHASES } from '../../animation/frame.ts';
import { edgeActions, PILL_H } from './actions.ts';
import { BADGE_H, layoutMachine, NODE_H, NODE_W } from './layout.ts';

interface Props {
  machine: Machine<string>;
  width: number;
  /** The state to highlight (the selected page's or block's). */
  current: string | undefined;
  /** Edge ids taken by the step on screen, and the states it reached. */
  taken: ReadonlySet<string>;
  reached: ReadonlySet<string>;
  /** The refused edge the step on screen ran into, as `${from}:${op}:${errno}`. */
  refusedHit: string | undefined;
  /** Progress through that step (0..1). */
  t: number;
  colors: Readonly<Record<string, string>>;
  title: string;
  /** Performs an edge's op on the selection. */
  onAct: (op: OpName, toAttr: Attr | undefined) => void;
}

const HOT = '#b91c1c';
const REFUSED = '#6b7280';

const activate = (f: () => void) => (e: KeyboardEvent) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  e.stopPropagation();
  f();
};

/**
 * One state machine, drawn from the core's data: boxes for states, arrows for edges, dashed
 * stubs for the edges the kernel refuses. Edges leaving the current state are buttons.
 */
export function MachineDiagram({
  machine,
  width,
  current,
  taken,
  reached,
  refusedHit,
  t,
  colors,
  title,
  onAct,
}: Props) {
  const layout = useMemo(() => layoutMachine(machine, width), [machine, width]);
  const actions = useMemo(() => edgeActions(machine, layout, current), [machine, layout, current]);
  const draw = phase(t, PHASES.edges);
  const light = phase(t, PHASES.light);
  const marker = `arrow-${machine.id}`;
  return (
    <svg width={width} height={layout.height} role="group" aria-label={title} className="diagram">
      <defs>
        {[
          ['', '#9ca3af'],
          ['-hot', HOT],
        ].map(([suffix, fill]) => (
          <marker
            key={suffix}
            id={`${marker}${suffix}`}
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0L8,4L0,8z" fill={fill} />
          </marker>
        ))}
      </defs>
      {layout.refused.map((r) => {
        const hit = refusedHit === `${r.from}:${r.op}:${r.errno}`;
        const mine = r.from === current;
        const color = hit ? HOT : REFUSED;
        const name = `${r.op}${r.toAttr === undefined ? '' : ` to ${r.toAttr}`} from ${machine.states.find((s) => s.id === r.from)?.label ?? r.from}: refused with ${r.errno} (${r.label})`;
        const badge = (
          <>
            <path
              d={r.d}
              fill="none"
              stroke={color}
              strokeWidth={hit ? 2 : 1}
              strokeDasharray="4 3"
              strokeOpacity={hit || mine ? 1 : 0.55}
            />
            <rect
              x={r.bx - r.bw / 2}
              y={r.by - BADGE_H / 2}
              width={r.bw}
              height={BADGE_H}
              rx="8"
              fill={hit ? '#fee2e2' : '#ffffff'}
              stroke={color}
              strokeDasharray="3 2"
              strokeWidth={mine ? 1.5 : 1}
            />
            <text
              x={r.bx}
              y={r.by + 3.5}
              textAnchor="middle"
              fontSize="10"
              fill={hit ? '#7f1d1d' : '#374151'}
              fontWeight={hit || mine ? 700 : 400}
            >
              {r.text}
            </text>
          </>
        );
        return mine ? (
          <g
            key={r.key}
            role="button"
            tabIndex={0}
            aria-label={`Try ${name}`}
            className="edge-action"
            onClick={() => onAct(r.op as OpName, r.toAttr)}
            onKeyDown={activate(() => onAct(r.op as OpName, r.toAttr))}
          >
            {badge}
          </g>
        ) : (
          <g key={r.key} data-refused-hit={hit ? 'true' : undefined}>
            <title>{name}</title>
            {badge}
          </g>
        );
      })}
      {layout.edges.map((e) => {
        const hot = e.ids.some((id) => taken.has(id));
        return (
          <g key={e.key}>
            <path
              d={e.d}
              fill="none"
              stroke="#9ca3af"
              strokeWidth={1}
              strokeOpacity={0.7}
              markerEnd={hot && draw >= 1 ? undefined : `url(#${marker})`}
            >
              <title>{`${e.from} → ${e.to}: ${e.ops.join(', ')}`}</title>
            </path>
            {hot && draw > 0 && (
              <path
                d={e.d}
                fill="none"
                stroke={HOT}
                strokeWidth={2.5}
                pathLength={1}
                strokeDasharray="1 1"
                strokeDashoffset={1 - draw}
                markerEnd={draw >= 1 ? `url(#${marker}-hot)` : undefined}
                data-hot="true"
                pointerEvents="none"
              />
            )}
          </g>
        );
      })}
      {layout.nodes.map((n) => {
        const on = n.id === current;
        const lit = reached.has(n.id) ? light : 0;
        return (
          <g
            key={n.id}
            transform={`translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`}
            data-lit={lit >= 1 ? 'true' : undefined}
          >
            {lit > 0 && (
              <rect
                x={-4}
                y={-4}
                width={NODE_W + 8}
                height={NODE_H + 8}
                rx="9"
                fill="#fde68a"
                fillOpacity={0.9 * lit}
                stroke={HOT}
                strokeOpacity={lit}
                strokeWidth="2"
              />
            )}
            <rect
              width={NODE_W}
              height={NODE_H}
              rx="6"
              fill={colors[n.id] ?? '#eee'}
              stroke={on ? '#111827' : '#6b7280'}
              strokeWidth={on ? 3 : 0.75}
            />
            <rect
              x="3"
              y="5"
              width={NODE_W - 6}
              height={NODE_H - 10}
              rx="3"
              fill="#ffffff"
              fillOpacity="0.85"
            />
            <text
              x={NODE_W / 2}
              y={NODE_H / 2 + 4}
              textAnchor="middle"
              fontSize="11"
              fontWeight={on ? 700 : 400}
              fill="#111827"
            >
              {n.label}
            </text>
          </g>
        );
      })}
      {layout.edges
        .filter((e) => e.ids.some((id) => taken.has(id)) && e.from !== current)
        .map((e) => (
          <text
            key={`l${e.key}`}
            x={e.labelX}
            y={e.labelY - 4}
            textAnchor="middle"
            fontSize="11"
            fontWeight={700}
            fill={HOT}
            fillOpacity={draw}
            stroke="#ffffff"
            strokeWidth="3"
            paintOrder="stroke"
          >
            {e.ops.filter((op) => e.ids.some((id) => taken.has(id) && id.startsWith(`${op}:`))).join(', ')}
          </text>
        ))}
      {actions.map((a) => (
        <g
          key={a.key}
          role="button"
          tabIndex={0}
          aria-label={a.name}
          className="edge-action"
          onClick={() => onAct(a.op, a.toAttr)}
          onKeyDown={activate(() => onAct(a.op, a.toAttr))}
        >
          <rect
            x={a.x - a.w / 2}
            y={a.y - PILL_H / 2}
            width={a.w}
            height={PILL_H}
            rx="7"
            fill="#eef2ff"
            stroke="#4338ca"
          />
          <text x={a.x} y={a.y + 3.5} textAnchor="middle" fontSize="10" fill="#312e81">
            {a.text}
          </text>
        </g>
      ))}
    </svg>
  );
}

import type { Point } from './geometry.ts';
import { pathOf } from './geometry.ts';
import type { Layout, PlacedNode, Route } from './elkGraph.ts';
import type { Outcome } from './outcomes.ts';
import { Badge, Clickable, EdgeLabel, StateBox, type Control } from './DiagramParts.tsx';

/** What the step on screen shows: a token on a route, a state lighting up, a refusal hit. */
export interface DiagramAnim {
  /** Route key the token travels (or bounces) on, and where it is now. */
  readonly route?: string;
  readonly token?: Point;
  /** The errno a refused step bounces with. */
  readonly errno?: string;
  /** The state lighting up, and how far (0..1). */
  readonly lit?: string;
  readonly light: number;
  /** The outcome key of the refused step, once it has bounced. */
  readonly hit?: string;
}

interface Props {
  readonly layout: Layout;
  readonly mode: 'focus' | 'whole';
  readonly current: string | undefined;
  readonly outcomes: ReadonlyMap<string, Outcome>;
  /** The button an outcome becomes; without it the drawing is a picture (embeds). */
  readonly control?: (o: Outcome) => Control | undefined;
  readonly hovered: string | undefined;
  readonly colors: Readonly<Record<string, string>>;
  readonly anim: DiagramAnim;
  readonly width: number;
  readonly height: number;
  readonly describedBy: string;
}

const MARKERS = ['context', 'live', 'hot'] as const;

/** A state's classes: the current one, the hovered edge's target, the ones out of focus. */
function stateClasses(n: PlacedNode, p: Props, targets: ReadonlySet<string>): string {
  const o = p.hovered === undefined ? undefined : p.outcomes.get(p.hovered);
  // Only an edge that moves the page has a target to point at.
  const hoverTo = o?.kind === 'move' ? o.to : undefined;
  return [
    n.id === p.current ? 'current' : '',
    n.id === hoverTo ? 'target' : '',
    p.mode === 'focus' && n.id !== p.current && !targets.has(n.id) ? 'faded' : '',
  ].join(' ');
}

function routeClass(r: Route, p: Props, live: ReadonlySet<string>): string {
  const badge = p.layout.nodes.find((n) => n.id === r.to && n.kind !== 'state');
  const kind = badge === undefined ? (live.has(r.key) ? 'live' : 'context') : badge.kind;
  const hot = p.anim.route === r.key ? 'hot' : '';
  const faded = p.mode === 'whole' && r.from !== p.current ? 'faded' : '';
  return `dg-route ${kind} ${hot} ${faded}`;
}

/**
 * One state machine as ELK laid it out: arrows, labels and badges exactly where ELK put
 * them, scaled to the container. In the focus view every label and badge is a button
 * performing its outcome; hovering or focusing one highlights the state it reaches.
 */
export function MachineDiagram(p: Props) {
  const { layout, outcomes } = p;
  const moves = [...outcomes.values()].filter((o) => o.kind === 'move');
  const targets = new Set(moves.map((o) => o.to));
  const liveEdges = new Set(moves.flatMap((o) => (o.edge === undefined ? [] : [o.edge.id])));
  const live = new Set(
    layout.routes
      .filter(
        (r) =>
          r.from === p.current &&
          (p.mode === 'focus' || r.labels.some((l) => l.edgeIds.some((id) => liveEdges.has(id)))),
      )
      .map((r) => r.key),
  );
  const outcomeOf = (key: string | undefined) => (key === undefined ? undefined : outcomes.get(key));
  return (
    <svg
      width={p.width}
      height={p.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      preserveAspectRatio="xMidYMid meet"
      role="group"
      aria-label="State diagram"
      aria-describedby={p.describedBy}
      className={`diagram dg-${p.mode}`}
      data-layout={layout.key}
    >
      <defs>
        {MARKERS.map((m) => (
          <marker
            key={m}
            id={`dg-arrow-${m}`}
            className={`dg-marker ${m}`}
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerUnits="userSpaceOnUse"
            markerWidth="10"
            markerHeight="10"
            orient="auto-start-reverse"
          >
            <path d="M0,0L8,4L0,8z" />
          </marker>
        ))}
      </defs>
      {layout.routes.map((r) => {
        const cls = routeClass(r, p, live);
        const toState = !r.to.startsWith('badge:') && !r.to.startsWith('refused:');
        const marker = cls.includes('hot') ? 'hot' : cls.includes('live') ? 'live' : 'context';
        return (
          <path
            key={r.key}
            d={pathOf(r.points)}
            className={cls}
            data-route={r.key}
            markerEnd={toState ? `url(#dg-arrow-${marker})` : undefined}
          />
        );
      })}
      {layout.nodes.map((n) => {
        if (n.kind === 'state')
          return (
            <StateBox
              key={n.id}
              n={n}
              fill={p.colors[n.id] ?? 'transparent'}
              classes={stateClasses(n, p, targets)}
              lit={p.anim.lit === n.id ? p.anim.light : 0}
            />
          );
        const o = outcomeOf(n.key);
        const classes = [
          n.from === p.current ? 'mine' : 'faded',
          o !== undefined && o.key === p.hovered ? 'hover' : '',
          n.key !== undefined && n.key === p.anim.hit ? 'hit' : '',
        ].join(' ');
        return (
          <Clickable key={n.id} control={o === undefined ? undefined : p.control?.(o)}>
            <Badge n={n} classes={classes} text={n.text} />
          </Clickable>
        );
      })}
      {layout.routes.flatMap((r) =>
        r.labels.map((l) => {
          const o = outcomeOf(l.key);
          const on = live.has(r.key) && (p.mode === 'focus' || l.edgeIds.some((id) => liveEdges.has(id)));
          const classes = [on ? 'live' : 'faded', o !== undefined && o.key === p.hovered ? 'hover' : ''].join(
            ' ',
          );
          return (
            <Clickable key={l.id} control={o === undefined ? undefined : p.control?.(o)}>
              <EdgeLabel l={l} classes={classes} text={l.text} />
            </Clickable>
          );
        }),
      )}
      {p.anim.token !== undefined && (
        <g
          className="dg-token"
          transform={`translate(${p.anim.token[0]},${p.anim.token[1]})`}
          pointerEvents="none"
        >
          <circle r={7} />
          {p.anim.errno !== undefined && (
            <text y={-11} textAnchor="middle" fontSize={12}>
              {p.anim.errno}
            </text>
          )}
        </g>
      )}
    </svg>
  );
}

/**
 * The pieces of a laid-out diagram: state boxes, badges and edge labels, each placed exactly
 * where ELK put it. Colours come from theme.ts (state fills) and CSS custom properties
 * (everything else, through the dg-* classes in styles.css).
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { LABEL_FONT, STATE_FONT, type PlacedLabel, type PlacedNode } from './elkGraph.ts';

/** Enter and Space act, as on any button. */
export const activate = (f: () => void) => (e: KeyboardEvent) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  e.stopPropagation();
  f();
};

export interface Control {
  readonly name: string;
  readonly tip: string;
  readonly onAct: () => void;
  readonly onHover: (on: boolean) => void;
}

/** Wraps drawn content in an SVG button (role, name, focus, click, keys, hover). */
export function Clickable({ control, children }: { control: Control | undefined; children: ReactNode }) {
  if (control === undefined) return <g>{children}</g>;
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={control.name}
      className="edge-action"
      onClick={control.onAct}
      onKeyDown={activate(control.onAct)}
      onMouseEnter={() => control.onHover(true)}
      onMouseLeave={() => control.onHover(false)}
      onFocus={() => control.onHover(true)}
      onBlur={() => control.onHover(false)}
    >
      <title>{control.tip}</title>
      {children}
    </g>
  );
}

export function StateBox({
  n,
  fill,
  classes,
  lit,
}: {
  n: PlacedNode;
  fill: string;
  classes: string;
  lit: number;
}) {
  return (
    <g
      className={`dg-state ${classes}`}
      transform={`translate(${n.x},${n.y})`}
      data-state={n.id}
      data-lit={lit >= 1 ? 'true' : undefined}
    >
      {lit > 0 && (
        <rect className="dg-lit" x={-5} y={-5} width={n.w + 10} height={n.h + 10} rx={10} opacity={lit} />
      )}
      <rect className="dg-state-frame" width={n.w} height={n.h} rx={7} fill={fill} />
      <rect className="dg-plate" x={4} y={5} width={n.w - 8} height={n.h - 10} rx={4} />
      <text x={n.w / 2} y={n.h / 2 + STATE_FONT * 0.35} textAnchor="middle" fontSize={STATE_FONT}>
        {n.text}
      </text>
    </g>
  );
}

/** A refusal or no-change badge: its own box, dashed when the kernel refuses. */
export function Badge({ n, classes, text }: { n: PlacedNode; classes: string; text: string }) {
  return (
    <g className={`dg-badge ${n.kind} ${classes}`} transform={`translate(${n.x},${n.y})`} data-badge={n.id}>
      <rect width={n.w} height={n.h} rx={n.h / 2} />
      <text x={n.w / 2} y={n.h / 2 + LABEL_FONT * 0.35} textAnchor="middle" fontSize={LABEL_FONT}>
        {text}
      </text>
    </g>
  );
}

export function EdgeLabel({ l, classes, text }: { l: PlacedLabel; classes: string; text: string }) {
  return (
    <g className={`dg-label ${classes}`} transform={`translate(${l.x},${l.y})`} data-label={l.id}>
      <rect width={l.w} height={l.h} rx={4} />
      <text x={l.w / 2} y={l.h / 2 + LABEL_FONT * 0.35} textAnchor="middle" fontSize={LABEL_FONT}>
        {text}
      </text>
    </g>
  );
}

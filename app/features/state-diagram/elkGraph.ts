/**
 * A state machine as an ELK graph, and ELK's answer as the geometry React draws. Pure: the
 * layout itself runs in elk.ts (a worker in the browser). Two graphs per machine: the whole
 * machine (one arrow per pair of states labelled with its ops, a badge per refused edge) and
 * the focus on one state for one selection (an arrow per real outcome labelled with its
 * condition, a badge per refusal or no-change). Every label is an ELK
 * label and every badge an ELK node, so ELK keeps them apart from each other and the boxes.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Machine } from '../../../core/index.ts';
import type { Outcome } from './outcomes.ts';
import { opText } from './edgeText.ts';

export const STATE_FONT = 13;
export const LABEL_FONT = 11;
export const LABEL_H = 15;
const STATE_H = 32;
const BADGE_H = 20;

/**
 * A generous width estimate for sans-serif text (no DOM here: the layout is computed once,
 * off the main thread). Wide letters count more, narrow ones less.
 */
export function textWidth(text: string, px: number): number {
  let em = 0;
  for (const ch of text) {
    if ("ilj.,:;|!'()[] ".includes(ch)) em += 0.32;
    else if ('mwMW@'.includes(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if ('→⊘'.includes(ch)) em += 1;
    else em += 0.58;
  }
  return Math.ceil(em * px);
}

const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '16',
  'elk.layered.spacing.nodeNodeBetweenLayers': '32',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '6',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '6',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.componentComponent': '24',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.padding': '[top=10,left=10,bottom=10,right=10]',
};

/**
 * The focus view is a fan from one state: the badges and targets stack in one column, so the
 * spacing between them decides the height. Tight spacing keeps a state with a dozen outcomes
 * readable in the short diagram panel of a 1280x720 screen.
 */
const FOCUS_OPTIONS: Record<string, string> = {
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '6',
  'elk.spacing.edgeNode': '5',
  'elk.spacing.edgeEdge': '4',
  'elk.layered.spacing.edgeNodeBetweenLayers': '6',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '4',
};

/** What a node or label stands for: kept on the main thread, joined to ELK's answer by id. */
export interface NodeMeta {
  readonly kind: 'state' | 'refused' | 'stay';
  readonly text: string;
  /** The state a badge hangs from. */
  readonly from?: string;
  /** The outcome it performs (focus graphs only), or the static refused edge's op. */
  readonly key?: string;
  readonly errno?: string;
  readonly reason?: string;
}

export interface LabelMeta {
  readonly text: string;
  /** Diagram edge ids drawn by this label. */
  readonly edgeIds: readonly string[];
  /** The outcome it performs (focus graphs only). */
  readonly key?: string;
}

export interface DiagramGraph {
  readonly key: string;
  readonly graph: ElkNode;
  readonly nodes: ReadonlyMap<string, NodeMeta>;
  readonly labels: ReadonlyMap<string, LabelMeta>;
}

const stateNode = (id: string, label: string): ElkNode => ({
  id,
  width: textWidth(label, STATE_FONT) + 28,
  height: STATE_H,
});
const badgeNode = (id: string, text: string, font = LABEL_FONT): ElkNode => ({
  id,
  width: textWidth(text, font) + 16,
  height: BADGE_H,
});
const labelBox = (id: string, text: string, font = LABEL_FONT) => ({
  id,
  text,
  width: textWidth(text, font) + 8,
  height: Math.max(LABEL_H, font + 4),
  // The line runs through its label: no doubt which arrow a label belongs to.
  layoutOptions: { 'elk.edgeLabels.inline': 'true' },
});

/** A short, stable digest of a string (FNV-1a, 32 bits, hex). */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The whole machine: every state, one arrow per pair of states, every refused edge. */
export function wholeGraph(m: Machine<string>): DiagramGraph {
  const nodes = new Map<string, NodeMeta>(m.states.map((s) => [s.id, { kind: 'state', text: s.label }]));
  const labels = new Map<string, LabelMeta>();
  const pairs = new Map<string, { from: string; to: string; ops: string[]; ids: string[] }>();
  for (const e of m.edges) {
    const key = `${e.from}->${e.to}`;
    const p = pairs.get(key) ?? { from: e.from, to: e.to, ops: [], ids: [] };
    const op = opText(e.op, e.to_attr);
    if (!p.ops.includes(op)) p.ops.push(op);
    p.ids.push(e.id);
    pairs.set(key, p);
  }
  const edges: ElkExtendedEdge[] = [];
  for (const [key, p] of pairs) {
    const text = p.ops.join(', ');
    labels.set(`label:${key}`, { text, edgeIds: p.ids });
    edges.push({ id: key, sources: [p.from], targets: [p.to], labels: [labelBox(`label:${key}`, text)] });
  }
  const children = m.states.map((s) => stateNode(s.id, s.label));
  m.refused.forEach((r, i) => {
    const id = `refused:${i}`;
    const text = `${opText(r.op, r.to_attr)} ⊘ ${r.errno}`;
    nodes.set(id, { kind: 'refused', text, from: r.from, errno: r.errno, reason: r.label });
    children.push(badgeNode(id, text));
    edges.push({ id: `${r.from}->${id}`, sources: [r.from], targets: [id] });
  });
  const graph = { id: m.id, layoutOptions: { ...OPTIONS, 'elk.direction': 'DOWN' }, children, edges };
  // The key carries a digest of the graph: a layout saved for another version of the machine
  // (wholeLayouts.json) is never mistaken for this one.
  return { key: `whole:${m.id}:${digest(JSON.stringify(graph))}`, graph, nodes, labels };
}

/**
 * The selection's state, one arrow per outcome that moves it (to the state the core reaches,
 * labelled with its condition), a badge per refusal and per op that changes nothing. The
 * rest of the machine is listed beside it, faded (StateDiagram), not laid out: at 600x400 the
 * focus must stay large enough to read.
 */
/**
 * @param labelFont the size the labels and badges are drawn at (the presentation stage draws
 *   them as large as the states, so they read from the back of the room)
 */
export function focusGraph(
  m: Machine<string>,
  current: string,
  outcomes: readonly Outcome[],
  labelFont = LABEL_FONT,
): DiagramGraph {
  const label = new Map(m.states.map((s) => [s.id, s.label]));
  const nodes = new Map<string, NodeMeta>([
    [current, { kind: 'state', text: label.get(current) ?? current }],
  ]);
  const labels = new Map<string, LabelMeta>();
  const children: ElkNode[] = [stateNode(current, label.get(current) ?? current)];
  const byTarget = new Map<string, Outcome[]>();
  const edges: ElkExtendedEdge[] = [];
  for (const o of outcomes) {
    if (o.kind === 'move') {
      byTarget.set(o.to, [...(byTarget.get(o.to) ?? []), o]);
      continue;
    }
    const id = `badge:${o.key}`;
    nodes.set(id, {
      kind: o.kind === 'refused' ? 'refused' : 'stay',
      text: o.text,
      from: current,
      key: o.key,
      ...(o.errno === undefined ? {} : { errno: o.errno }),
      reason: o.reason,
    });
    children.push(badgeNode(id, o.text, labelFont));
    edges.push({ id: `${current}->${id}`, sources: [current], targets: [id] });
  }
  for (const [to, os] of byTarget) {
    nodes.set(to, { kind: 'state', text: label.get(to) ?? to });
    children.push(stateNode(to, label.get(to) ?? to));
    for (const o of os)
      labels.set(`label:${o.key}`, {
        text: o.text,
        edgeIds: o.edge === undefined ? [] : [o.edge.id],
        key: o.key,
      });
    edges.push({
      id: `${current}->${to}`,
      sources: [current],
      targets: [to],
      labels: os.map((o) => labelBox(`label:${o.key}`, o.text, labelFont)),
    });
  }
  const sig = outcomes.map((o) => `${o.key}=${o.kind}:${o.to}:${o.errno ?? ''}:${o.text}`).join('|');
  return {
    key: `focus:${m.id}:${current}:${labelFont === LABEL_FONT ? '' : `f${labelFont}:`}${sig}`,
    graph: { id: m.id, layoutOptions: { ...OPTIONS, ...FOCUS_OPTIONS }, children, edges },
    nodes,
    labels,
  };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PlacedNode extends Box, NodeMeta {
  readonly id: string;
}

export interface PlacedLabel extends Box, LabelMeta {
  readonly id: string;
}

export interface Route {
  readonly key: string;
  readonly from: string;
  /** A state id or a badge id. */
  readonly to: string;
  readonly points: readonly (readonly [number, number])[];
  readonly labels: readonly PlacedLabel[];
}

export interface Layout {
  readonly key: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly routes: readonly Route[];
}

const box = (n: { x?: number; y?: number; width?: number; height?: number } | undefined): Box => ({
  x: n?.x ?? 0,
  y: n?.y ?? 0,
  w: n?.width ?? 0,
  h: n?.height ?? 0,
});

/** ELK's answer as boxes and polylines (a flat graph: every coordinate is absolute). */
export function fromElk(d: DiagramGraph, g: ElkNode): Layout {
  const nodes = (g.children ?? []).flatMap((n) => {
    const meta = d.nodes.get(n.id);
    return meta === undefined ? [] : [{ id: n.id, ...meta, ...box(n) }];
  });
  const routes = (g.edges ?? []).map((e) => {
    const points: [number, number][] = [];
    for (const s of e.sections ?? []) {
      points.push([s.startPoint.x, s.startPoint.y]);
      for (const b of s.bendPoints ?? []) points.push([b.x, b.y]);
      points.push([s.endPoint.x, s.endPoint.y]);
    }
    const labels = (e.labels ?? []).flatMap((l) => {
      const meta = d.labels.get(l.id ?? '');
      return meta === undefined ? [] : [{ id: l.id ?? '', ...meta, ...box(l) }];
    });
    return { key: e.id, from: e.sources[0] ?? '', to: e.targets[0] ?? '', points, labels };
  });
  return { key: d.key, width: g.width ?? 0, height: g.height ?? 0, nodes, routes };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** A layout with coordinates rounded to 0.1 px: what wholeLayouts.json stores. */
export function roundLayout(l: Layout): Layout {
  const rb = <T extends Box>(b: T): T => ({ ...b, x: r1(b.x), y: r1(b.y), w: r1(b.w), h: r1(b.h) });
  return {
    ...l,
    width: r1(l.width),
    height: r1(l.height),
    nodes: l.nodes.map(rb),
    routes: l.routes.map((r) => ({
      ...r,
      points: r.points.map(([x, y]) => [r1(x), r1(y)] as const),
      labels: r.labels.map(rb),
    })),
  };
}

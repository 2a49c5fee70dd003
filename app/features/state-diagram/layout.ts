/**
 * A layered layout of a state machine, computed from the machine itself: layers by distance
 * from the first state (left to right), order within a layer by the barycentre of the
 * layer before, one
 * curved arrow per (from, to) pair carrying every op that takes it.
 */
import type { Machine } from '../../../core/index.ts';

export interface NodeBox {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
}

export interface EdgeCurve {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** Diagram edge ids (`op:from->to`) drawn by this arrow. */
  readonly ids: readonly string[];
  readonly ops: readonly string[];
  readonly d: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** A refused edge: a dashed stub from its state down to a badge naming the op and errno. */
export interface RefusedStub {
  readonly key: string;
  readonly from: string;
  readonly op: string;
  readonly toAttr?: 'shared' | 'private';
  readonly errno: string;
  readonly label: string;
  readonly text: string;
  readonly d: string;
  /** Badge box: centre and size. */
  readonly bx: number;
  readonly by: number;
  readonly bw: number;
}

export interface Layout {
  readonly nodes: readonly NodeBox[];
  readonly edges: readonly EdgeCurve[];
  readonly refused: readonly RefusedStub[];
  readonly width: number;
  readonly height: number;
}

export const BADGE_H = 16;
const BADGE_GAP = 6;
/** Text width estimate for 10px sans-serif (no DOM measuring: layout stays a pure function). */
export const textWidth = (text: string, px = 10): number => Math.ceil(text.length * px * 0.6) + 10;

export const NODE_W = 124;
export const NODE_H = 30;
const ROW_GAP = 14;
export const PAD = 20;
const BEND = 16;

function layers(m: Machine<string>): string[][] {
  const ids = m.states.map((s) => s.id);
  const depth = new Map<string, number>([[ids[0] as string, 0]]);
  const queue = [ids[0] as string];
  while (queue.length > 0) {
    const a = queue.shift() as string;
    for (const e of m.edges)
      if (e.from === a && !depth.has(e.to)) {
        depth.set(e.to, (depth.get(a) ?? 0) + 1);
        queue.push(e.to);
      }
  }
  const max = Math.max(0, ...depth.values());
  for (const id of ids) if (!depth.has(id)) depth.set(id, max + 1);
  const out: string[][] = [];
  for (const id of ids) (out[depth.get(id) as number] ??= []).push(id);
  return out.filter((l) => l !== undefined);
}

/** Orders each layer by the mean position of its neighbours in the layer above. */
function order(ls: string[][], m: Machine<string>): string[][] {
  const pos = new Map<string, number>();
  ls[0]?.forEach((id, i) => pos.set(id, i / Math.max(1, (ls[0]?.length ?? 1) - 1)));
  const bary = (id: string) => {
    const ns = m.edges
      .filter((e) => (e.to === id && pos.has(e.from)) || (e.from === id && pos.has(e.to)))
      .map((e) => pos.get(e.to === id ? e.from : e.to) as number);
    return ns.length === 0 ? 0.5 : ns.reduce((a, b) => a + b, 0) / ns.length;
  };
  return ls.map((layer, li) => {
    if (li === 0) return layer;
    const sorted = layer.toSorted((a, b) => bary(a) - bary(b));
    sorted.forEach((id, i) => pos.set(id, sorted.length === 1 ? 0.5 : i / (sorted.length - 1)));
    return sorted;
  });
}

/** Where the segment from the centre of a box towards (dx, dy) leaves the box. */
function exit(cx: number, cy: number, dx: number, dy: number): [number, number] {
  const t = Math.min(
    Math.abs(dx) < 1e-9 ? Infinity : NODE_W / 2 / Math.abs(dx),
    Math.abs(dy) < 1e-9 ? Infinity : NODE_H / 2 / Math.abs(dy),
  );
  return [cx + dx * t, cy + dy * t];
}

/** Columns hold at most this many states; a longer layer spills into the next column. */
const MAX_PER_COLUMN = 4;

function columns(ls: string[][]): string[][] {
  return ls.flatMap((layer) => {
    const n = Math.ceil(layer.length / MAX_PER_COLUMN);
    const per = Math.ceil(layer.length / n);
    return Array.from({ length: n }, (_, i) => layer.slice(i * per, (i + 1) * per));
  });
}

export function layoutMachine(m: Machine<string>, width: number): Layout {
  const ls = columns(order(layers(m), m));
  const label = new Map(m.states.map((s) => [s.id, s.label]));
  const tallest = Math.max(...ls.map((l) => l.length));
  const height = PAD * 2 + tallest * (NODE_H + ROW_GAP) - ROW_GAP;
  const colStep = ls.length === 1 ? 0 : (width - 2 * PAD - NODE_W) / (ls.length - 1);
  const nodes: NodeBox[] = [];
  const layerOf = new Map<string, number>();
  ls.forEach((layer, li) => {
    const rowStep = (height - 2 * PAD - NODE_H) / Math.max(1, layer.length - 1);
    layer.forEach((id, i) => {
      layerOf.set(id, li);
      const y = layer.length === 1 ? height / 2 : PAD + NODE_H / 2 + i * rowStep;
      nodes.push({
        id,
        label: label.get(id) ?? id,
        x: ls.length === 1 ? width / 2 : PAD + NODE_W / 2 + li * colStep,
        y,
      });
    });
  });
  const at = new Map(nodes.map((n) => [n.id, n]));
  const pairs = new Map<string, { from: string; to: string; ids: string[]; ops: Set<string> }>();
  for (const e of m.edges) {
    const key = `${e.from}->${e.to}`;
    const p = pairs.get(key) ?? { from: e.from, to: e.to, ids: [], ops: new Set<string>() };
    p.ids.push(e.id);
    p.ops.add(e.op);
    pairs.set(key, p);
  }
  const edges: EdgeCurve[] = [];
  for (const [key, p] of pairs) {
    const a = at.get(p.from);
    const b = at.get(p.to);
    if (a === undefined || b === undefined) continue;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const [nx, ny] = [-(b.y - a.y) / len, (b.x - a.x) / len];
    // Arrows inside one column arc out sideways so they do not run through the boxes between.
    const bend = layerOf.get(p.from) === layerOf.get(p.to) ? Math.max(2 * BEND, 0.45 * len) : 2 * BEND;
    const [cx, cy] = [(a.x + b.x) / 2 + nx * bend, (a.y + b.y) / 2 + ny * bend];
    const [x0, y0] = exit(a.x, a.y, cx - a.x, cy - a.y);
    const [x1, y1] = exit(b.x, b.y, cx - b.x, cy - b.y);
    const d = `M${x0.toFixed(1)},${y0.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${x1.toFixed(1)},${y1.toFixed(1)}`;
    edges.push({
      key,
      from: p.from,
      to: p.to,
      ids: p.ids,
      ops: [...p.ops],
      d,
      labelX: 0.25 * x0 + 0.5 * cx + 0.25 * x1,
      labelY: 0.25 * y0 + 0.5 * cy + 0.25 * y1,
    });
  }
  const refused = placeRefused(m, at, width, height);
  const bottom = refused.reduce((y, r) => Math.max(y, r.by + BADGE_H / 2 + PAD / 2), height);
  return { nodes, edges, refused, width, height: bottom };
}

/**
 * Badges of refused edges in bands under the states, each as near below its state as the
 * badges already placed allow; the dashed stub runs from the state's lower edge to its badge.
 */
function placeRefused(
  m: Machine<string>,
  at: ReadonlyMap<string, NodeBox>,
  width: number,
  top: number,
): RefusedStub[] {
  const bands: [number, number][][] = [];
  const out: RefusedStub[] = [];
  const list = m.refused
    .map((r, i) => ({ r, i, n: at.get(r.from) }))
    .filter((e) => e.n !== undefined)
    .toSorted((a, b) => (a.n as NodeBox).x - (b.n as NodeBox).x || a.i - b.i);
  const perNode = new Map<string, number>();
  for (const { r, i, n } of list) {
    const node = n as NodeBox;
    const text = `${r.op}${r.to_attr === undefined ? '' : ` → ${r.to_attr}`} ⊘ ${r.errno}`;
    const bw = textWidth(text);
    const bx = Math.max(bw / 2 + 2, Math.min(width - bw / 2 - 2, node.x));
    let band = bands.findIndex((b) =>
      b.every(([a, z]) => bx + bw / 2 + BADGE_GAP <= a || bx - bw / 2 - BADGE_GAP >= z),
    );
    if (band === -1) band = bands.push([]) - 1;
    (bands[band] as [number, number][]).push([bx - bw / 2, bx + bw / 2]);
    const by = top + BADGE_H / 2 + 4 + band * (BADGE_H + 6);
    const k = perNode.get(r.from) ?? 0;
    perNode.set(r.from, k + 1);
    const sx = node.x + (k % 2 === 0 ? -1 : 1) * (10 + 14 * Math.floor(k / 2));
    const sy = node.y + NODE_H / 2;
    const d = `M${sx.toFixed(1)},${sy.toFixed(1)}Q${sx.toFixed(1)},${(by - BADGE_H).toFixed(1)} ${bx.toFixed(1)},${(by - BADGE_H / 2).toFixed(1)}`;
    out.push({
      key: `refused-${i}`,
      from: r.from,
      op: r.op,
      ...(r.to_attr === undefined ? {} : { toAttr: r.to_attr }),
      errno: r.errno,
      label: r.label,
      text,
      d,
      bx,
      by,
      bw,
    });
  }
  return out;
}

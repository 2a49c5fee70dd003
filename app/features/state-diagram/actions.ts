/**
 * The diagram as a control: every edge leaving the selected page's (or block's) state is a
 * button performing that edge's op on the page (or block), placed on its arrow without
 * covering a state or another button. Pure: geometry and ops only.
 */
import { PAGE, alignDown } from '../../../core/index.ts';
import type { Attr, Machine, OpName } from '../../../core/index.ts';
import type { Selection } from '../../store/store.ts';
import { entryFor, type PaletteEntry } from '../op-palette/ops.ts';
import type { Target } from '../op-palette/perform.ts';
import { NODE_H, NODE_W, textWidth, type Layout } from './layout.ts';

export const PILL_H = 15;

export interface EdgeAction {
  readonly key: string;
  readonly op: OpName;
  readonly toAttr?: Attr;
  readonly text: string;
  /** Accessible name: the op, the transition and the edge's own label. */
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const hits = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

const boxAt = (cx: number, cy: number, w: number): Box => ({
  x0: cx - w / 2,
  x1: cx + w / 2,
  y0: cy - PILL_H / 2,
  y1: cy + PILL_H / 2,
});

/** The free spot for a pill nearest (cx, cy): first straight up and down, then anywhere. */
function freeSpot(cx: number, cy: number, w: number, layout: Layout, taken: readonly Box[]): Box {
  const clampY = (y: number) => Math.max(PILL_H / 2 + 1, Math.min(layout.height - PILL_H / 2 - 1, y));
  const free = (b: Box) =>
    !taken.some((t) => hits(t, { x0: b.x0 - 1, x1: b.x1 + 1, y0: b.y0 - 1, y1: b.y1 + 1 }));
  for (let i = 0; i < 12; i++) {
    const b = boxAt(cx, clampY(cy + (i % 2 === 0 ? i / 2 : -(i + 1) / 2) * (PILL_H + 2)), w);
    if (free(b)) return b;
  }
  let best: Box | undefined;
  let bestD = Infinity;
  for (let y = PILL_H / 2 + 1; y <= layout.height - PILL_H / 2 - 1; y += 4)
    for (let x = w / 2 + 1; x <= layout.width - w / 2 - 1; x += 6) {
      const d = (x - cx) ** 2 + 4 * (y - cy) ** 2;
      if (d >= bestD) continue;
      const b = boxAt(x, y, w);
      if (free(b)) [best, bestD] = [b, d];
    }
  return best ?? boxAt(cx, clampY(cy), w);
}

export function edgeActions(m: Machine<string>, layout: Layout, current: string | undefined): EdgeAction[] {
  if (current === undefined) return [];
  const label = new Map(m.states.map((s) => [s.id, s.label]));
  const taken: Box[] = layout.nodes.map((n) => ({
    x0: n.x - NODE_W / 2,
    x1: n.x + NODE_W / 2,
    y0: n.y - NODE_H / 2,
    y1: n.y + NODE_H / 2,
  }));
  for (const r of layout.refused)
    taken.push({ x0: r.bx - r.bw / 2, x1: r.bx + r.bw / 2, y0: r.by - 8, y1: r.by + 8 });
  const out: EdgeAction[] = [];
  for (const curve of layout.edges) {
    if (curve.from !== current) continue;
    const edges = m.edges.filter((e) => curve.ids.includes(e.id));
    edges.forEach((e, k) => {
      const text = `${e.op}${e.to_attr === undefined ? '' : ` → ${e.to_attr}`}`;
      const w = textWidth(text);
      const cx = Math.max(w / 2 + 1, Math.min(layout.width - w / 2 - 1, curve.labelX));
      const box = freeSpot(cx, curve.labelY + k * (PILL_H + 2), w, layout, taken);
      taken.push(box);
      const name = `${text}: ${label.get(e.from) ?? e.from} → ${label.get(e.to) ?? e.to} (${e.label})`;
      out.push({
        key: e.id,
        op: e.op,
        ...(e.to_attr === undefined ? {} : { toAttr: e.to_attr }),
        text,
        name,
        x: (box.x0 + box.x1) / 2,
        y: (box.y0 + box.y1) / 2,
        w,
      });
    });
  }
  return out;
}

/**
 * Where an edge acts: the palette entry for its op, on the selected page (page machine) or its
 * whole block (block machine). perform() builds and validates the op like any palette press.
 */
export function edgeTarget(
  machine: 'page' | 'block',
  op: OpName,
  toAttr: Attr | undefined,
  sel: Selection,
  pageSize: number,
): { entry: PaletteEntry; target: Target } | undefined {
  const entry = entryFor(op, toAttr);
  if (entry === undefined) return undefined;
  if (machine === 'page')
    return { entry, target: { selection: { start: sel.start, end: sel.start + PAGE, anchor: sel.start } } };
  const start = alignDown(sel.start, pageSize);
  return {
    entry,
    target: { selection: { start, end: start + pageSize, anchor: start }, inputs: { mergeSize: pageSize } },
  };
}

/**
 * The file as a tree: one row per depth (HugeTLB block -> folios -> 4K folios), each child
 * under its parent's range, then the 4K pages coloured by state. Runs of identical folios are
 * one labelled shape; during a step the tree moves (split, merge, drop) and a conversion sweeps
 * its colour over the pages it converted.
 */
import { memo } from 'react';
import { hex, PAGE } from '../../../core/index.ts';
import type { Frame } from '../../animation/frame.ts';
import { observation } from '../../store/selectors.ts';
import { BLOCK_STATE_COLOR, FOLIO_SIZE_COLOR, INK, REF_KIND_COLOR } from '../theme.ts';
import { BandRow } from './BandRow.tsx';
import { dataBands, dataLabel, dataSalience, frameBands, pageSalience } from './bands.ts';
import { boundaryPath, span, type XScale } from './geometry.ts';
import { CHAR_PX, attrOf, nodeLabels, nodeTitle } from './nodeText.ts';
import { rowOf, treeRowId, type Row } from './rows.ts';
import { placeNodes, type Placed } from './treeMotion.ts';
import { mergeSubpixel, type Group } from './subpixel.ts';
import type { FolioTree, TreeNode } from './treeLayout.ts';
import type { GmemState } from '../../../core/index.ts';

interface Props {
  x: XScale;
  width: number;
  rows: readonly Row[];
  frame: Frame;
  trees: { prev: FolioTree; next: FolioTree };
  hugetlb: boolean;
}

const HELD = REF_KIND_COLOR.pin;

const texts = new WeakMap<TreeNode, { s: GmemState; labels: string[]; title: string }>();

/** A node's labels and title, computed once per node and state (nodes are cached per state). */
function nodeText(n: TreeNode, s: GmemState, top: boolean, hugetlb: boolean) {
  const hit = texts.get(n);
  if (hit !== undefined && hit.s === s) return hit;
  const attr = attrOf(observation(s), n.start, n.end);
  const t = { s, labels: nodeLabels(n, attr, top, hugetlb), title: nodeTitle(n, s, attr) };
  texts.set(n, t);
  return t;
}

/** The y of a (possibly fractional) depth: between the rows it moves between. */
function depthY(rows: readonly Row[], levels: number, depth: number): number {
  const rowY = (d: number): number => {
    if (d < 1) return (rowOf(rows, 'axis') as Row).y;
    if (d > levels) return (rowOf(rows, 'pages') as Row).y;
    return (rowOf(rows, treeRowId(d)) as Row).y;
  };
  const lo = Math.floor(depth);
  const f = depth - lo;
  return f === 0 ? rowY(lo) : rowY(lo) + (rowY(lo + 1) - rowY(lo)) * f;
}

/** A leaf held by a pin or reference: outlined in red, alone or in a merged group. */
const isHeld = (n: TreeNode): boolean =>
  n.folio !== undefined && n.folio.pincount + n.folio.transient + n.folio.arch > 0;

/** A split parent in the split colour, a folio in its size's colour. */
const nodeFill = (n: TreeNode): string =>
  n.kind === 'split' ? BLOCK_STATE_COLOR.split : (FOLIO_SIZE_COLOR[n.level] ?? BLOCK_STATE_COLOR.split);

function NodeShape({
  p,
  x,
  width,
  y,
  h,
  label,
  title,
}: {
  p: Placed;
  x: XScale;
  width: number;
  y: number;
  h: number;
  label: readonly string[];
  title: string;
}) {
  const n = p.node.data;
  const s = span(x, width, n.start, n.end);
  if (s === null) return null;
  const w = Math.max(1, s.x1 - s.x0);
  const split = n.kind === 'split';
  const held = isHeld(n);
  const vis0 = Math.max(0, s.x0);
  const room = Math.min(width, s.x1) - vis0 - 6;
  // While two shapes cross-fade, only the one in front says its label: texts never overlap.
  const front = p.motion === 'stay' || (p.from === 'next' ? p.opacity >= 0.5 : p.opacity > 0.5);
  const text = front ? label.find((l) => l.length * CHAR_PX <= room) : undefined;
  const fill = nodeFill(n);
  return (
    <g
      className="tree-node"
      opacity={p.opacity}
      data-kind={n.kind}
      data-level={n.level}
      data-start={n.start}
      data-end={n.end}
      data-motion={p.motion === 'stay' ? undefined : p.motion}
    >
      <rect
        x={s.x0}
        y={y + 1}
        width={w}
        height={h - 2}
        fill={fill}
        stroke={held ? HELD : INK.frame}
        strokeWidth={held ? 2 : 0.75}
        strokeDasharray={split ? '4 2' : undefined}
      >
        <title>{title}</title>
      </rect>
      {text !== undefined && (
        <text className="svg-on-fill" x={vis0 + 4} y={y + h / 2 + 4} fontSize="12" pointerEvents="none">
          {text}
        </text>
      )}
    </g>
  );
}

/**
 * Settled nodes narrower than a couple of pixels, grouped per row (see subpixel.ts): the moving
 * ones (the step's own range) are always drawn one by one.
 */
function groupNodes(placed: readonly Placed[], x: XScale, width: number): (Placed | Group<Placed>)[] {
  const moving: Placed[] = [];
  const byDepth = new Map<number, Placed[]>();
  for (const p of placed) {
    if (p.motion !== 'stay' || p.opacity < 1) moving.push(p);
    else {
      const row = byDepth.get(p.depth);
      if (row === undefined) byDepth.set(p.depth, [p]);
      else row.push(p);
    }
  }
  const out: (Placed | Group<Placed>)[] = [];
  for (const row of byDepth.values()) {
    row.sort((a, b) => a.node.data.start - b.node.data.start);
    for (const g of mergeSubpixel(row, (p) => span(x, width, p.node.data.start, p.node.data.end), 3))
      out.push(g.items.length === 1 ? g.main : g);
  }
  return [...out, ...moving];
}

/** A group of folio runs too thin to tell apart: one shape, outlined as held if any member is. */
function MergedShape({ g, y, h }: { g: Group<Placed>; y: number; h: number }) {
  const data = g.items.map((p) => p.node.data);
  const held = data.some(isHeld);
  const n = g.main.node.data;
  const fill = nodeFill(n);
  const start = data[0]?.start ?? n.start;
  const end = data.at(-1)?.end ?? n.end;
  return (
    <g className="tree-node" data-kind="merged" data-start={start} data-end={end}>
      <rect
        x={g.x0}
        y={y + 1}
        width={Math.max(1, g.x1 - g.x0)}
        height={h - 2}
        fill={fill}
        stroke={held ? HELD : INK.frame}
        strokeWidth={held ? 2 : 0.75}
      >
        <title>{`${g.items.length} folio runs in ${hex(start)}–${hex(end)}, too thin to tell apart at this zoom: zoom in${held ? '; some are held by a pin or reference' : ''}`}</title>
      </rect>
    </g>
  );
}

function TreeRowsView({ x, width, rows, frame, trees, hugetlb }: Props) {
  const fb = frameBands(frame);
  if (fb === undefined) return null;
  const { prev, next, t, a, b } = fb;
  const pages = rowOf(rows, 'pages') as Row;
  const data = rowOf(rows, 'data');
  const levels = trees.next.levels.length;
  const visible = (n: { data: { start: number; end: number } }) =>
    span(x, width, n.data.start, n.data.end) !== null;
  const placed = placeNodes(trees.prev, trees.next, t, visible);
  const h = (rowOf(rows, 'tree1') as Row).h;
  const orphans = rowOf(rows, 'orphans') as Row;
  // A truncated folio that is still held drops into the orphans row; otherwise it falls away.
  const nodeY = (p: Placed): number => {
    const y = depthY(rows, levels, p.node.depth);
    const n = p.node.data;
    if (p.motion !== 'drop' || !next.orphans.some((o) => o.start <= n.start && n.start < o.end))
      return depthY(rows, levels, p.depth);
    return y + (orphans.y - y) * (1 - p.opacity);
  };
  return (
    <g className="tree">
      {/* Keyed by place in the list, not by node: a seek redraws most nodes, and reusing the
          elements in place (new attributes) costs far less style and layout than new ones. */}
      {groupNodes(placed, x, width).map((p, i) => {
        if ('items' in p) return <MergedShape key={i} g={p} y={nodeY(p.main)} h={h} />;
        const txt = nodeText(p.node.data, p.from === 'next' ? next : prev, p.node.depth === 1, hugetlb);
        return (
          <NodeShape
            key={i}
            p={p}
            x={x}
            width={width}
            y={nodeY(p)}
            h={h}
            label={txt.labels}
            title={txt.title}
          />
        );
      })}
      <BandRow
        x={x}
        width={width}
        from={a.pages}
        to={b.pages}
        t={t}
        y={pages.y}
        h={pages.h}
        sweep
        salience={pageSalience}
      />
      <BandRow
        x={x}
        width={width}
        from={a.shared}
        to={b.shared}
        t={t}
        y={pages.y}
        h={pages.h}
        sweep
        decorative
      />
      {data !== undefined && (
        <g className="page-data">
          <BandRow
            x={x}
            width={width}
            from={dataBands(prev)}
            to={dataBands(next)}
            t={t}
            y={data.y}
            h={data.h}
            minWidth={1.5}
            salience={dataSalience}
            label={dataLabel}
          />
        </g>
      )}
      <path
        d={boundaryPath(x, width, 0, next.config.size, PAGE, pages.y, pages.y + pages.h, 6)}
        stroke={INK.boundary}
        strokeOpacity="0.8"
        pointerEvents="none"
      />
    </g>
  );
}

/** Memoised: a render of the file view that changes none of its props (a store write it already drew) skips it. */
export const TreeRows = memo(TreeRowsView);

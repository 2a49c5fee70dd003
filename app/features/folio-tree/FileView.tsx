/**
 * The guest_memfd file, left to right: HugeTLB blocks, folios, 4K pages, and under them the
 * mapping lanes. d3 gives the scale and the zoom gesture; React draws every node.
 */
import { useMemo, useRef } from 'react';
import { scaleLinear, zoomIdentity } from 'd3';
import { PAGE, hex, sizeName } from '../../../core/index.ts';
import { useFrame } from '../../animation/context.tsx';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectConfig, selectSelection, selectViewport } from '../../store/selectors.ts';
import { MappingLanes } from '../mappings/MappingLanes.tsx';
import { orphanLanes, refLanes } from '../mappings/refLanes.ts';
import { SELECTION_COLOR } from '../theme.ts';
import { Axis } from './Axis.tsx';
import { span } from './geometry.ts';
import { Legend } from './Legend.tsx';
import { Patterns } from './Patterns.tsx';
import { layoutRows, rowOf, type Row } from './rows.ts';
import { TreeRows } from './TreeRows.tsx';
import { FolioSummary } from './FolioSummary.tsx';
import { usePointerSelection } from './usePointerSelection.ts';
import { useWidth } from './useWidth.ts';
import { useZoom } from './useZoom.ts';

export function FileView() {
  const store = useSimStore();
  const config = useSim(selectConfig);
  const frame = useFrame();
  const state = frame.next;
  const viewport = useSim(selectViewport);
  const selection = useSim(selectSelection);
  const plot = useRef<HTMLDivElement>(null);
  const width = useWidth(plot);
  const size = config.size;
  const x = useMemo(
    () =>
      zoomIdentity
        .translate(viewport.x, 0)
        .scale(viewport.k)
        .rescaleX(scaleLinear().domain([0, size]).range([0, width])),
    [viewport, size, width],
  );
  const zoom = useZoom(plot, store, width, size, viewport);
  const handlers = usePointerSelection(store, x, size, zoom);
  const hugetlb = config.pageSize !== PAGE;
  const { rows, height } = layoutRows(
    hugetlb,
    state === undefined ? 1 : refLanes(state).lanes,
    state === undefined ? 1 : orphanLanes(state).lanes,
  );
  const sel = selection === null ? null : span(x, width, selection.start, selection.end);
  return (
    <section className="panel file-view" aria-labelledby="file-view-title">
      <div className="panel-head">
        <h2 id="file-view-title">guest_memfd file · {sizeName(size)}</h2>
        <div className="toolbar" role="toolbar" aria-label="Zoom">
          <button type="button" onClick={() => zoom.zoomBy(4)}>
            Zoom in
          </button>
          <button type="button" onClick={() => zoom.zoomBy(0.25)}>
            Zoom out
          </button>
          <button type="button" onClick={zoom.reset}>
            Whole file
          </button>
          <button
            type="button"
            disabled={selection === null}
            onClick={() => selection !== null && zoom.frame(selection.start, selection.end)}
          >
            Zoom to selection
          </button>
          <span className="muted">
            ×{viewport.k.toFixed(viewport.k < 10 ? 1 : 0)} · {hex(Math.max(0, Math.floor(x.invert(0))))}
          </span>
        </div>
      </div>
      <div className="file-grid">
        <div className="row-labels" style={{ height }}>
          {rows.map((r: Row) => (
            <div key={r.id} style={{ top: r.y, height: r.h }}>
              {r.id === 'axis' ? '' : r.label}
            </div>
          ))}
        </div>
        <div
          ref={plot}
          id="folio-tree"
          className="plot"
          role="application"
          aria-label="Folio tree: click a page to select it, shift-click or shift-drag for a range, drag to pan, wheel or + and - to zoom. Keys: arrows move the selection (shift extends it), Home and End jump to the file's ends, Page Up and Page Down pan, 0 shows the whole file, Escape clears"
          tabIndex={0}
          style={{ height }}
          {...handlers}
        >
          {width > 0 && (
            <svg width={width} height={height} aria-hidden="true">
              <Patterns />
              <Axis x={x} width={width} size={size} row={rowOf(rows, 'axis') as Row} />
              <TreeRows x={x} width={width} rows={rows} frame={frame} />
              <MappingLanes x={x} width={width} rows={rows} frame={frame} />
              {sel !== null && (
                <rect
                  className="svg-sel"
                  x={sel.x0 - 1}
                  y={18}
                  width={Math.max(3, sel.x1 - sel.x0 + 2)}
                  height={height - 20}
                  fill="none"
                  stroke={SELECTION_COLOR}
                  strokeWidth="2"
                  strokeDasharray="4 2"
                  pointerEvents="none"
                />
              )}
            </svg>
          )}
        </div>
      </div>
      <FolioSummary />
      <Legend hugetlb={hugetlb} />
    </section>
  );
}

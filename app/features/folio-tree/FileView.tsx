/**
 * The guest_memfd file as a tree (HugeTLB blocks, folios, 4K pages) over the mapping lanes, on
 * a focus-and-context scale: whatever is distinct stays visible at every zoom. d3 gives the
 * layout, the scale's maths and the zoom gesture; React draws every node. After each step the
 * camera frames what the step touched, unless the view is pinned.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PAGE, hex, sizeName } from '../../../core/index.ts';
import { useAnim, useFrame } from '../../animation/context.tsx';
import { phase, PHASES } from '../../animation/frame.ts';
import { setViewPinned, setViewport, zoomShown } from '../../store/commands.ts';
import { registerZoomWindow } from '../../share/zoomWindow.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { observation, selectConfig, selectSelection, selectViewport } from '../../store/selectors.ts';
import { select as selectRange } from '../../store/commands.ts';
import { ContextMenu, type MenuRequest } from '../context-menu/ContextMenu.tsx';
import { MappingLanes } from '../mappings/MappingLanes.tsx';
import { orphanLanes, refLanes } from '../mappings/refLanes.ts';
import { SELECTION_COLOR } from '../theme.ts';
import { Axis } from './Axis.tsx';
import { fcScale } from './fcScale.ts';
import { frameCuts, touchedRange } from './focus.ts';
import { maxZoom, span } from './geometry.ts';
import { TermLabel } from '../glossary/Term.tsx';
import { Legend } from './Legend.tsx';
import { Patterns } from './Patterns.tsx';
import { pickAt } from './pick.ts';
import { layoutRows, rowOf, showsDataRow, treeEndRow, treeRowHeight, type Row } from './rows.ts';
import { folioTree } from './treeLayout.ts';
import { TreeRows } from './TreeRows.tsx';
import { FolioSummary } from './FolioSummary.tsx';
import { usePointerSelection } from './usePointerSelection.ts';
import { useWidth, useWindowHeight } from './useWidth.ts';
import { useZoom } from './useZoom.ts';
import { usePictureScale } from './pictureScale.ts';
import { FocusBadge } from '../tours/FocusBadge.tsx';
import { useTourFocus } from '../tours/useTourFocus.ts';
import { FocusOutline } from './FocusOutline.tsx';
import { MIN_FRAME, STAGE_MIN_FRAME, firstViewport, stepWindow, zoomWindowView } from './camera.ts';

/** The share of the view a tour's focus fills: large enough to read, with context either side. */
const FOCUS_FILL = 0.6;
/** Tree rows on the stage, in picture units (the stage magnifies the whole picture). */
const STAGE_ROW = 22;
/** The levels of a file with no state yet: its 4K pages. */
const PAGE_ONLY = [PAGE];

/**
 * The lanes' names, each opening its glossary entry (by pointer: the Tab order stays short).
 * Memoised on the rows (kept while nothing they depend on changes): a step's animation
 * redraws the file view every frame, and the names do not move.
 */
const RowLabels = memo(function RowLabels({
  rows,
  height,
  k,
}: {
  rows: readonly Row[];
  height: number;
  k: number;
}) {
  return (
    <div className="row-labels" style={{ height: height * k, ...(k === 1 ? {} : { fontSize: 12 * k }) }}>
      {rows.map((r: Row) => (
        <div key={r.id} style={{ top: r.y * k, height: r.h * k }}>
          {r.id === 'axis' ? '' : <TermLabel label={r.label} tabbable={false} />}
        </div>
      ))}
    </div>
  );
});

/**
 * `compact` (embeds): the drawing without the zoom toolbar (hidden by the .compact style), the
 * summary line and the full legend; the camera still frames each step, and the embed draws a
 * legend of what is shown. `readOnly` (the race workspace): no context menu of ops, since the
 * state shown is a race's, not the document's.
 */
export function FileView({
  compact = false,
  readOnly = false,
}: { compact?: boolean; readOnly?: boolean } = {}) {
  const store = useSimStore();
  const config = useSim(selectConfig);
  const frame = useFrame();
  // Busy while a step animates: assistive tech waits for the settled picture (and the perf spec
  // measures exactly these frames).
  const animating = useAnim((a) => a.running);
  const state = frame.next;
  const viewport = useSim(selectViewport);
  const selection = useSim(selectSelection);
  const pinned = useSim((s) => s.ui.viewPinned);
  const plot = useRef<HTMLDivElement>(null);
  const picture = usePictureScale();
  const focus = useTourFocus();
  // The picture is laid out at width / k and drawn magnified k times (one SVG viewBox).
  const width = useWidth(plot) / picture.k;
  const size = config.size;
  const hugetlb = config.pageSize !== PAGE;
  const touched = useMemo(() => touchedRange(frame.outcome), [frame.outcome]);
  const cuts = useMemo(
    () => frameCuts(frame.held, frame.next, [selection, touched]),
    [frame.held, frame.next, selection, touched],
  );
  const scaleAt = useCallback(
    (k: number) => fcScale(size, cuts, Math.max(1, width) * k),
    [size, cuts, width],
  );
  // The camera: after each step (a tour step, a link opened at a step), frame what the tour
  // points at, else what the step touched. A tour's focus is selected first, so the scale
  // keeps it distinct and the diagram shows its page; the user may select freely afterwards.
  const framed = useRef<unknown>(null);
  const minFrame = picture.stage ? STAGE_MIN_FRAME : MIN_FRAME;
  const [framedOnce, setFramedOnce] = useState(false);
  const outcome = frame.outcome;
  const zoomTo = useSim((s) => s.ui.zoomTo);
  // Until the first framing is in the store, the render that first knows the width draws it.
  const first =
    width > 0 && !framedOnce
      ? firstViewport({ zoomTo, touched, pinned, focused: focus !== null, minFrame }, size, width, scaleAt)
      : null;
  const view = first ?? viewport;
  const x = useMemo(
    () => fcScale(size, cuts, Math.max(1, width) * view.k, view.x),
    [size, cuts, width, view.k, view.x],
  );
  // The tree before the step only while the shapes morph (as frameBands): a seek lands
  // settled and lays out one tree, not two.
  const before = phase(frame.t, PHASES.shapes) >= 1 ? undefined : frame.prev;
  const trees = useMemo(() => {
    const next =
      state === undefined ? undefined : folioTree(observation(state).folios, size, config.pageSize);
    const prev = before === undefined ? next : folioTree(observation(before).folios, size, config.pageSize);
    return next === undefined || prev === undefined ? undefined : { prev, next };
  }, [state, before, size, config.pageSize]);
  const levels = trees?.next.levels ?? PAGE_ONLY;
  const windowHeight = useWindowHeight();
  const refLaneCount = state === undefined ? 1 : refLanes(state).lanes;
  const orphanLaneCount = state === undefined ? 1 : orphanLanes(state).lanes;
  const rowH = picture.stage ? STAGE_ROW : treeRowHeight(windowHeight);
  // Not on the stage either: its outcome and diagram have no line to spare at 1080 px.
  const data = showsDataRow(windowHeight, compact || picture.stage);
  // Kept while nothing they depend on changes, so the memoised rows below skip a render that
  // only writes the store (the first framing's viewport, already drawn).
  const { rows, height } = useMemo(
    () => layoutRows(levels, hugetlb, refLaneCount, orphanLaneCount, rowH, data),
    [levels, hugetlb, refLaneCount, orphanLaneCount, rowH, data],
  );
  const treeTop = rowOf(rows, 'tree1')?.y ?? 0;
  // The tree's rows end with the pages' data where it is drawn: a drag there selects.
  const treeEnd = treeEndRow(rows);
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const zoom = useZoom(
    plot,
    store,
    width,
    size,
    viewport,
    scaleAt,
    (e) => {
      const r = plot.current?.getBoundingClientRect();
      const y = r === undefined ? -1 : e.clientY - r.top;
      return y >= treeTop && y < treeEnd.y + treeEnd.h;
    },
    !picture.stage,
  );

  // A link's zoom window (share/view.ts): the step it opened at counts as framed.
  useEffect(() => {
    if (zoomTo === null || width <= 0) return;
    framed.current = outcome;
    // oxlint-disable-next-line react/set-state-in-effect -- once per mount: the first framing is in the store now, so the render stops computing it (a cheap render: the drawings are memoised)
    setFramedOnce(true);
    setViewport(store, zoomWindowView(zoomTo, size, width, scaleAt));
    zoomShown(store);
  }, [zoomTo, width, size, scaleAt, outcome, store]);
  useEffect(
    () =>
      registerZoomWindow(store, () =>
        view.k === 1 ? undefined : { k: view.k, start: Math.max(0, Math.floor(x.invert(0))) },
      ),
    [store, view.k, x],
  );
  useEffect(() => {
    const key = focus ?? outcome;
    if (width <= 0 || framed.current === key) return;
    if (focus !== null && !pinned && (selection?.start !== focus.start || selection.end !== focus.end)) {
      selectRange(store, { start: focus.start, end: focus.end, anchor: focus.start });
      return;
    }
    // The first framing cuts: there is no view yet to fly from (and a long history's opening
    // would pay a whole tree per frame of the flight).
    const animate = framed.current !== null;
    framed.current = key;
    // oxlint-disable-next-line react/set-state-in-effect -- once per mount: the first framing is in the store now, so the render stops computing it (a cheap render: the drawings are memoised)
    setFramedOnce(true);
    if (pinned) return;
    if (focus !== null) {
      zoom.frame(focus.start, focus.end, { animate, fill: FOCUS_FILL });
      return;
    }
    if (touched === null) return;
    const w = stepWindow(touched, size, minFrame);
    zoom.frame(w.start, w.end, { animate, fill: 1 });
  }, [outcome, focus, selection, store, touched, pinned, width, size, zoom, minFrame]);

  const closeMenu = useCallback((refocus: boolean) => {
    setMenu(null);
    if (refocus) plot.current?.focus();
  }, []);
  const handlers = usePointerSelection(store, x, size, zoom, {
    sweepZone: (y) => y >= treeTop && y < treeEnd.y + treeEnd.h,
    pick: (px, py, clientX, clientY) => {
      if (state === undefined || trees === undefined) return;
      const p = pickAt(state, trees.next, rows, x, px, py);
      selectRange(store, p.selection);
      setMenu({ ...p, clientX, clientY });
    },
    openMenu: () => {
      const sel = store.getState().ui.selection;
      const r = plot.current?.getBoundingClientRect();
      if (sel === null || r === undefined) return;
      const px = Math.max(0, Math.min(width, x(sel.start)));
      setMenu({
        kind: 'folio',
        selection: sel,
        what: `${sizeName(sel.end - sel.start)} at ${hex(sel.start)}`,
        clientX: r.left + px,
        clientY: r.top + treeEnd.y + treeEnd.h,
      });
    },
  });
  const sel = selection === null ? null : span(x, width, selection.start, selection.end);
  const k = picture.k;
  const pointed = focus?.panel === 'tree' || focus?.panel === 'lanes' ? focus : null;
  // Off the stage the head is full (title, zoom toolbar): beside it, a tour's "Look here" sent
  // the toolbar to a second line, taking a row's height from the state diagram at 1280 and 1440
  // px. The summary line under the picture has room, and sits against the frame it names.
  const badges = (
    <>
      <FocusBadge panel="tree" />
      <FocusBadge panel="lanes" />
    </>
  );
  return (
    <section
      className={`panel file-view${compact ? ' compact' : ''}`}
      aria-labelledby="file-view-title"
      aria-busy={animating}
    >
      <div className="panel-head">
        <h2 id="file-view-title">guest_memfd file · {sizeName(size)}</h2>
        {(picture.stage || compact) && badges}
        {!picture.stage && (
          <div className="toolbar" role="toolbar" aria-label="Zoom">
            {/* At either end of the zoom range its button is disabled, not a click that does nothing. */}
            <button
              type="button"
              disabled={view.k >= maxZoom(size, width) * 0.999}
              onClick={() => zoom.zoomBy(4)}
            >
              Zoom in
            </button>
            <button type="button" disabled={view.k <= 1} onClick={() => zoom.zoomBy(0.25)}>
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
            <button
              type="button"
              aria-pressed={pinned}
              title="When not pinned, the view frames what each step touched"
              onClick={() => setViewPinned(store, !pinned)}
            >
              Pin view
            </button>
            <span className="muted">
              ×{view.k.toFixed(view.k < 10 ? 1 : 0)} · {hex(Math.max(0, Math.floor(x.invert(0))))}
            </span>
          </div>
        )}
      </div>
      <div className="file-grid">
        <RowLabels rows={rows} height={height} k={k} />
        <div
          ref={plot}
          id="folio-tree"
          className="plot"
          {...(picture.stage
            ? { role: 'group', 'aria-label': 'Folio tree, framed by the tour' }
            : {
                role: 'application',
                'aria-label':
                  "Folio tree: click a folio, page or mapping to select it and open its operations, drag across the tree or shift-click for a range, drag the lanes to pan, wheel or + and - to zoom. Keys: left and right move the selection by the unit selected (a page, a 2M folio, a 1G block; shift extends it by pages), up widens it to the folio or block holding it and down narrows it, period and comma jump to the next and previous page whose state differs, Enter opens its operations, Home and End jump to the file's ends, Page Up and Page Down pan, 0 shows the whole file, Escape clears",
                tabIndex: 0,
                ...handlers,
              })}
          style={{ height: height * k }}
        >
          {width > 0 && (
            <svg
              width={width * k}
              height={height * k}
              viewBox={`0 0 ${width} ${height}`}
              role="group"
              aria-label="Folio tree"
            >
              <Patterns />
              <Axis x={x} width={width} size={size} row={rowOf(rows, 'axis') as Row} />
              {trees !== undefined && (
                <TreeRows x={x} width={width} rows={rows} frame={frame} trees={trees} hugetlb={hugetlb} />
              )}
              <MappingLanes x={x} width={width} rows={rows} frame={frame} />
              {/* On the stage the focus outline is the pointer: one dashed frame, not two. */}
              {sel !== null && !(picture.stage && pointed !== null) && (
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
              {pointed !== null && <FocusOutline x={x} width={width} rows={rows} focus={pointed} />}
            </svg>
          )}
        </div>
      </div>
      {/* An embed is read-only: its tree selects, it offers no operations. */}
      {menu !== null && !compact && !readOnly && <ContextMenu request={menu} onClose={closeMenu} />}
      {!compact && !picture.stage && (
        <div className="summary-row">
          <FolioSummary />
          {badges}
        </div>
      )}
      {!compact && !picture.stage && <Legend hugetlb={hugetlb} data={data} />}
    </section>
  );
}

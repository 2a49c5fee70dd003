/**
 * Pointing in the folio tree. A click (or tap) selects the folio, page, mapping or reference
 * under it and opens the context menu next to it; dragging across the tree's rows (or
 * shift-dragging anywhere) selects a range; shift-click extends the selection from its anchor.
 * Other drags belong to d3-zoom (which swallows the click that ends a pan). Keys move the
 * selection (by the unit selected; Up and Down change the unit: keyMoves.ts); Enter, the
 * context-menu key or Shift+F10 open the menu on it.
 */
import { useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { PAGE } from '../../../core/index.ts';
import { select } from '../../store/commands.ts';
import type { Selection, SimStore } from '../../store/store.ts';
import { pageAtPx, type XScale } from './geometry.ts';
import { moveSideways, narrow, nextChange, widen } from './keyMoves.ts';
import { selectCurrent } from '../../store/selectors.ts';
import type { ZoomControls } from './useZoom.ts';

export function rangeFrom(anchor: number, page: number): Selection {
  return { start: Math.min(anchor, page), end: Math.max(anchor, page) + PAGE, anchor };
}

export interface PointerOptions {
  /** Is (x, y) in the plot on the rows where a plain drag selects? */
  sweepZone(y: number): boolean;
  /** A click at (x, y) in the plot: select what is there and open the menu. */
  pick(x: number, y: number, clientX: number, clientY: number): void;
  /** Opens the menu on the current selection (keyboard). */
  openMenu(): void;
}

const DRAG_PX = 4;

/** The event's position in the plot. */
function local(e: { clientX: number; clientY: number; currentTarget: Element }) {
  const r = e.currentTarget.getBoundingClientRect();
  return { px: e.clientX - r.left, py: e.clientY - r.top };
}

export function usePointerSelection(
  store: SimStore,
  x: XScale,
  size: number,
  zoom: ZoomControls,
  o: PointerOptions,
) {
  const sweep = useRef<{ x: number; anchor: number; shift: boolean; dragged: boolean } | null>(null);
  const swallowClick = useRef(false);
  const anchorOr = (page: number) => store.getState().ui.selection?.anchor ?? page;

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (swallowClick.current || e.shiftKey) {
      swallowClick.current = false;
      return;
    }
    const { px, py } = local(e);
    o.pick(px, py, e.clientX, e.clientY);
  };
  // A right click (or a long press) opens the same menu as a click.
  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    e.preventDefault();
    const { px, py } = local(e);
    o.pick(px, py, e.clientX, e.clientY);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    swallowClick.current = false;
    if (e.button !== 0) return;
    const { px, py } = local(e);
    if (!e.shiftKey && !o.sweepZone(py)) return;
    const page = pageAtPx(x, px, size);
    sweep.current = { x: px, anchor: e.shiftKey ? anchorOr(page) : page, shift: e.shiftKey, dragged: false };
    e.currentTarget.setPointerCapture(e.pointerId);
    if (e.shiftKey) select(store, rangeFrom(anchorOr(page), page));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const s = sweep.current;
    if (s === null) return;
    const { px } = local(e);
    if (!s.shift && !s.dragged && Math.abs(px - s.x) < DRAG_PX) return;
    s.dragged = true;
    select(store, rangeFrom(s.anchor, pageAtPx(x, px, size)));
  };
  const onPointerUp = () => {
    if (sweep.current?.dragged === true && !sweep.current.shift) swallowClick.current = true;
    sweep.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const sel = store.getState().ui.selection;
    const move = e.key === 'ArrowRight' ? PAGE : e.key === 'ArrowLeft' ? -PAGE : 0;
    const jump = e.key === 'Home' ? 0 : e.key === 'End' ? size - PAGE : undefined;
    // Without Shift the arrows step by the unit selected, and Up and Down change the unit.
    const next =
      e.shiftKey || sel === null
        ? undefined
        : move !== 0
          ? moveSideways(sel, move > 0 ? 1 : -1, size)
          : e.key === 'ArrowUp'
            ? widen(sel, size)
            : e.key === 'ArrowDown'
              ? narrow(sel)
              : undefined;
    if (next !== undefined && next !== null) {
      e.preventDefault();
      select(store, next);
      zoom.reveal(next.start, next.end);
    } else if (move !== 0 || jump !== undefined) {
      e.preventDefault();
      const base = sel === null ? 0 : move > 0 ? sel.end - PAGE : sel.start;
      const page = jump ?? Math.max(0, Math.min(size - PAGE, sel === null ? 0 : base + move));
      select(
        store,
        e.shiftKey && sel !== null
          ? rangeFrom(sel.anchor, page)
          : { start: page, end: page + PAGE, anchor: page },
      );
      zoom.reveal(page, page + PAGE);
    } else if (e.key === '.' || e.key === ',') {
      const now = selectCurrent(store.getState());
      const to = now === undefined ? null : nextChange(now, sel, e.key === '.' ? 1 : -1);
      if (to === null) return;
      e.preventDefault();
      select(store, to);
      zoom.reveal(to.start, to.end);
    } else if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      if (sel === null) return;
      e.preventDefault();
      o.openMenu();
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      zoom.panBy(e.key === 'PageUp' ? -0.5 : 0.5);
    } else if (e.key === '+' || e.key === '=') zoom.zoomBy(2);
    else if (e.key === '-') zoom.zoomBy(0.5);
    else if (e.key === '0') zoom.reset();
    else if (e.key === 'Escape') select(store, null);
    else return;
    // Handled here: the app-wide shortcuts must not act on the same key.
    e.stopPropagation();
  };
  return { onClick, onContextMenu, onPointerDown, onPointerMove, onPointerUp, onKeyDown };
}

/**
 * Click selects a page; shift-click extends the selection from its anchor; shift-drag sweeps
 * a range. Plain drags belong to d3-zoom (which swallows the click that ends a pan).
 */
import { useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { PAGE } from '../../../core/index.ts';
import { select } from '../../store/commands.ts';
import type { Selection, SimStore } from '../../store/store.ts';
import { pageAtPx, type XScale } from './geometry.ts';
import type { ZoomControls } from './useZoom.ts';

export function rangeFrom(anchor: number, page: number): Selection {
  return { start: Math.min(anchor, page), end: Math.max(anchor, page) + PAGE, anchor };
}

export function usePointerSelection(store: SimStore, x: XScale, size: number, zoom: ZoomControls) {
  const sweeping = useRef(false);
  const pageAt = (e: { clientX: number; currentTarget: Element }) =>
    pageAtPx(x, e.clientX - e.currentTarget.getBoundingClientRect().left, size);
  const anchorOr = (page: number) => store.getState().ui.selection?.anchor ?? page;

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.shiftKey) return;
    const page = pageAt(e);
    select(store, { start: page, end: page + PAGE, anchor: page });
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.shiftKey || e.button !== 0) return;
    sweeping.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    const page = pageAt(e);
    select(store, rangeFrom(anchorOr(page), page));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!sweeping.current) return;
    const page = pageAt(e);
    select(store, rangeFrom(anchorOr(page), page));
  };
  const onPointerUp = () => {
    sweeping.current = false;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const sel = store.getState().ui.selection;
    const move = e.key === 'ArrowRight' ? PAGE : e.key === 'ArrowLeft' ? -PAGE : 0;
    const jump = e.key === 'Home' ? 0 : e.key === 'End' ? size - PAGE : undefined;
    if (move !== 0 || jump !== undefined) {
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
  return { onClick, onPointerDown, onPointerMove, onPointerUp, onKeyDown };
}

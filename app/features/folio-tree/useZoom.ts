/**
 * d3-zoom on exactly one container element. d3 only interprets gestures: each zoom event
 * writes the transform into the store, and React draws from the store.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import { setViewport } from '../../store/commands.ts';
import type { SimStore, Viewport } from '../../store/store.ts';
import { maxZoom } from './geometry.ts';

export interface ZoomControls {
  zoomBy(factor: number): void;
  reset(): void;
  /** Frames [start, end) in the middle of the view. */
  frame(start: number, end: number): void;
  /** Pans by a fraction of the view's width (negative: towards offset 0). */
  panBy(fraction: number): void;
  /** Pans the least needed to bring [start, end) into view. */
  reveal(start: number, end: number): void;
}

export function useZoom(
  ref: RefObject<HTMLDivElement | null>,
  store: SimStore,
  width: number,
  size: number,
  viewport: Viewport,
): ZoomControls {
  const behavior = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (el === null || width <= 0) return undefined;
    const b = zoom<HTMLDivElement, unknown>()
      .scaleExtent([1, maxZoom(size, width)])
      .extent([
        [0, 0],
        [width, 1],
      ])
      .translateExtent([
        [0, 0],
        [width, 1],
      ])
      // Shift is for range selection; everything else pans and zooms.
      .filter(
        (e: MouseEvent | WheelEvent) => !e.shiftKey && (!e.ctrlKey || e.type === 'wheel') && e.button === 0,
      )
      .on('zoom', (e: { transform: { x: number; k: number } }) =>
        setViewport(store, { x: e.transform.x, k: e.transform.k }),
      );
    behavior.current = b;
    select(el).call(b);
    // A zero translation re-applies the new extents to the current transform at once.
    select(el).call(b.translateBy, 0, 0);
    return () => {
      select(el).on('.zoom', null);
      behavior.current = null;
    };
  }, [ref, store, width, size]);

  // The store may change the viewport itself (a new scenario resets it): tell d3.
  useEffect(() => {
    const el = ref.current;
    const b = behavior.current;
    if (el === null || b === null) return;
    const t = zoomTransform(el);
    if (t.x !== viewport.x || t.k !== viewport.k)
      select(el).call(b.transform, zoomIdentity.translate(viewport.x, 0).scale(viewport.k));
  }, [ref, viewport]);

  const zoomBy = useCallback(
    (factor: number) => {
      const el = ref.current;
      if (el !== null && behavior.current !== null) select(el).call(behavior.current.scaleBy, factor);
    },
    [ref],
  );
  const reset = useCallback(() => {
    const el = ref.current;
    if (el !== null && behavior.current !== null) select(el).call(behavior.current.transform, zoomIdentity);
  }, [ref]);
  const frame = useCallback(
    (start: number, end: number) => {
      const el = ref.current;
      if (el === null || behavior.current === null || width <= 0) return;
      const k = Math.min(maxZoom(size, width), Math.max(1, (0.6 * size) / Math.max(1, end - start)));
      const centre = ((start + end) / 2 / size) * width;
      // zoom.transform does not apply translateExtent: keep the file's ends inside the view.
      const tx = Math.min(0, Math.max(width - k * width, width / 2 - k * centre));
      select(el).call(behavior.current.transform, zoomIdentity.translate(tx, 0).scale(k));
    },
    [ref, size, width],
  );
  const panBy = useCallback(
    (fraction: number) => {
      const el = ref.current;
      if (el === null || behavior.current === null || width <= 0) return;
      select(el).call(behavior.current.translateBy, (-fraction * width) / zoomTransform(el).k, 0);
    },
    [ref, width],
  );
  const reveal = useCallback(
    (start: number, end: number) => {
      const el = ref.current;
      if (el === null || behavior.current === null || width <= 0) return;
      const t = zoomTransform(el);
      const [a, b] = [t.applyX((start / size) * width), t.applyX((end / size) * width)];
      const dx = a < 0 ? -a + width * 0.1 : b > width ? width * 0.9 - b : 0;
      if (dx !== 0) select(el).call(behavior.current.translateBy, dx / t.k, 0);
    },
    [ref, size, width],
  );
  return { zoomBy, reset, frame, panBy, reveal };
}

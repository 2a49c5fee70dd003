/**
 * d3-zoom on exactly one container element. d3 only interprets gestures: each zoom event
 * writes the transform into the store, and React draws from the store. The camera (framing a
 * range, animated) writes through the same behaviour, and any gesture of the user stops it:
 * the camera never fights the pointer.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { interpolateZoom, select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import { setViewport } from '../../store/commands.ts';
import type { SimStore, Viewport } from '../../store/store.ts';
import type { FcScale } from './fcScale.ts';
import { maxZoom } from './geometry.ts';

export interface ZoomControls {
  zoomBy(factor: number): void;
  reset(): void;
  /** Frames [start, end) in the middle of the view (animated unless `instant`). */
  frame(start: number, end: number, options?: { animate?: boolean; fill?: number }): void;
  /** Pans by a fraction of the view's width (negative: towards offset 0). */
  panBy(fraction: number): void;
  /** Pans the least needed to bring [start, end) into view. */
  reveal(start: number, end: number): void;
}

/** The focus-and-context scale at zoom k (virtual width `width * k`), unpanned. */
export type ScaleAt = (k: number) => FcScale;

const CAMERA_MS = 600;

/** The transform that puts [start, end) at the middle `fill` of the view, the file's ends kept inside. */
export function framing(
  scaleAt: ScaleAt,
  size: number,
  width: number,
  start: number,
  end: number,
  fill = 0.6,
): { x: number; k: number } {
  const k = Math.min(maxZoom(size, width), Math.max(1, (fill * size) / Math.max(1, end - start)));
  const x = scaleAt(k);
  const centre = (x(start) + x(end)) / 2;
  return { k, x: Math.min(0, Math.max(width - k * width, width / 2 - centre)) };
}

export function useZoom(
  ref: RefObject<HTMLDivElement | null>,
  store: SimStore,
  width: number,
  size: number,
  viewport: Viewport,
  scaleAt: ScaleAt,
  /** Is a press at this event the start of a range sweep (then d3 must not pan)? */
  sweeps: (e: MouseEvent) => boolean,
  /**
   * Does the pointer zoom and pan? Not on the presentation stage: the picture is magnified
   * there (a wheel or drag would land off by the magnification) and the tour drives the camera.
   */
  gestures = true,
): ZoomControls {
  const behavior = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const camera = useRef<number | null>(null);
  const stopCamera = useCallback((): void => {
    if (camera.current !== null) cancelAnimationFrame(camera.current);
    camera.current = null;
  }, []);
  const sweepsRef = useRef(sweeps);
  const gesturesRef = useRef(gestures);
  useLayoutEffect(() => {
    sweepsRef.current = sweeps;
    gesturesRef.current = gestures;
  });

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
      // Shift and presses on the tree's rows are for range selection; the rest pans and zooms.
      .filter(
        (e: MouseEvent | WheelEvent) =>
          gesturesRef.current &&
          (e.type === 'wheel' || (!e.shiftKey && !e.ctrlKey && e.button === 0 && !sweepsRef.current(e))),
      )
      .on('zoom', (e: { transform: { x: number; k: number }; sourceEvent: unknown }) => {
        // A gesture of the user's own: the camera lets go at once.
        if (e.sourceEvent !== null && e.sourceEvent !== undefined) stopCamera();
        if (!Number.isFinite(e.transform.x) || !Number.isFinite(e.transform.k)) return;
        setViewport(store, { x: e.transform.x, k: e.transform.k });
      });
    behavior.current = b;
    select(el).call(b);
    // A zero translation re-applies the new extents to the current transform at once.
    select(el).call(b.translateBy, 0, 0);
    return () => {
      select(el).on('.zoom', null);
      behavior.current = null;
    };
  }, [ref, store, width, size, stopCamera]);

  useEffect(() => stopCamera, [stopCamera]);

  // The store may change the viewport itself (a new scenario resets it): tell d3.
  useEffect(() => {
    const el = ref.current;
    const b = behavior.current;
    if (el === null || b === null) return;
    const t = zoomTransform(el);
    if (t.x !== viewport.x || t.k !== viewport.k)
      select(el).call(b.transform, zoomIdentity.translate(viewport.x, 0).scale(viewport.k));
  }, [ref, viewport]);

  const apply = useCallback(
    (x: number, k: number) => {
      const el = ref.current;
      // Never hand d3 a transform it cannot hold: one NaN would loop between it and the store.
      if (el === null || behavior.current === null || !Number.isFinite(x) || !Number.isFinite(k)) return;
      const kk = Math.min(maxZoom(size, width), Math.max(1, k));
      select(el).call(behavior.current.transform, zoomIdentity.translate(x, 0).scale(kk));
    },
    [ref, size, width],
  );

  const zoomBy = useCallback(
    (factor: number) => {
      const el = ref.current;
      stopCamera();
      if (el !== null && behavior.current !== null) select(el).call(behavior.current.scaleBy, factor);
    },
    [ref, stopCamera],
  );
  const reset = useCallback(() => {
    stopCamera();
    apply(0, 1);
  }, [apply, stopCamera]);
  const frame = useCallback(
    (start: number, end: number, options: { animate?: boolean; fill?: number } = {}) => {
      const el = ref.current;
      if (el === null || width <= 0) return;
      stopCamera();
      const to = framing(scaleAt, size, width, start, end, options.fill);
      const from = zoomTransform(el);
      if (options.animate !== true || window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
        apply(to.x, to.k);
        return;
      }
      // van Wijk's smooth zoom over the view in linear units: [centre, 0, width seen].
      const view = (x: number, k: number): [number, number, number] => [(width / 2 - x) / k, 0, width / k];
      const path = interpolateZoom(view(from.x, from.k), view(to.x, to.k));
      // Between views millions of times apart van Wijk's path loses its precision (log of 0):
      // then the camera cuts instead of flying.
      if (!path(0.5).every(Number.isFinite)) {
        apply(to.x, to.k);
        return;
      }
      // The first frame only starts the clock: the frame that shows the new step (a seek's
      // above all) carries no camera move, which would draw the whole tree a second time.
      let t0 = -1;
      const step = (now: number): void => {
        if (t0 < 0) {
          t0 = now;
          camera.current = requestAnimationFrame(step);
          return;
        }
        const p = Math.min(1, (now - t0) / CAMERA_MS);
        const [c, , w] = path(p);
        const k = width / w;
        apply(p >= 1 ? to.x : width / 2 - c * k, p >= 1 ? to.k : k);
        camera.current = p >= 1 ? null : requestAnimationFrame(step);
      };
      camera.current = requestAnimationFrame(step);
    },
    [ref, size, width, scaleAt, apply, stopCamera],
  );
  const panBy = useCallback(
    (fraction: number) => {
      const el = ref.current;
      stopCamera();
      if (el === null || behavior.current === null || width <= 0) return;
      select(el).call(behavior.current.translateBy, (-fraction * width) / zoomTransform(el).k, 0);
    },
    [ref, width, stopCamera],
  );
  const reveal = useCallback(
    (start: number, end: number) => {
      const el = ref.current;
      if (el === null || behavior.current === null || width <= 0) return;
      const t = zoomTransform(el);
      const x = scaleAt(t.k);
      const [a, b] = [t.x + x(start), t.x + x(end)];
      const dx = a < 0 ? -a + width * 0.1 : b > width ? width * 0.9 - b : 0;
      if (dx !== 0) apply(Math.min(0, Math.max(width - t.k * width, t.x + dx)), t.k);
    },
    [ref, width, scaleAt, apply],
  );
  return { zoomBy, reset, frame, panBy, reveal };
}

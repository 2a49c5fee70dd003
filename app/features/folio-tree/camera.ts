/**
 * Where the camera looks after a step: pure maths over the focus-and-context scale, shared by
 * the file view's first render (which draws the framed view at once) and its camera effects.
 */
import type { ZoomWindow } from '../../share/view.ts';
import type { Viewport } from '../../store/store.ts';
import { maxZoom } from './geometry.ts';
import { framing, type ScaleAt } from './useZoom.ts';

/** Context around a step's range when the camera frames it: never narrower than a 2M folio. */
export const MIN_FRAME = 2 * 1024 * 1024;
/**
 * On the stage, 96K: a step about one 4K page shows it 1/24 of the picture wide (~70 px on a
 * 1920-px projector), not a 4-px sliver of its 2M folio; the folio rows above still name it.
 */
export const STAGE_MIN_FRAME = 96 * 1024;

/** The window the camera frames for a step's touched range: the range and as much again either side. */
export function stepWindow(
  touched: { start: number; end: number },
  size: number,
  minFrame = MIN_FRAME,
): { start: number; end: number } {
  const len = Math.max(touched.end - touched.start, minFrame / 3);
  const mid = (touched.start + touched.end) / 2;
  return { start: Math.max(0, mid - 1.5 * len), end: Math.min(size, mid + 1.5 * len) };
}

/** A link's zoom window: its factor, its first byte at the left edge (half a byte in, so the label shows that byte). */
export function zoomWindowView(zoomTo: ZoomWindow, size: number, width: number, scaleAt: ScaleAt): Viewport {
  const k = Math.min(zoomTo.k, maxZoom(size, width));
  const left = -scaleAt(k)(Math.min(size, zoomTo.start + 0.5));
  return { k, x: Math.min(0, Math.max(width - k * width, left)) };
}

/** What the view's first framing shows (or null: the whole file, or a tour's focus, framed later). */
export interface FirstFraming {
  readonly zoomTo: ZoomWindow | null;
  readonly touched: { start: number; end: number } | null;
  readonly pinned: boolean;
  readonly focused: boolean;
  /** The narrowest window framed (stepWindow): STAGE_MIN_FRAME on the stage. */
  readonly minFrame?: number;
}

/**
 * The viewport the camera's first framing lands on, computed during the render that first
 * knows the width: drawing the whole file first and the framed view after (an effect writing
 * the store) would lay out and draw the whole tree twice while a long link opens.
 */
export function firstViewport(
  f: FirstFraming,
  size: number,
  width: number,
  scaleAt: ScaleAt,
): Viewport | null {
  if (f.zoomTo !== null) return zoomWindowView(f.zoomTo, size, width, scaleAt);
  if (f.focused || f.pinned || f.touched === null) return null;
  const w = stepWindow(f.touched, size, f.minFrame);
  return framing(scaleAt, size, width, w.start, w.end, 1);
}

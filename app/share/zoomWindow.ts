/**
 * The folio tree's zoom window, for Share link: only the tree knows its scale (its width and
 * focus-and-context cuts), so it registers a reader here, per store, as urlSync.ts does for
 * its flush. The link stores the factor and the first byte shown, not pixels: the window
 * means the same bytes on another screen.
 */
import type { SimStore } from '../store/store.ts';
import type { ZoomWindow } from './view.ts';

const readers = new WeakMap<SimStore, () => ZoomWindow | undefined>();

/** The tree of `store` tells where its view is (undefined: the whole file). Returns the unregister. */
export function registerZoomWindow(store: SimStore, read: () => ZoomWindow | undefined): () => void {
  readers.set(store, read);
  return () => {
    if (readers.get(store) === read) readers.delete(store);
  };
}

/** The zoom window shown now, if the tree is zoomed in. */
export const zoomWindowOf = (store: SimStore): ZoomWindow | undefined => readers.get(store)?.();

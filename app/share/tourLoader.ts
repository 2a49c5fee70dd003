/**
 * The narrated tours load on demand: their scenarios, notes and focus (~9 KB gzip) stay out of
 * the first load, whose lists of tours (the welcome, the Tours menu) read core's TOUR_INDEX
 * alone. Whatever opens a tour (the Tours menu, the welcome, a `#tour=` link) awaits
 * loadTours() first; after that every lookup is synchronous. core/tours.ts is the tours' own
 * entry of the core's API, so that the bundler can leave them out of the first load.
 */
import type { Tour } from '../../core/index.ts';
import { readHash } from './hash.ts';

interface Catalogue {
  readonly tourByName: (name: string) => Tour | undefined;
}

let loaded: Catalogue | undefined;
let loading: Promise<Catalogue> | undefined;

/** Loads the tours once (a failed load, offline before the first visit was cached, is retried). */
export function loadTours(): Promise<Catalogue> {
  loading ??= import('../../core/tours.ts').then(
    (m) => (loaded = { tourByName: m.tourByName }),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/**
 * Loads the tours, never throwing: a failed load is what tourScenario then reports (and the
 * next call tries again). For whoever opens a tour next, or fetches them ahead of a choice.
 */
export const tryLoadTours = (): Promise<void> =>
  loadTours().then(
    () => undefined,
    () => undefined,
  );

/** Whether the tours are loaded: before that no tour can be opened. */
export const toursLoaded = (): boolean => loaded !== undefined;

/** The tour with this name once the tours are loaded; undefined before, or when there is none. */
export const loadedTour = (name: string): Tour | undefined => loaded?.tourByName(name);

/**
 * Loads the tours when `hash` is a tour link (`#tour=…`), so that resolveOpening finds its
 * tour; never throws (a failed load is what resolveOpening then reports).
 */
export async function toursFor(hash: string): Promise<void> {
  if (readHash(hash)?.kind === 'tour') await tryLoadTours();
}

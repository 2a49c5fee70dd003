import { useMemo } from 'react';
import { tourFocus, type FocusRange } from '../../../core/index.ts';
import { loadedTour } from '../../share/tourLoader.ts';
import { useSim } from '../../store/context.tsx';
import type { SimState } from '../../store/store.ts';

/** The tour being played, while the document still holds its scenario (else null). */
export const selectTourName = (s: SimState): string | null =>
  s.ui.tour !== null && s.ui.tour.scenario === s.doc.scenario ? s.ui.tour.name : null;

/**
 * Where the tour points at the step on screen (null outside a tour): the range the camera
 * frames and selects, and the panel that is highlighted.
 */
export function useTourFocus(): FocusRange | null {
  const name = useSim(selectTourName);
  const cursor = useSim((s) => s.doc.cursor);
  return useMemo(() => {
    // A tour is played only once the tours are loaded (tourLoader.ts): its focus is there.
    const t = name === null ? undefined : loadedTour(name);
    return t === undefined ? null : (tourFocus(t, cursor) ?? null);
  }, [name, cursor]);
}

/** Narrated tours: plain format-v1 scenarios with a note and a focus on every step. */
export { TOURS, tourByName } from './tours.ts';
export { TOUR_INDEX, tourEntry, type TourEntry } from './tourIndex.ts';
export { tourFocus, FOCUS_PANEL_NAME, type FocusRange } from './focus.ts';
export type { Tour, FocusPanel } from './types.ts';
export {
  RACE_TOURS,
  raceTourByName,
  raceTourRace,
  type RaceTour,
  type RaceTourStep,
  type RaceTourFocus,
  type RaceFocusOn,
} from './raceTours.ts';

/**
 * The narrated tours as an entry of the public API of their own (core/index.ts exports them
 * too): the app imports this module on demand, so that the tours' scenarios, notes and focus
 * stay out of its first load. Lists of tours need only the index, TOUR_INDEX, in core/index.ts.
 */
export { tourByName } from './presets/tours.ts';

/** Narrated tours: plain format-v1 scenarios with a note on every step. */
export { TOURS, tourByName } from './tours.ts';
export type { Tour } from './types.ts';

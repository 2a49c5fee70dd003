/** Narrated tours: plain format-v1 scenarios with a note on every step. */
export { TOURS, tourByName } from './tours.ts';
export type { SizeJson, Tour, TourScenario, TourStep } from './types.ts';
export { goldenOf, goldenText, type GoldenStep, type GoldenTrace } from './golden.ts';

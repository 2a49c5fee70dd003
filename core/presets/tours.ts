import { TOUR_INDEX } from './tourIndex.ts';
import { BASIC_TOURS } from './toursBasics.ts';
import { FAILURE_TOURS } from './toursFailures.ts';
import { HUGE_TOURS } from './toursHuge.ts';
import { REF_TOURS } from './toursRefs.ts';
import type { Tour } from './types.ts';

const byName = (name: string): Tour => {
  const t = [...BASIC_TOURS, ...HUGE_TOURS, ...REF_TOURS, ...FAILURE_TOURS].find((x) => x.name === name);
  if (t === undefined) throw new Error(`Folioscope: no tour named ${name}`);
  return t;
};

/** Every narrated tour, in the index's order (tourIndex.ts: a reader's order; names appear in links). */
export const TOURS: readonly Tour[] = TOUR_INDEX.map((e) => byName(e.name));

/**
 * The tour with this name, or undefined.
 * @example tourByName('share-4k-in-2m')?.scenario
 */
export function tourByName(name: string): Tour | undefined {
  return TOURS.find((t) => t.name === name);
}

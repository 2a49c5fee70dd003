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

/**
 * Every narrated tour, in the order a reader meets the ideas: who may touch what, splitting and
 * merging, references, then failures. Names are stable: they appear in links.
 */
export const TOURS: readonly Tour[] = [
  'private-only-cvm',
  'non-cvm-init-shared',
  'share-4k-in-2m',
  'share-4k-in-1g',
  'vfio-pin-blocks-conversion',
  'transient-ref-retry',
  'madvise-before-convert',
  'make-private-and-merge',
  'punch-hole-huge',
  'vmm-touches-private',
  'guest-access-mismatch',
  'stage2-zap-on-convert',
  'tdx-removal-leak',
  'memory-failure',
  'close-while-pinned',
].map(byName);

/**
 * The tour with this name, or undefined.
 * @example tourByName('share-4k-in-2m')?.scenario
 */
export function tourByName(name: string): Tour | undefined {
  return TOURS.find((t) => t.name === name);
}

/**
 * The tours' table of contents: what a list of tours shows (the welcome, the Tours menu) before
 * any tour's steps are loaded. The app loads the tours themselves (tours.ts: scenarios, notes,
 * focus, ~9 KB gzip) only when one is played, so this index is the single place a tour's name,
 * title and order are written; `steps` repeats each tour's length, which tours.test.ts checks.
 */

/** One tour as a list shows it. */
export interface TourEntry {
  /** Stable and URL-safe (lower-case letters, digits, hyphens): used in links. */
  readonly name: string;
  readonly title: string;
  /** How many steps the tour's scenario has. */
  readonly steps: number;
}

/**
 * Every narrated tour, in the order a reader meets the ideas: who may touch what, splitting and
 * merging, references, then failures. Names are stable: they appear in links.
 */
export const TOUR_INDEX: readonly TourEntry[] = [
  { name: 'private-only-cvm', title: 'A private-only confidential VM', steps: 6 },
  { name: 'non-cvm-init-shared', title: 'guest_memfd as plain guest RAM, shared from the start', steps: 9 },
  { name: 'share-4k-in-2m', title: 'Share one 4K page inside a 2M folio', steps: 7 },
  { name: 'share-4k-in-1g', title: 'Share one 4K page inside a 1G folio: 1G → 2M → 4K', steps: 8 },
  {
    name: 'vfio-pin-blocks-conversion',
    title: 'Conversion to private refused by a VFIO long-term pin',
    steps: 6,
  },
  { name: 'transient-ref-retry', title: 'Refused by a transient reference, then retried', steps: 7 },
  { name: 'madvise-before-convert', title: 'madvise(MADV_DONTNEED) before conversion', steps: 8 },
  { name: 'make-private-and-merge', title: 'Make everything private again, and merge', steps: 8 },
  { name: 'punch-hole-huge', title: 'Punch a hole across part of a huge folio', steps: 11 },
  { name: 'vmm-touches-private', title: 'The VMM touches a private page: SIGBUS', steps: 8 },
  { name: 'guest-access-mismatch', title: 'Guest access mismatch: KVM_EXIT_MEMORY_FAULT', steps: 7 },
  { name: 'stage2-zap-on-convert', title: 'The stage-2 zap on conversion (TDX)', steps: 6 },
  { name: 'tdx-removal-leak', title: 'TDX removal failure leaks a reference', steps: 11 },
  { name: 'memory-failure', title: 'A hardware memory error', steps: 12 },
  { name: 'close-while-pinned', title: 'Close the file while a page is pinned', steps: 7 },
];

/**
 * The index entry of the tour with this name, or undefined.
 * @example tourEntry('share-4k-in-2m')?.title // 'Share one 4K page inside a 2M folio'
 */
export const tourEntry = (name: string): TourEntry | undefined => TOUR_INDEX.find((t) => t.name === name);

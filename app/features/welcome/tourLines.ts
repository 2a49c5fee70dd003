/**
 * One line per tour for the welcome: what it shows, in a newcomer's words, and how long it
 * takes. The tours' own descriptions (core/presets) cite their sources at length; these lines
 * only help choose.
 */
import type { TourEntry } from '../../../core/index.ts';

export const TOUR_LINES: Readonly<Record<string, string>> = {
  'private-only-cvm': 'Every page private, no mmap: the VMM can only preallocate and punch holes.',
  'non-cvm-init-shared': 'All memory shared from the start: the VMM and the guest use the very same pages.',
  'share-4k-in-2m': 'Sharing one 4K page splits its 2M folio into 512 and demotes the stage-2 leaf.',
  'share-4k-in-1g': 'A 1G folio splits stepwise, 1G → 2M → 4K, only where a page is shared.',
  'vfio-pin-blocks-conversion':
    'A VFIO pin makes conversion to private fail with EAGAIN until it is dropped.',
  'transient-ref-retry': 'A short-lived kernel reference refuses a conversion; the VMM retries and wins.',
  'madvise-before-convert':
    'The first RFC’s rule: the VMM unmaps with madvise(MADV_DONTNEED) before converting.',
  'make-private-and-merge': 'Converting a block back to private merges its 4K folios into one huge folio.',
  'punch-hole-huge': 'Punching part of a huge folio zeroes it in place; a pin makes the punch EAGAIN.',
  'vmm-touches-private': 'The VMM touches a private page and gets SIGBUS; GUP fails the same way.',
  'guest-access-mismatch':
    'The guest accesses a page as the wrong kind: KVM_EXIT_MEMORY_FAULT, convert, retry.',
  'stage2-zap-on-convert': 'TDX: conversions zap Secure-EPT leaves, demoting huge ones first.',
  'tdx-removal-leak': 'A failed S-EPT removal leaves a page that TDX holds for good.',
  'memory-failure': 'A hardware memory error: stage-2 zapped, page poisoned, nothing truncated.',
  'close-while-pinned': 'Closing the file frees nothing a pin still holds: orphans, then back to the pool.',
};

/** Seconds a reader spends on one narrated step (read the note, look at the picture). */
const SECONDS_PER_STEP = 20;

export interface TourSummary {
  readonly line: string;
  readonly steps: number;
  readonly minutes: number;
}

/** A description's first sentence: the line of a tour that has none of its own. */
export const firstSentence = (text: string): string => text.split(/(?<=\.)\s/)[0] ?? text;

/** About how long `steps` narrated steps take, and the introduction (it has its own narration). */
export const tourMinutes = (steps: number): number =>
  Math.max(1, Math.round(((steps + 1) * SECONDS_PER_STEP) / 60));

/**
 * The tour's line (its title if it has none here: welcome.test.ts requires one for every tour)
 * and its length, from the tour index alone: the tours themselves load when one is played.
 */
export function tourSummary(t: TourEntry): TourSummary {
  const line = TOUR_LINES[t.name] ?? t.title;
  return { line, steps: t.steps, minutes: tourMinutes(t.steps) };
}

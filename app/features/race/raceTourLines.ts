/**
 * One line per race tour, as the welcome's tour lines (welcome/tourLines.ts): kept with the
 * race tours, which the welcome loads on demand, so none of it is in the first download.
 */
import type { RaceTour } from '../../../core/index.ts';
import { firstSentence } from '../welcome/tourLines.ts';

/** The race tours' lines, in the same newcomer's words (their descriptions cite at length). */
export const RACE_TOUR_LINES: Readonly<Record<string, string>> = {
  'race-gup-fast-recheck':
    'GUP-fast pins a page while the VMM converts it to private: its PTE re-check keeps the pin off.',
  'race-convert-unmap-then-check':
    'Conversion unmaps the VMM, then counts references: counting first lets a pin slip in.',
  'race-host-fault-lock':
    'A host fault asks “is it shared?” under the invalidate_lock, so no conversion slips in between.',
  'race-mmu-invalidate-seq':
    'A vCPU fault re-checks mmu_invalidate_seq before mapping: without it the guest maps a dropped folio.',
  'race-tdx-split-hang':
    'A huge-page split waits for its refcount to drop, but the reference TDX keeps never goes.',
};

/** Where a race tour ends: "invariant 1 breaks", "the kernel hangs". */
export const raceTourEnd = (t: RaceTour): string =>
  t.breaks === 'deadlock' ? 'the kernel hangs' : `invariant ${t.breaks} breaks`;

/** What a race tour shows, in one line: its own (else its description's first sentence). */
export const raceTourGist = (t: RaceTour): string => RACE_TOUR_LINES[t.name] ?? firstSentence(t.description);

/** A race tour's line for the welcome: what it shows, and where it ends. */
export const raceTourLine = (t: RaceTour): string => `${raceTourGist(t)} Ends where ${raceTourEnd(t)}.`;

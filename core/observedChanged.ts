/**
 * Where what a file view draws of two states of one file may differ: for views kept per
 * state and derived from the last one (the file view's cuts among thousands of pins).
 */
import type { GmemState } from './types.ts';
import { pageStatesChanged } from './pageStatesChanged.ts';
import { widenToBlocks } from './state/folios.ts';
import { changedSpan, hull, type Span } from './state/rangeMap.ts';

/**
 * The span outside which the two states' observed runs (folio runs, page and block states,
 * stage-2 and host mappings, VMAs, references) are the same: where the page states may
 * differ or the VMAs do, widened to whole blocks (a block's state reads all its folios).
 * Undefined: the same everywhere. The whole file when the orphans differ (they lie at the
 * offsets they had, anywhere) or the files do.
 * @example observedChanged(before, afterOnePin) // the pin's 4K page on a 4K file
 */
export function observedChanged(a: GmemState, b: GmemState): Span | undefined {
  if (a.config !== b.config || a.orphans !== b.orphans) return [0, Math.max(a.config.size, b.config.size)];
  const span = hull(pageStatesChanged(a, b), changedSpan(a.vmas, b.vmas));
  return span === undefined ? undefined : widenToBlocks(b.config, span[0], span[1]);
}

/**
 * Where the page states of two states of one file may differ (classifyPages), for views kept
 * per state and derived from the last one (the file view's pages row among thousands of
 * pins): a step changes a page or a folio, and the row of 20,000 runs need not be classified
 * again whole.
 */
import type { GmemState } from './types.ts';
import { widenToFolios } from './state/folios.ts';
import { changedSpan, hull, type Span } from './state/rangeMap.ts';
import { changedRefSpan } from './state/refIndex.ts';

/**
 * The hull of where the inputs of a page's state differ (attributes, folios, stage-2 and PTE
 * runs, poison, references), widened to the folios it cuts in both states: a reference holds
 * every page of its folio. Undefined: the same page states everywhere. Two different files
 * (another scenario) differ everywhere.
 * @example pageStatesChanged(before, afterOnePin) // [folio start, folio end)
 */
export function pageStatesChanged(a: GmemState, b: GmemState): Span | undefined {
  if (a.config !== b.config) return [0, Math.max(a.config.size, b.config.size)];
  let span = hull(changedSpan(a.attrs, b.attrs), changedSpan(a.folios, b.folios));
  span = hull(span, hull(changedSpan(a.stage2, b.stage2), changedSpan(a.ptes, b.ptes)));
  span = hull(span, hull(changedSpan(a.poisoned, b.poisoned), changedRefSpan(a.refs, b.refs)));
  if (span === undefined) return undefined;
  const [a0, b0] = widenToFolios(a, span[0], span[1]);
  const [a1, b1] = widenToFolios(b, span[0], span[1]);
  return [Math.min(a0, a1), Math.max(b0, b1)];
}

/** Where a tour points at a given step, in bytes: what the app's camera frames and highlights. */
import { parseSize } from '../scenario/numbers.ts';
import type { FocusPanel, Tour } from './types.ts';

/** A resolved focus: the panel and the byte range [start, end) of the file. */
export interface FocusRange {
  readonly panel: FocusPanel;
  readonly start: number;
  readonly end: number;
}

/** What the narration says to look at, per panel. */
export const FOCUS_PANEL_NAME: Readonly<Record<FocusPanel, string>> = {
  tree: 'the folio tree',
  lanes: 'the mapping lanes under the tree',
  diagram: 'the state diagram',
  refusal: 'the refusal',
};

/**
 * The focus of a tour after `cursor` steps: the step's own, or for the introduction
 * (cursor 0) the whole file in the folio tree. Undefined past the last step or when a size
 * does not parse (the catalogue's tests rule that out).
 * @example tourFocus(tourByName('share-4k-in-2m')!, 2) // { panel: 'tree', start: 0, end: 2097152 }
 */
export function tourFocus(t: Tour, cursor: number): FocusRange | undefined {
  const size = parseSize(t.scenario.gmem.size);
  if (size === undefined) return undefined;
  if (cursor === 0) return { panel: 'tree', start: 0, end: size };
  const f = t.focus[cursor - 1];
  if (f === undefined) return undefined;
  const start = parseSize(f.offset);
  const length = parseSize(f.length);
  if (start === undefined || length === undefined) return undefined;
  return { panel: f.panel, start, end: start + length };
}

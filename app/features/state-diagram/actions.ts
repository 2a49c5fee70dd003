/**
 * Where a diagram edge acts: the palette entry for its op and the target it acts on.
 * perform() builds and validates the op like any palette press; outcomes.ts asks the core
 * what that same op answers from the current state.
 */
import { PAGE, alignDown } from '../../../core/index.ts';
import type { Attr, OpName } from '../../../core/index.ts';
import type { Selection } from '../../store/store.ts';
import { entryFor, type PaletteEntry } from '../op-palette/ops.ts';
import type { Target } from '../op-palette/perform.ts';

/**
 * Where an edge acts: the palette entry for its op, on the selected page (page machine) or its
 * whole block (block machine). perform() builds and validates the op like any palette press.
 */
export function edgeTarget(
  machine: 'page' | 'block',
  op: OpName,
  toAttr: Attr | undefined,
  sel: Selection,
  pageSize: number,
): { entry: PaletteEntry; target: Target } | undefined {
  const entry = entryFor(op, toAttr);
  if (entry === undefined) return undefined;
  if (machine === 'page')
    return { entry, target: { selection: { start: sel.start, end: sel.start + PAGE, anchor: sel.start } } };
  const start = alignDown(sel.start, pageSize);
  return {
    entry,
    target: { selection: { start, end: start + pageSize, anchor: start }, inputs: { mergeSize: pageSize } },
  };
}

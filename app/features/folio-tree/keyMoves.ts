/**
 * Where the arrow keys take the selection in the folio tree. Left and Right move by the unit
 * selected (a page, a 2M folio, a 1G block: one press reaches the next folio of a 2G file,
 * not 512 presses); Up widens the selection to the unit holding it, Down narrows it to the
 * first unit inside. A selection that is no whole unit moves by pages, as before. Period and
 * comma jump to the next (previous) page whose state differs.
 */
import { PAGE, SIZE_1G, SIZE_2M, alignDown, classifyPages, pageStateAt } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import type { Selection } from '../../store/store.ts';

/** The units the keys step through, smallest first. */
const UNITS = [PAGE, SIZE_2M, SIZE_1G] as const;

const unit = (start: number, length: number): Selection => ({ start, end: start + length, anchor: start });

/** The unit a selection is (its length when it is one whole aligned unit), else a page. */
function unitOf(sel: Selection): number {
  const len = sel.end - sel.start;
  return UNITS.find((u) => u === len && sel.start % u === 0) ?? PAGE;
}

/**
 * The selection after ArrowLeft (-1) or ArrowRight (+1) in a file of `size` bytes: the next
 * unit of the same size, or the page next to a selection of no unit; the same when there is
 * none (the file's end).
 */
export function moveSideways(sel: Selection | null, dir: -1 | 1, size: number): Selection {
  if (sel === null) return unit(0, PAGE);
  const u = unitOf(sel);
  const start = dir > 0 ? (u === PAGE ? sel.end : sel.start + u) : sel.start - u;
  return start < 0 || start + u > size ? sel : unit(start, u);
}

/** ArrowUp: the smallest unit larger than the selection that holds its start (within the file). */
export function widen(sel: Selection | null, size: number): Selection | null {
  if (sel === null) return null;
  const u = UNITS.find((x) => x > sel.end - sel.start && x <= size);
  return u === undefined ? sel : unit(alignDown(sel.start, u), u);
}

/** ArrowDown: the first unit one size smaller at the selection's start. */
export function narrow(sel: Selection | null): Selection | null {
  if (sel === null) return null;
  const u = UNITS.findLast((x) => x < sel.end - sel.start);
  return u === undefined ? sel : unit(alignDown(sel.start, u), u);
}

/**
 * Period (dir 1) and comma (-1): the first page after the selection (the last one before it)
 * whose state differs from the state of the selection's first page, found in the maximal runs
 * of the page classification: the one shared page of a 2G file is one press away, not 393,000.
 * The selection itself when there is none.
 */
export function nextChange(s: GmemState, sel: Selection | null, dir: -1 | 1): Selection | null {
  const at = sel?.start ?? 0;
  const here = pageStateAt(s, at);
  if (dir > 0) {
    for (const r of classifyPages(s, sel === null ? 0 : sel.end, s.config.size))
      if (r.value !== here) return unit(r.start, PAGE);
    return sel;
  }
  const runs = classifyPages(s, 0, at);
  for (let k = runs.length - 1; k >= 0; k--) {
    const r = runs[k];
    if (r !== undefined && r.value !== here) return unit(r.end - PAGE, PAGE);
  }
  return sel;
}

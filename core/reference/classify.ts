/**
 * The page classification read point by point, remembering nothing: the cut points of every
 * input run, and each input looked up again at each point. The reference the tests hold
 * classifyPages (core/classify.ts, one forward sweep) to.
 */
import type { GmemState } from '../types.ts';
import type { PageStateId } from '../diagram.ts';
import { at, heldFolios, pageState } from '../classify.ts';
import { canonicalRuns, slice, valueAt, type RangeMap, type Run, type Runs } from '../state/rangeMap.ts';

export function classifyPagesPointwise(s: GmemState, start: number, end: number): Runs<PageStateId> {
  const held = heldFolios(s, start, end);
  const cuts = new Set<number>([start, end]);
  const add = (rs: readonly Run<unknown>[]): void => {
    for (const r of rs) cuts.add(Math.max(r.start, start)).add(Math.min(r.end, end));
  };
  for (const m of [s.attrs, s.folios, s.stage2, s.ptes, s.poisoned] as const)
    add(slice(m as RangeMap<unknown>, start, end));
  add(held.filter((r) => r.end > start && r.start < end));
  const points = [...cuts].toSorted((a, b) => a - b);
  const runs: Run<PageStateId>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const p = {
      attr: valueAt(s.attrs, a),
      folio: valueAt(s.folios, a) !== undefined,
      s2: valueAt(s.stage2, a) !== undefined,
      pte: valueAt(s.ptes, a) !== undefined,
      held: at(held, a),
      poisoned: valueAt(s.poisoned, a) !== undefined,
    };
    runs.push({ start: a, end: points[i + 1] as number, value: pageState(p) });
  }
  return canonicalRuns(runs);
}

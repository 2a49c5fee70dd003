/**
 * The diagram transitions of a step recomputed over the whole file, remembering nothing: every
 * page and block classified before and after, and the two classifications compared. The
 * reference the tests hold apply's transitions (core/transitions.ts, from the touched ranges
 * only) to.
 */
import type { GmemState, Op, Transition } from '../types.ts';
import { classifyBlocks, classifyPages } from '../classify.ts';
import { diffRuns } from '../transitions.ts';

export function diagramTransitionsWhole(
  before: GmemState,
  after: GmemState,
  op: Op,
  fn: string,
): Transition[] {
  const size = before.config.size;
  const out: Transition[] = [];
  diffRuns('page', op, fn, classifyPages(before, 0, size), classifyPages(after, 0, size), out);
  diffRuns('block', op, fn, classifyBlocks(before, 0, size), classifyBlocks(after, 0, size), out);
  return out;
}

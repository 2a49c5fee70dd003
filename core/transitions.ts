import type { GmemState, Op, Transition } from './types.ts';
import { classifyBlocks, classifyPages } from './classify.ts';
import { edgeId } from './diagram.ts';
import { widenToBlocks, widenToFolios } from './state/folios.ts';
import { slice, type RangeMap } from './state/rangeMap.ts';

type Range = readonly [number, number];

/** Sorted, merged ranges (touching ones joined), clipped to [0, size). */
export function mergeRanges(ranges: readonly Range[], size: number): [number, number][] {
  const sorted = ranges
    .map(([a, b]): [number, number] => [Math.max(0, a), Math.min(size, b)])
    .filter(([a, b]) => a < b)
    .toSorted((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The changes between two classifications of one range, as merged transitions. */
function diff<Id extends string>(
  machine: 'page' | 'block',
  op: Op,
  fn: string,
  a: RangeMap<Id>,
  b: RangeMap<Id>,
  out: Transition[],
): void {
  for (const r of a) {
    for (const q of slice(b, r.start, r.end)) {
      if (q.value === r.value) continue;
      const last = out[out.length - 1];
      if (
        last !== undefined &&
        last.machine === machine &&
        last.from === r.value &&
        last.to === q.value &&
        last.offset + last.length === q.start
      ) {
        out[out.length - 1] = { ...last, length: last.length + q.end - q.start };
        continue;
      }
      out.push({
        type: 'transition',
        fn,
        machine,
        edge: edgeId(op.op, r.value, q.value),
        from: r.value,
        to: q.value,
        offset: q.start,
        length: q.end - q.start,
      });
    }
  }
}

/**
 * The state-diagram transitions of one step, computed from the ranges the op wrote only: a
 * page's state depends on its own attribute, folio, mappings and poison, and on the
 * references anywhere in its folio, so each touched range is widened to the folios it cuts
 * before and after; block states are compared over whole blocks. Page transitions come first,
 * then block transitions, each in offset order. `fn` is the op's entry point.
 * @example diagramTransitions(before, after, op, 'kvm_gmem_set_attributes', [[0, 4096]])
 */
export function diagramTransitions(
  before: GmemState,
  after: GmemState,
  op: Op,
  fn: string,
  touched: readonly Range[],
): Transition[] {
  const c = before.config;
  const widened = touched.flatMap(([a, b]) => [widenToFolios(before, a, b), widenToFolios(after, a, b)]);
  const pages = mergeRanges(widened, c.size);
  const out: Transition[] = [];
  for (const [a, b] of pages)
    diff('page', op, fn, classifyPages(before, a, b), classifyPages(after, a, b), out);
  // Block states change only where folios changed; whole blocks keep the block diff aligned.
  const blocks = mergeRanges(
    pages.map(([a, b]) => widenToBlocks(c, a, b)),
    c.size,
  );
  for (const [a, b] of blocks)
    diff('block', op, fn, classifyBlocks(before, a, b), classifyBlocks(after, a, b), out);
  return out;
}

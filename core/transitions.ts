import type { GmemState, Op, Transition } from './types.ts';
import { classifyBlocks, classifyPages } from './classify.ts';
import { edgeId } from './diagram.ts';
import { widenToBlocks, widenToFolios } from './state/folios.ts';
import type { Run, Runs } from './state/rangeMap.ts';

type Range = readonly [number, number];

/** Sorted, merged ranges (touching ones joined), clipped to [0, size). */
export function mergeRanges(ranges: readonly Range[], size: number): [number, number][] {
  // Most steps write one range: no sorting then.
  if (ranges.length === 1) {
    const [a, b] = ranges[0] as Range;
    return a < size && b > 0 && a < b ? [[Math.max(0, a), Math.min(size, b)]] : [];
  }
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

/** Records that [start, end) went from `from` to `to`, joined to the previous transition when it continues it. */
function push(out: Transition[], t: Omit<Transition, 'type' | 'edge'>, op: Op): void {
  const last = out[out.length - 1];
  if (
    last !== undefined &&
    last.machine === t.machine &&
    last.from === t.from &&
    last.to === t.to &&
    last.offset + last.length === t.offset
  ) {
    out[out.length - 1] = { ...last, length: last.length + t.length };
    return;
  }
  const { fn, machine, from, to, offset, length } = t;
  out.push({ type: 'transition', fn, machine, edge: edgeId(op.op, from, to), from, to, offset, length });
}

/**
 * The changes between two classifications of one range (both sorted runs), as merged
 * transitions: one walk over both, piece by piece where their runs overlap.
 */
function diff<Id extends string>(
  machine: 'page' | 'block',
  op: Op,
  fn: string,
  a: Runs<Id>,
  b: Runs<Id>,
  out: Transition[],
): void {
  let j = 0;
  for (const r of a) {
    while (j < b.length && (b[j] as Run<Id>).end <= r.start) j++;
    for (let k = j; k < b.length && (b[k] as Run<Id>).start < r.end; k++) {
      const q = b[k] as Run<Id>;
      if (q.value === r.value) continue;
      const offset = Math.max(q.start, r.start);
      const length = Math.min(q.end, r.end) - offset;
      push(out, { fn, machine, from: r.value, to: q.value, offset, length }, op);
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
  const widened: Range[] = [];
  for (const [a, b] of touched) widened.push(widenToFolios(before, a, b), widenToFolios(after, a, b));
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

import type { CoreEvent, GmemState, Op, RefRecord, StepResult } from './types.ts';
import { byStartThenId } from './state/refIndex.ts';
import { classifyBlocks, classifyPages } from './classify.ts';
import { edgeId } from './diagram.ts';
import { widenToBlocks, widenToFolios } from './state/folios.ts';
import { sameValue, slice, type RangeMap, type Run } from './state/rangeMap.ts';
import { allocate } from './ops/allocate.ts';
import { close } from './ops/close.ts';
import { convert } from './ops/convert.ts';
import { getRef } from './ops/getRef.ts';
import { guestAccess } from './ops/guestAccess.ts';
import { hostAccess } from './ops/hostAccess.ts';
import { hostMap } from './ops/hostMap.ts';
import { hostUnmap } from './ops/hostUnmap.ts';
import { injectRemovalFailure } from './ops/injectRemovalFailure.ts';
import { madviseDontneed } from './ops/madviseDontneed.ts';
import { memoryFailure } from './ops/memoryFailure.ts';
import { merge } from './ops/merge.ts';
import { pin } from './ops/pin.ts';
import { punchHole } from './ops/punchHole.ts';
import { putRef } from './ops/putRef.ts';
import { split } from './ops/split.ts';
import { unpin } from './ops/unpin.ts';

function assertNever(x: never): never {
  throw new Error(`unknown op ${JSON.stringify(x)}`);
}

function dispatch(s: GmemState, op: Op): StepResult {
  switch (op.op) {
    case 'allocate':
      return allocate(s, op);
    case 'punchHole':
      return punchHole(s, op);
    case 'convert':
      return convert(s, op);
    case 'guestAccess':
      return guestAccess(s, op);
    case 'hostMap':
      return hostMap(s, op);
    case 'hostUnmap':
      return hostUnmap(s, op);
    case 'hostAccess':
      return hostAccess(s, op);
    case 'madviseDontneed':
      return madviseDontneed(s, op);
    case 'pin':
      return pin(s, op);
    case 'unpin':
      return unpin(s, op);
    case 'getRef':
      return getRef(s, op);
    case 'putRef':
      return putRef(s, op);
    case 'split':
      return split(s, op);
    case 'merge':
      return merge(s, op);
    case 'memoryFailure':
      return memoryFailure(s, op);
    case 'injectRemovalFailure':
      return injectRemovalFailure(s, op);
    case 'close':
      return close(s, op);
    default:
      return assertNever(op);
  }
}

const sameRun = <V>(x: Run<V> | undefined, y: Run<V> | undefined): boolean =>
  x !== undefined && y !== undefined && x.start === y.start && x.end === y.end && sameValue(x.value, y.value);

/** The smallest range outside which two range maps are equal (null when they are equal). */
function changedExtent<V>(a: RangeMap<V>, b: RangeMap<V>): [number, number] | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && sameRun(a[i], b[i])) i++;
  if (i === a.length && i === b.length) return null;
  let j = 1;
  while (j <= a.length - i && j <= b.length - i && sameRun(a[a.length - j], b[b.length - j])) j++;
  const lo = Math.min(a[i]?.start ?? Infinity, b[i]?.start ?? Infinity);
  const hi = Math.max(a[a.length - j]?.end ?? -Infinity, b[b.length - j]?.end ?? -Infinity);
  return lo < hi ? [lo, hi] : null;
}

/** Records in one array and not the other (both sorted by start then id; a walk, no sets). */
function changedRefs(a: readonly RefRecord[], b: readonly RefRecord[]): RefRecord[] {
  const out: RefRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && x === y) {
      i++;
      j++;
    } else if (y === undefined || (x !== undefined && byStartThenId(x, y) <= 0)) {
      out.push(x as RefRecord);
      i++;
      if (y !== undefined && x !== undefined && x.id === y.id && x.start === y.start) {
        out.push(y);
        j++;
      }
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * Where the diagram state of pages may have changed: wherever a structure the classification
 * reads differs, and the op's blocks when references changed (they count per folio).
 */
function touched(before: GmemState, after: GmemState): [number, number] | null {
  const size = before.config.size;
  let lo = Infinity;
  let hi = -Infinity;
  const add = (e: [number, number] | null): void => {
    if (e === null) return;
    lo = Math.min(lo, e[0]);
    hi = Math.max(hi, e[1]);
  };
  add(changedExtent(before.attrs, after.attrs));
  add(changedExtent(before.folios, after.folios));
  add(changedExtent(before.stage2, after.stage2));
  add(changedExtent(before.ptes, after.ptes));
  add(changedExtent(before.poisoned, after.poisoned));
  if (before.refs !== after.refs) {
    // References count per folio: every page of the folios of an added, changed or dropped
    // record may change state (unchanged records keep their identity across states).
    for (const r of changedRefs(before.refs, after.refs)) {
      if (r.orphan !== null && before.orphans.some((o) => o.id === r.orphan)) continue;
      add(widenToFolios(before, r.start, r.end));
      add(widenToFolios(after, r.start, r.end));
    }
  }
  if (lo >= hi) return null;
  return [Math.max(0, lo), Math.min(size, hi)];
}

function diff<Id extends string>(
  machine: 'page' | 'block',
  op: Op,
  fn: string,
  a: RangeMap<Id>,
  b: RangeMap<Id>,
): CoreEvent[] {
  const out: CoreEvent[] = [];
  for (const r of a) {
    for (const q of slice(b, r.start, r.end)) {
      if (q.value === r.value) continue;
      const last = out[out.length - 1];
      if (
        last !== undefined &&
        last.from === r.value &&
        last.to === q.value &&
        (last.offset ?? 0) + (last.length ?? 0) === q.start
      ) {
        out[out.length - 1] = { ...last, length: (last.length ?? 0) + q.end - q.start };
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
  return out;
}

/**
 * Applies one operation: the new state, the ordered events (each naming the kernel function
 * it models, then the state-diagram transitions it caused) and, when the kernel would refuse,
 * the refusal with the state the kernel leaves (untouched, but for the documented side effects
 * of a refusal). Pure and deterministic; it throws only on a bug.
 * @example apply(state, { op: 'convert', offset: 0, length: 4096, to: 'shared' })
 */
export function apply(s: GmemState, op: Op): StepResult {
  return withTransitions(s, op, dispatch(s, op));
}

/**
 * Appends to `r` (what `op` did from `s`) the state-diagram transitions it caused. Shared by
 * apply and the race explorer, which builds the same result from micro-steps (core/race).
 */
export function withTransitions(s: GmemState, op: Op, r: StepResult): StepResult {
  // A refusal may still change the state: what the kernel did before refusing (semantics.md,
  // "Refused operations can have side effects"); its transitions are reported as well.
  if (r.state === s) return r;
  const range = touched(s, r.state);
  if (range === null || range[0] >= range[1]) return r;
  // Block states change only where folios changed; whole blocks keep the block diff aligned.
  const [a, b] = range;
  const [ba, bb] = widenToBlocks(s.config, a, b);
  // Transitions are credited to the operation's entry point (its first event).
  const fn = r.events[0]?.fn ?? op.op;
  const transitions = [
    ...diff('page', op, fn, classifyPages(s, a, b), classifyPages(r.state, a, b)),
    ...diff('block', op, fn, classifyBlocks(s, ba, bb), classifyBlocks(r.state, ba, bb)),
  ];
  return transitions.length === 0 ? r : { ...r, events: [...r.events, ...transitions] };
}

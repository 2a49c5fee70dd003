import type { CoreEvent, GmemState, Op, StepResult } from './types.ts';
import { PAGE } from './units.ts';
import { classifyBlocks, classifyPages } from './classify.ts';
import { edgeId } from './diagram.ts';
import { widenToBlocks } from './state/folios.ts';
import { slice, type RangeMap } from './state/rangeMap.ts';
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
    case 'allocate': return allocate(s, op);
    case 'punchHole': return punchHole(s, op);
    case 'convert': return convert(s, op);
    case 'guestAccess': return guestAccess(s, op);
    case 'hostMap': return hostMap(s, op);
    case 'hostUnmap': return hostUnmap(s, op);
    case 'hostAccess': return hostAccess(s, op);
    case 'madviseDontneed': return madviseDontneed(s, op);
    case 'pin': return pin(s, op);
    case 'unpin': return unpin(s, op);
    case 'getRef': return getRef(s, op);
    case 'putRef': return putRef(s, op);
    case 'split': return split(s, op);
    case 'merge': return merge(s, op);
    case 'memoryFailure': return memoryFailure(s, op);
    case 'injectRemovalFailure': return injectRemovalFailure(s, op);
    case 'close': return close(s, op);
    default: return assertNever(op);
  }
}

/** The part of the file an op can change the diagram state of: its range, widened to blocks. */
function touched(before: GmemState, after: GmemState, op: Op): [number, number] {
  const size = before.config.size;
  if (op.op === 'close' || before.evicted !== after.evicted) return [0, size];
  const length = 'length' in op ? op.length : 'size' in op ? op.size : PAGE;
  const start = Math.min(op.offset, size);
  return widenToBlocks(before.config, start, Math.min(size, op.offset + length));
}

function diff<Id extends string>(machine: 'page' | 'block', op: Op, fn: string, a: RangeMap<Id>, b: RangeMap<Id>): CoreEvent[] {
  const out: CoreEvent[] = [];
  for (const r of a) {
    for (const q of slice(b, r.start, r.end)) {
      if (q.value === r.value) continue;
      const last = out[out.length - 1];
      if (last !== undefined && last.from === r.value && last.to === q.value && (last.offset ?? 0) + (last.length ?? 0) === q.start) {
        out[out.length - 1] = { ...last, length: (last.length ?? 0) + q.end - q.start };
        continue;
      }
      out.push({ type: 'transition', fn, machine, edge: edgeId(op.op, r.value, q.value), from: r.value, to: q.value, offset: q.start, length: q.end - q.start });
    }
  }
  return out;
}

/**
 * Applies one operation: the new state, the ordered events (each naming the kernel function
 * it models, then the state-diagram transitions it caused) and, when the kernel would refuse,
 * the refusal with the state untouched. Pure and deterministic; it throws only on a bug.
 * @example apply(state, { op: 'convert', offset: 0, length: 4096, to: 'shared' })
 */
export function apply(s: GmemState, op: Op): StepResult {
  const r = dispatch(s, op);
  if (r.refusal !== undefined || r.state === s) return r;
  const [a, b] = touched(s, r.state, op);
  if (a >= b) return r;
  // Transitions are credited to the operation's entry point (its first event).
  const fn = r.events[0]?.fn ?? op.op;
  const transitions = [
    ...diff('page', op, fn, classifyPages(s, a, b), classifyPages(r.state, a, b)),
    ...diff('block', op, fn, classifyBlocks(s, a, b), classifyBlocks(r.state, a, b)),
  ];
  return transitions.length === 0 ? r : { ...r, events: [...r.events, ...transitions] };
}

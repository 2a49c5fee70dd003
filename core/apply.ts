import type { GmemState, Op, OpResult, StepResult } from './types.ts';
import { diagramTransitions, mergeRanges } from './transitions.ts';
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

function dispatch(s: GmemState, op: Op): OpResult {
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

/**
 * Applies one operation: the new state, the ordered events (each naming the kernel function
 * it models), the state-diagram transitions it caused (transitions.ts), the file ranges it
 * wrote (sorted, merged) and, when the kernel would refuse,
 * the refusal with the state the kernel leaves (untouched, but for the documented side effects
 * of a refusal). Pure and deterministic; it throws only on a bug.
 * @example apply(state, { op: 'convert', offset: 0, length: 4096, to: 'shared' })
 */
export function apply(s: GmemState, op: Op): StepResult {
  return withTransitions(s, op, dispatch(s, op));
}

/**
 * Applies one operation without the state-diagram transitions: the state, the events, the
 * ranges written and the refusal. For replays that need the states and events of a long
 * history at once and the transitions of a step only when it is shown (they were ~40% of
 * apply's cost); `apply` on the same state gives the same result with its transitions.
 */
export function applyWithoutTransitions(s: GmemState, op: Op): OpResult {
  return dispatch(s, op);
}

/**
 * Appends to `r` (what `op` did from `s`) the state-diagram transitions it caused. Shared by
 * apply and the race explorer, which builds the same result from micro-steps (core/race).
 */
export function withTransitions(s: GmemState, op: Op, r: OpResult): StepResult {
  // A refusal may still change the state: what the kernel did before refusing (semantics.md,
  // "Refused operations can have side effects"); its transitions are reported as well.
  if (r.state === s) {
    // Field by field, as below: a spread of r cost as much as the rest of a refused step here.
    const { state, events, touched, refusal } = r;
    return refusal === undefined
      ? { state, events, touched, transitions: [] }
      : { state, events, touched, refusal, transitions: [] };
  }
  // Transitions are credited to the operation's entry point (its first event).
  const fn = r.events[0]?.fn ?? op.op;
  const transitions = diagramTransitions(s, r.state, op, fn, r.touched);
  // Built field by field, in the order a spread of r gives (a spread of r costs more).
  const touched = mergeRanges(r.touched, Infinity);
  const { state, events, refusal } = r;
  return refusal === undefined
    ? { state, events, touched, transitions }
    : { state, events, touched, refusal, transitions };
}

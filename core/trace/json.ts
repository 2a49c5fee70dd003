/**
 * The JSON trace as a stream of text pieces, identical to JSON.stringify(replay(s), null, 2)
 * plus a newline, but produced step by step: a 100,000-step trace (gigabytes of text) is
 * written without ever being one string (V8 strings stop near 512 MB) or one object.
 */
import type { Violation } from '../invariants.ts';
import { startTrace, traceSteps, type TraceStep } from '../replay.ts';
import type { Scenario } from '../scenario/types.ts';

/** JSON.stringify(v, null, 2) for a value nested `depth` levels inside the trace object. */
const nested = (v: unknown, depth: number): string =>
  JSON.stringify(v, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);

/** The trace of `scenario` as JSON, in pieces (one per step, plus head and tail). */
export function* traceJsonChunks(scenario: Scenario): Generator<string> {
  const { head, state } = startTrace(scenario);
  // The head printed as an object, minus its closing brace, is the start of the trace.
  const open = JSON.stringify(head, null, 2);
  yield `${open.slice(0, open.length - 2)},\n  "steps": [`;
  const violations: (Violation & { step: number })[] = [];
  let first = true;
  const steps: Iterable<TraceStep> = state === null ? [] : traceSteps(scenario, state, violations);
  for (const step of steps) {
    yield `${first ? '' : ','}\n    ${nested(step, 2)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}],\n  "violations": ${nested(violations, 1)}\n}\n`;
}

/**
 * Collects pieces into blocks of about `size` characters (fewer, larger writes).
 * @example for (const block of batched(traceJsonChunks(s))) process.stdout.write(block)
 */
export function* batched(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf: string[] = [];
  let len = 0;
  for (const p of pieces) {
    buf.push(p);
    len += p.length;
    if (len >= size) {
      yield buf.join('');
      buf = [];
      len = 0;
    }
  }
  if (len > 0) yield buf.join('');
}

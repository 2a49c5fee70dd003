import type { CoreEvent, GmemState, Refusal, Transition } from './types.ts';
import { apply } from './apply.ts';
import { create } from './create.ts';
import { checkInvariants, type Violation } from './invariants.ts';
import { observe, type Observation } from './observe.ts';
import { opToJson } from './scenario/serialize.ts';
import type { Scenario } from './scenario/types.ts';

export interface TraceStep {
  index: number;
  op: Record<string, unknown>;
  ok: boolean;
  errno?: string;
  reason?: string;
  exit?: string;
  /** Extra: the rule, the refusing kernel function and error_offset of a refusal. */
  rule?: string;
  fn?: string;
  errorOffset?: number;
  note?: string;
  events: readonly CoreEvent[];
  state: Observation;
}

export interface Trace {
  format: 'folioscope-trace';
  version: 1;
  title?: string;
  create: {
    ok: boolean;
    events: readonly CoreEvent[];
    errno?: string;
    reason?: string;
    rule?: string;
    fn?: string;
  };
  initial: Observation | null;
  steps: TraceStep[];
  violations: (Violation & { step: number })[];
}

function refusalFields(r: Refusal | undefined): Partial<TraceStep> {
  if (r === undefined) return {};
  return {
    errno: r.errno,
    reason: r.reason,
    ...(r.exit === undefined ? {} : { exit: r.exit }),
    rule: r.rule,
    fn: r.fn,
    ...(r.errorOffset === undefined ? {} : { errorOffset: r.errorOffset }),
  };
}

/** What a step did, without its state: kernel events, diagram transitions, the refusal. */
export interface StepOutcome {
  readonly events: readonly CoreEvent[];
  readonly transitions: readonly Transition[];
  readonly refusal?: Refusal;
}

/** The outcome of an apply result (its state left out). */
export const outcomeOf = (r: StepOutcome): StepOutcome =>
  r.refusal === undefined
    ? { events: r.events, transitions: r.transitions }
    : { events: r.events, transitions: r.transitions, refusal: r.refusal };

/** A step's events as the trace lists them: the kernel events, then the diagram transitions. */
export const stepEvents = (r: StepOutcome | undefined): readonly CoreEvent[] =>
  r === undefined ? [] : r.transitions.length === 0 ? r.events : [...r.events, ...r.transitions];

/** Every state of a scenario: index 0 after creation, index i + 1 after step i (null: refused creation). */
export function replayStates(scenario: Scenario): { states: GmemState[]; results: StepOutcome[] } | null {
  const c = create(scenario.config);
  if (c.state === null) return null;
  const states: GmemState[] = [c.state];
  const results: StepOutcome[] = [];
  let s = c.state;
  for (const op of scenario.steps) {
    const r = apply(s, op);
    s = r.state;
    states.push(s);
    results.push(outcomeOf(r));
  }
  return { states, results };
}

/** A trace without its steps and violations: what is known right after creation. */
export type TraceHead = Omit<Trace, 'steps' | 'violations'>;

/** Creation: the trace's head, and the state the steps start from (null: creation refused). */
export function startTrace(scenario: Scenario): { head: TraceHead; state: GmemState | null } {
  const c = create(scenario.config);
  const head: TraceHead = {
    format: 'folioscope-trace',
    version: 1,
    ...(scenario.title === undefined ? {} : { title: scenario.title }),
    create: {
      ok: c.ok,
      events: c.events,
      ...(c.refusal === undefined
        ? {}
        : { errno: c.refusal.errno, reason: c.refusal.reason, rule: c.refusal.rule, fn: c.refusal.fn }),
    },
    initial: c.state === null ? null : observe(c.state),
  };
  return { head, state: c.state };
}

/** A trace step without its observed state, and the core state it leaves. */
export interface StepRecord {
  readonly step: Omit<TraceStep, 'state'>;
  readonly after: GmemState;
}

/**
 * The trace's steps one at a time, before observation: what a writer that shows only some
 * states (the text trace shows the last) needs. Each invariant violation is pushed to
 * `violations` at the step where it first appears (they are printed after the steps).
 */
export function* stepRecords(
  scenario: Scenario,
  start: GmemState,
  violations: (Violation & { step: number })[],
): Generator<StepRecord> {
  let s = start;
  let seen = new Set<string>();
  for (const [index, op] of scenario.steps.entries()) {
    const r = apply(s, op);
    s = r.state;
    const now = checkInvariants(s);
    const keys = new Set(now.map((v) => `${v.rule}:${v.message}`));
    for (const v of now) if (!seen.has(`${v.rule}:${v.message}`)) violations.push({ step: index, ...v });
    seen = keys;
    const step = {
      index,
      op: opToJson(op),
      ok: r.refusal === undefined,
      ...refusalFields(r.refusal),
      ...(op.note === undefined ? {} : { note: op.note }),
      events: stepEvents(r),
    };
    yield { step, after: s };
  }
}

/**
 * The trace's steps one at a time, so a writer can stream a 100,000-step trace without
 * holding it; each invariant violation is pushed to `violations` at the step where it first
 * appears (they are printed after the steps).
 */
export function* traceSteps(
  scenario: Scenario,
  start: GmemState,
  violations: (Violation & { step: number })[],
): Generator<TraceStep> {
  for (const { step, after } of stepRecords(scenario, start, violations))
    // Not `{ ...step, state }`: see addRef (state/refs.ts) on spreads given a new field.
    yield Object.assign({}, step, { state: observe(after) });
}

/**
 * Runs a scenario and produces its trace (format v1): creation, then each step's result,
 * events and observed state, and the invariant violations, each reported at the step where
 * it first appears. Deterministic: the same scenario always gives identical JSON.
 * @example replay(parsed.scenario).steps[0].ok
 */
export function replay(scenario: Scenario): Trace {
  const { head, state } = startTrace(scenario);
  const violations: (Violation & { step: number })[] = [];
  const steps = state === null ? [] : [...traceSteps(scenario, state, violations)];
  return { ...head, steps, violations };
}

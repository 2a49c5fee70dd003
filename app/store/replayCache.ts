import { apply, create, replayStates } from '../../core/index.ts';
import type { CoreEvent, GmemConfig, GmemState, Op, Refusal, Scenario } from '../../core/index.ts';

export interface StepOutcome {
  readonly events: readonly CoreEvent[];
  readonly refusal?: Refusal;
}

/**
 * Every state of the current line, computed once: states[0] after creation, states[i + 1]
 * after step i. Acting or undoing only recomputes the steps after the common prefix.
 */
export interface Replay {
  readonly config: GmemConfig;
  readonly ops: readonly Op[];
  readonly states: readonly GmemState[];
  readonly results: readonly StepOutcome[];
  /** Set when KVM_CREATE_GUEST_MEMFD itself is refused: then there is no state at all. */
  readonly createRefusal?: Refusal;
}

function fromScratch(scenario: Scenario): Replay {
  const r = replayStates(scenario);
  if (r === null) {
    const refusal = create(scenario.config).refusal;
    return {
      config: scenario.config,
      ops: [],
      states: [],
      results: [],
      ...(refusal === undefined ? {} : { createRefusal: refusal }),
    };
  }
  return { config: scenario.config, ops: scenario.steps, states: r.states, results: r.results };
}

/** The replay of `scenario`, reusing `prev` for the steps both share (ops compared by identity). */
export function replayFor(prev: Replay | null, scenario: Scenario): Replay {
  if (prev === null || prev.config !== scenario.config || prev.states.length === 0)
    return fromScratch(scenario);
  const ops = scenario.steps;
  if (prev.ops === ops) return prev;
  let common = 0;
  while (common < ops.length && common < prev.ops.length && ops[common] === prev.ops[common]) common++;
  const states = prev.states.slice(0, common + 1);
  const results = prev.results.slice(0, common);
  let s = states[common] as GmemState;
  for (let i = common; i < ops.length; i++) {
    const r = apply(s, ops[i] as Op);
    s = r.state;
    states.push(s);
    results.push(r.refusal === undefined ? { events: r.events } : { events: r.events, refusal: r.refusal });
  }
  return { config: scenario.config, ops, states, results };
}

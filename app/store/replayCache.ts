import { apply, applyWithoutTransitions, create, outcomeOf } from '../../core/index.ts';
import type { GmemConfig, GmemState, Op, Refusal, Scenario, StepOutcome } from '../../core/index.ts';
import { lazyOutcome, type LineRef } from './lazyOutcome.ts';
import { EVERY, StateLine } from './stateLine.ts';

export type { StepOutcome };

/**
 * The current line, replayed once: states.at(0) after creation, states.at(i + 1) after step
 * i (checkpointed, see StateLine), and every step's outcome. Acting or undoing only
 * recomputes the steps after the common prefix.
 */
export interface Replay {
  readonly config: GmemConfig;
  readonly ops: readonly Op[];
  readonly states: StateLine;
  readonly results: readonly StepOutcome[];
  /** Set when KVM_CREATE_GUEST_MEMFD itself is refused: then there is no state at all. */
  readonly createRefusal?: Refusal;
}

/**
 * Applies `ops[from..]` to `start` (the state after `from` steps), extending checkpoints and
 * results; yields the number of steps done after each step, so a caller can spread a long
 * replay over several tasks (with progress and a Cancel) instead of freezing the tab.
 */
function* extendSteps(
  config: GmemConfig,
  ops: readonly Op[],
  from: number,
  start: GmemState,
  checkpoints: GmemState[],
  results: StepOutcome[],
): Generator<number, Replay> {
  const known: [number, GmemState] = [from, start];
  let s = start;
  for (let i = from; i < ops.length; i++) {
    const r = apply(s, ops[i] as Op);
    s = r.state;
    if ((i + 1) % EVERY === 0) checkpoints.push(s);
    yield i + 1;
    results.push(outcomeOf(r));
  }
  return { config, ops, states: new StateLine(ops, checkpoints, ops.length + 1, s, known), results };
}

/**
 * A whole line replayed from its first step, each step's diagram transitions left to be
 * computed when the step is shown (lazyOutcome.ts): they are ~40% of apply's cost, and a
 * 10,000-step link shows one step. The outcomes hold the line (its checkpoints) to compute
 * them; only a line replayed from scratch does this, so an edit never keeps an old line alive
 * beyond the outcomes of the replay that made it.
 */
function* replayLine(config: GmemConfig, ops: readonly Op[], first: GmemState): Generator<number, Replay> {
  const line: LineRef = { states: undefined, ops };
  const checkpoints: GmemState[] = [first];
  const results: StepOutcome[] = [];
  let s = first;
  for (let i = 0; i < ops.length; i++) {
    const r = applyWithoutTransitions(s, ops[i] as Op);
    // A step that changed nothing took no edge: known now, nothing to compute later.
    results.push(r.state === s ? outcomeOf({ ...r, transitions: [] }) : lazyOutcome(r, line, i));
    s = r.state;
    if ((i + 1) % EVERY === 0) checkpoints.push(s);
    yield i + 1;
  }
  const states = new StateLine(ops, checkpoints, ops.length + 1, s);
  line.states = states;
  return { config, ops, states, results };
}

/** Runs a replay generator to its end. */
function finish(g: Generator<number, Replay>): Replay {
  for (;;) {
    const r = g.next();
    if (r.done === true) return r.value;
  }
}

/** The replay of a whole scenario, step by step (see extendSteps): yields steps done. */
export function* replaySteps(scenario: Scenario): Generator<number, Replay> {
  const c = create(scenario.config);
  if (c.state === null)
    return {
      config: scenario.config,
      ops: [],
      states: new StateLine([], [], 0, undefined),
      results: [],
      ...(c.refusal === undefined ? {} : { createRefusal: c.refusal }),
    };
  return yield* replayLine(scenario.config, scenario.steps, c.state);
}

const fromScratch = (scenario: Scenario): Replay => finish(replaySteps(scenario));

/**
 * The last few lines replayed, by their ops array: undo, redo and switching back to a branch
 * give back an ops array seen before, whose replay is then reused instead of recomputing a
 * long suffix (seconds on a long history). Bounded: each entry holds 1/64 of its states.
 */
const RECENT_LINES = 8;
const recentLines = new Map<readonly Op[], Replay>();

function remember(r: Replay): Replay {
  recentLines.delete(r.ops);
  recentLines.set(r.ops, r);
  if (recentLines.size > RECENT_LINES) recentLines.delete(recentLines.keys().next().value as readonly Op[]);
  return r;
}

/** The replay of `scenario`, reusing `prev` for the steps both share (ops compared by identity). */
export function replayFor(prev: Replay | null, scenario: Scenario): Replay {
  // A replay computed ahead (in chunks, at start) for exactly this scenario is used as is.
  if (prev !== null && prev.config === scenario.config && prev.ops === scenario.steps) return prev;
  const seen = recentLines.get(scenario.steps);
  if (seen !== undefined && seen.config === scenario.config) return remember(seen);
  return remember(replayAnew(prev, scenario));
}

function replayAnew(prev: Replay | null, scenario: Scenario): Replay {
  if (prev === null || prev.config !== scenario.config || prev.states.length === 0)
    return fromScratch(scenario);
  const ops = scenario.steps;
  if (prev.ops === ops) return prev;
  let common = 0;
  while (common < ops.length && common < prev.ops.length && ops[common] === prev.ops[common]) common++;
  const start = prev.states.at(common) as GmemState;
  const checkpoints = prev.states.checkpoints.slice(0, Math.floor(common / EVERY) + 1);
  return finish(extendSteps(scenario.config, ops, common, start, checkpoints, prev.results.slice(0, common)));
}

/**
 * The current line's replay, computed once per op log and kept at bounded cost: every step's
 * outcome (events, refusal) is kept, but states only at checkpoints (every CHECKPOINT_EVERY
 * steps, plus the last one) and in a small LRU of recently viewed states. Seeking to step i
 * replays at most CHECKPOINT_EVERY - 1 ops from the nearest checkpoint, so the cost of a seek
 * does not grow with the history, and memory holds states for 1/CHECKPOINT_EVERY of the steps.
 * Derived views (observation, classification, invariants) are memoised per state object, so
 * they are bounded by the same LRU.
 */
import { apply, create } from '../../core/index.ts';
import type { CoreEvent, GmemConfig, GmemState, Op, Refusal, Scenario } from '../../core/index.ts';

export interface StepOutcome {
  readonly events: readonly CoreEvent[];
  readonly refusal?: Refusal;
}

export const CHECKPOINT_EVERY = 32;
export const RECENT_STATES = 64;

export interface Replay {
  readonly config: GmemConfig;
  readonly ops: readonly Op[];
  readonly results: readonly StepOutcome[];
  /** How many states there are: ops.length + 1, or 0 when creation itself was refused. */
  readonly length: number;
  /** The state after `i` steps (0: after creation); undefined out of range or without a file. */
  stateAt(i: number): GmemState | undefined;
  /** Set when KVM_CREATE_GUEST_MEMFD itself is refused: then there is no state at all. */
  readonly createRefusal?: Refusal;
}

const outcome = (r: StepOutcome): StepOutcome =>
  r.refusal === undefined ? { events: r.events } : { events: r.events, refusal: r.refusal };

/** The states of one line: checkpoints, the tip, and an LRU of recently asked states. */
class States {
  private readonly recent = new Map<number, GmemState>();
  constructor(
    private readonly ops: readonly Op[],
    /** checkpoints[k] is the state after k * CHECKPOINT_EVERY steps. */
    readonly checkpoints: readonly GmemState[],
    readonly tip: GmemState,
    /** A state already at hand (where a new line branched off an old one), kept as recent. */
    known?: readonly [number, GmemState],
  ) {
    if (known !== undefined) this.remember(known[0], known[1]);
  }

  at(i: number): GmemState | undefined {
    if (!Number.isInteger(i) || i < 0 || i > this.ops.length) return undefined;
    if (i === this.ops.length) return this.tip;
    if (i % CHECKPOINT_EVERY === 0) return this.checkpoints[i / CHECKPOINT_EVERY];
    const hit = this.recent.get(i);
    if (hit !== undefined) return this.remember(i, hit);
    // Replay from the nearest state below i that is at hand (a recent one or the checkpoint).
    let from = i - (i % CHECKPOINT_EVERY);
    let s = this.checkpoints[from / CHECKPOINT_EVERY] as GmemState;
    for (let j = i - 1; j > from; j--) {
      const r = this.recent.get(j);
      if (r === undefined) continue;
      [from, s] = [j, r];
      break;
    }
    for (let j = from; j < i; j++) s = this.remember(j + 1, apply(s, this.ops[j] as Op).state);
    return s;
  }

  private remember(i: number, s: GmemState): GmemState {
    this.recent.delete(i);
    this.recent.set(i, s);
    if (this.recent.size > RECENT_STATES) this.recent.delete(this.recent.keys().next().value as number);
    return s;
  }
}

/** The States behind each replay, so that the next replay of the same line can reuse them. */
const statesOf = new WeakMap<Replay, States>();

function replayOf(
  config: GmemConfig,
  ops: readonly Op[],
  results: readonly StepOutcome[],
  states: States,
): Replay {
  const r: Replay = { config, ops, results, length: ops.length + 1, stateAt: (i) => states.at(i) };
  statesOf.set(r, states);
  return r;
}

/** Applies ops[from..] to `s`, extending `checkpoints` and `results` in place. */
function extend(
  s: GmemState,
  ops: readonly Op[],
  from: number,
  checkpoints: GmemState[],
  results: StepOutcome[],
): GmemState {
  for (let i = from; i < ops.length; i++) {
    const r = apply(s, ops[i] as Op);
    s = r.state;
    results.push(outcome(r));
    if ((i + 1) % CHECKPOINT_EVERY === 0) checkpoints.push(s);
  }
  return s;
}

function fromScratch(scenario: Scenario): Replay {
  const c = create(scenario.config);
  if (c.state === null) {
    const none: Replay = {
      config: scenario.config,
      ops: [],
      results: [],
      length: 0,
      stateAt: () => undefined,
    };
    return c.refusal === undefined ? none : { ...none, createRefusal: c.refusal };
  }
  const checkpoints: GmemState[] = [c.state];
  const results: StepOutcome[] = [];
  const tip = extend(c.state, scenario.steps, 0, checkpoints, results);
  return replayOf(scenario.config, scenario.steps, results, new States(scenario.steps, checkpoints, tip));
}

/** The replay of `scenario`, reusing `prev` for the steps both share (ops compared by identity). */
export function replayFor(prev: Replay | null, scenario: Scenario): Replay {
  const old = prev === null ? undefined : statesOf.get(prev);
  if (prev === null || old === undefined || prev.config !== scenario.config) return fromScratch(scenario);
  const ops = scenario.steps;
  if (prev.ops === ops) return prev;
  let common = 0;
  while (common < ops.length && common < prev.ops.length && ops[common] === prev.ops[common]) common++;
  const start = prev.stateAt(common) as GmemState;
  const checkpoints = old.checkpoints.slice(0, Math.floor(common / CHECKPOINT_EVERY) + 1);
  const results = prev.results.slice(0, common);
  const tip = extend(start, ops, common, checkpoints, results);
  return replayOf(scenario.config, ops, results, new States(ops, checkpoints, tip, [common, start]));
}

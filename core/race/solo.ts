import type { CoreEvent, GmemState, Op, OpResult } from '../types.ts';
import { newTx } from '../state/tx.ts';
import { DEFAULT_RACE_KNOBS, withKnobs } from './knobs.ts';
import { nextIndex, type Ctx, type Step } from './program.ts';
import { programOf } from './programs/index.ts';
import type { RaceKnobs } from './types.ts';
import { aloneWorld } from './world.ts';

/** The default knobs with the file's own tdxRemovalFailure, one object per value. */
const APPLY_KNOBS = {
  ref: DEFAULT_RACE_KNOBS,
  bug: { ...DEFAULT_RACE_KNOBS, tdxRemovalFailure: 'bug' },
} as const satisfies Record<string, RaceKnobs>;

const NONE: readonly CoreEvent[] = [];

/**
 * Runs one op's program alone to completion (races.md §4.1) with the lean runner: the same
 * steps as the explorer's runner (program.ts runStep), but one draft (`Tx`) and one context
 * for the whole run, on a world marked `alone` (world.ts) that keeps no identity maps and no
 * race-only references; no state key, no invariant check, no per-step outcome. The draft
 * collects the events and the ranges every step wrote (the diagram transitions come from
 * them). A refusal without side effects returns `s` itself, as every op does. Null when the
 * actor cannot finish alone (a spin nobody satisfies: only with a non-default knob).
 */
export function soloRun(s: GmemState, op: Op, knobs: RaceKnobs): OpResult | null {
  // The file's policy decides what a failed TDX removal does, as in apply.
  const k =
    knobs.tdxRemovalFailure === s.config.policy.tdxRemovalFailure
      ? knobs
      : { ...knobs, tdxRemovalFailure: s.config.policy.tdxRemovalFailure };
  const g = withKnobs(s, k);
  const program = programOf({ actor: { id: 'A', op }, knobs: k, config: g.config });
  const c: Ctx = { w: aloneWorld(g), tx: newTx(g), id: 'A', locals: {}, past: NONE, race: [] };
  for (let i = 0; i >= 0;) {
    const step = program[i] as Step;
    // Guards and the identity of an actor alone read the world's state: keep it current. The
    // world objects of this run are its own (made by aloneWorld or by its steps), so the
    // state is set in place rather than copying the world at every step.
    (c.w as { g: GmemState }).g = c.tx.s;
    if (step.guard?.(c.w, 'A', c.locals) !== undefined) return null;
    i = nextIndex(program, i, step.run(c));
  }
  // resultOf(c.locals).refusal, without the result object built for it.
  const refusal = c.locals.err;
  if (refusal !== undefined && c.locals.sideEffects !== true)
    return { state: s, events: [], touched: [], refusal };
  // The program ran with its own copy of the policy only when a knob asked for another one.
  const state = c.tx.s.config === s.config ? c.tx.s : { ...c.tx.s, config: s.config };
  const { ev: events, touched } = c.tx;
  // Built field by field (a spread of a conditional object cost a clone per op).
  return refusal === undefined ? { state, events, touched } : { state, events, touched, refusal };
}

/** What `apply` answers for an actor op: its program run alone with the default knobs. */
export function actorOp(s: GmemState, op: Op): OpResult {
  const r = soloRun(s, op, APPLY_KNOBS[s.config.policy.tdxRemovalFailure]);
  // With the default knobs no step waits: a stuck actor is a bug of the program.
  if (r === null) throw new Error(`the ${op.op} program could not finish alone`);
  return r;
}

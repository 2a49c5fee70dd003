import type { GmemState, Op, OpResult } from '../types.ts';
import { DEFAULT_RACE_KNOBS, withKnobs } from './knobs.ts';
import { runStep, waitOf } from './program.ts';
import { programOf } from './programs/index.ts';
import type { ActorState, RaceKnobs } from './types.ts';
import { aloneWorld } from './world.ts';

/** The default knobs with the file's own tdxRemovalFailure, one object per value. */
const APPLY_KNOBS = {
  ref: DEFAULT_RACE_KNOBS,
  bug: { ...DEFAULT_RACE_KNOBS, tdxRemovalFailure: 'bug' },
} as const satisfies Record<string, RaceKnobs>;

/**
 * Runs one op's program alone to completion (races.md §4.1) with the lean runner: the same
 * steps as the explorer (program.ts runStep), on a world that keeps no identity maps and no
 * race-only references (world.ts aloneWorld), no state key and no invariant checks. The
 * ranges the steps wrote are collected for the diagram transitions. A refusal without side
 * effects returns `s` itself, as every op does. Null when the actor cannot finish alone (a
 * spin nobody satisfies: only with a non-default knob).
 */
export function soloRun(s: GmemState, op: Op, knobs: RaceKnobs): OpResult | null {
  // The file's policy decides what a failed TDX removal does, as in apply.
  const k = knobs.tdxRemovalFailure === s.config.policy.tdxRemovalFailure ? knobs : withPolicyTdx(knobs, s);
  const g = withKnobs(s, k);
  const program = programOf({ actor: { id: 'A', op }, knobs: k, config: g.config });
  let w = aloneWorld(g, program[0]?.label ?? '');
  const touched: [number, number][] = [];
  let a = w.actors['A'] as ActorState;
  while (a.status !== 'done') {
    if (waitOf(program, w, 'A') !== undefined) return null;
    const o = runStep(program, w, 'A');
    w = o.world;
    for (const t of o.touched) touched.push(t);
    a = w.actors['A'] as ActorState;
  }
  const refusal = a.result?.refusal;
  if (refusal !== undefined && a.locals.sideEffects !== true)
    return { state: s, events: [], touched: [], refusal };
  // The program ran with its own copy of the policy only when a knob asked for another one.
  const state = w.g.config === s.config ? w.g : { ...w.g, config: s.config };
  return { state, events: a.events, touched, ...(refusal === undefined ? {} : { refusal }) };
}

const withPolicyTdx = (k: RaceKnobs, s: GmemState): RaceKnobs => ({
  ...k,
  tdxRemovalFailure: s.config.policy.tdxRemovalFailure,
});

/** What `apply` answers for an actor op: its program run alone with the default knobs. */
export function actorOp(s: GmemState, op: Op): OpResult {
  const r = soloRun(s, op, APPLY_KNOBS[s.config.policy.tdxRemovalFailure]);
  // With the default knobs no step waits: a stuck actor is a bug of the program.
  if (r === null) throw new Error(`the ${op.op} program could not finish alone`);
  return r;
}

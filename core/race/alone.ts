import type { GmemState, Op, StepResult } from '../types.ts';
import { withTransitions } from '../apply.ts';
import { DEFAULT_RACE_KNOBS } from './knobs.ts';
import { enabledActors, prepareRace, stepActor } from './session.ts';
import { RACE_EVENT_TYPES, type RaceKnobs } from './types.ts';

/**
 * Runs one op's program alone to completion (§4.1): what `apply` answers, built from the
 * micro-steps. Race-only events are dropped and the diagram transitions appended, as apply
 * does. Returns null when the actor cannot finish alone (a spin nobody satisfies).
 */
export function runAlone(s: GmemState, op: Op, knobs: RaceKnobs = DEFAULT_RACE_KNOBS): StepResult | null {
  const r = prepareRace(s, [{ id: 'A', op }], {
    ...knobs,
    tdxRemovalFailure: s.config.policy.tdxRemovalFailure,
  });
  let w = r.start;
  while (enabledActors(r, w).length > 0) w = stepActor(r, w, 'A').world;
  const a = w.actors['A'];
  if (a?.result === undefined) return null;
  const events = a.events.filter((e) => !RACE_EVENT_TYPES.includes(e.type));
  const refusal = a.result.refusal;
  // The race ran on a copy with its own policy; the caller's configuration object stays.
  const state = { ...w.g, config: s.config };
  // The micro-steps do not collect the ranges they wrote: the whole file counts as touched, so
  // the transitions are the same as apply's (found by classifying more of the file).
  const touched: [number, number][] = [[0, s.config.size]];
  return withTransitions(s, op, { state, events, touched, ...(refusal === undefined ? {} : { refusal }) });
}

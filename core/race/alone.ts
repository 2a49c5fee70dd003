import type { GmemState, Op, StepResult } from '../types.ts';
import { withTransitions } from '../apply.ts';
import { DEFAULT_RACE_KNOBS } from './knobs.ts';
import { soloRun } from './solo.ts';
import type { RaceKnobs } from './types.ts';

/**
 * Runs one op's program alone to completion (§4.1) with the lean runner (solo.ts): what
 * `apply` answers, the diagram transitions computed from the ranges the steps wrote. With
 * the default knobs this is `apply` itself. Returns null when the actor cannot finish alone
 * (a spin nobody satisfies).
 */
export function runAlone(s: GmemState, op: Op, knobs: RaceKnobs = DEFAULT_RACE_KNOBS): StepResult | null {
  const r = soloRun(s, op, knobs);
  return r === null ? null : withTransitions(s, op, r);
}

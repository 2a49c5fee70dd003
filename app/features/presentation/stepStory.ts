/**
 * The step on the stage, as one edge of the page state machine: the state of the page the
 * step is about before it, and what the core answered (the state reached, no change, or the
 * refusal with its errno). Built from the step's own result, so the stage diagram can never
 * contradict what happened.
 */
import type { GmemState, Op, StepOutcome } from '../../../core/index.ts';
import type { Outcome } from '../state-diagram/outcomes.ts';
import { stateOf } from '../state-diagram/outcomes.ts';
import { stepOutcome, stepPage } from '../state-diagram/stepOutcome.ts';

export interface StepStory {
  /** The page the step is about (stepPage), else the focus. */
  readonly page: number;
  readonly from: string;
  /** Undefined before the first step. */
  readonly outcome?: Outcome;
}

export function stepStory(
  prev: GmemState | undefined,
  next: GmemState | undefined,
  op: Op | undefined,
  answer: StepOutcome | undefined,
  fallback: number,
): StepStory | undefined {
  const before = prev ?? next;
  if (before === undefined || next === undefined) return undefined;
  const page = stepPage(op, answer, before.config.size) ?? fallback;
  const refusal = answer?.refusal;
  const from = stateOf('page', before, page);
  if (from === undefined) return undefined;
  if (op === undefined) return { page, from };
  const to = stateOf('page', next, page) ?? from;
  return { page, from, outcome: stepOutcome(op, 'step', from, to, refusal) };
}

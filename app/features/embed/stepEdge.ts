/**
 * The one edge of the page machine that a step took, for the embed's compact diagram: the
 * page the step is about, its state before, and where the step left it (another state, the
 * same one, or refused with its errno). Read from the step's real answer, never predicted.
 */
import { pageStateAt } from '../../../core/index.ts';
import type { GmemState, Op, StepOutcome } from '../../../core/index.ts';
import type { Outcome } from '../state-diagram/outcomes.ts';
import { stepOutcome, stepPage } from '../state-diagram/stepOutcome.ts';

export interface StepEdge {
  /** The page the step is about (stepPage). */
  readonly at: number;
  /** The page's state before the step. */
  readonly from: string;
  readonly outcome: Outcome;
}

/** The edge `op` took from `prev` to `next`, or undefined when it names no page. */
export function stepEdge(
  op: Op | undefined,
  prev: GmemState | undefined,
  next: GmemState | undefined,
  answer: StepOutcome | undefined,
): StepEdge | undefined {
  if (op === undefined || prev === undefined || next === undefined) return undefined;
  const at = stepPage(op, answer, prev.config.size);
  if (at === undefined) return undefined;
  const from = pageStateAt(prev, at);
  const to = pageStateAt(next, at);
  // The key animOf() and the focus graph use for this op's outcome.
  const key = `${op.op}:${op.op === 'convert' ? op.to : ''}`;
  return { at, from, outcome: stepOutcome(op, key, from, to, answer?.refusal) };
}

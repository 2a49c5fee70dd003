/**
 * The one edge of the page machine that a step took, for the embed's compact diagram: the
 * page the step is about, its state before, and where the step left it (another state, the
 * same one, or refused with its errno). Read from the step's real answer, never predicted.
 */
import { PAGE, PAGE_MACHINE, alignDown, pageStateAt } from '../../../core/index.ts';
import type { GmemState, Op, StepOutcome } from '../../../core/index.ts';
import { edgeText, opText } from '../state-diagram/edgeText.ts';
import type { Outcome } from '../state-diagram/outcomes.ts';
import { touchedRange } from '../folio-tree/focus.ts';

export interface StepEdge {
  /** The page the step is about (its first page, or the first one its events touched). */
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
  const start = 'offset' in op ? op.offset : touchedRange(answer)?.start;
  if (start === undefined || start < 0 || start >= prev.config.size) return undefined;
  const at = alignDown(start, PAGE);
  const from = pageStateAt(prev, at);
  const to = pageStateAt(next, at);
  const toAttr = op.op === 'convert' ? op.to : undefined;
  // The key animOf() and the focus graph use for this op's outcome.
  const base = { key: `${op.op}:${toAttr ?? ''}`, op: op.op, ...(toAttr === undefined ? {} : { toAttr }) };
  const name = opText(op.op, toAttr);
  const refusal = answer?.refusal;
  if (refusal !== undefined)
    return {
      at,
      from,
      outcome: {
        ...base,
        kind: 'refused',
        to: from,
        errno: refusal.errno,
        text: `${name} ⊘ ${refusal.errno}`,
        reason: refusal.reason,
      },
    };
  if (to === from)
    return {
      at,
      from,
      outcome: { ...base, kind: 'stay', to, text: `${name}: no change`, reason: 'the page stays as it was' },
    };
  const edge = PAGE_MACHINE.edges.find((e) => e.from === from && e.to === to && e.op === op.op);
  return {
    at,
    from,
    outcome: {
      ...base,
      kind: 'move',
      to,
      ...(edge === undefined ? {} : { edge }),
      text: edge === undefined ? name : edgeText(edge),
      reason: edge?.label ?? 'the diagram lacks this edge',
    },
  };
}

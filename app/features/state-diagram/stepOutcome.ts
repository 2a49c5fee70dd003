/**
 * One step as one edge of the page state machine, for the pictures that show only the step
 * (the presentation stage, the embed): from the page's state before, what the core answered —
 * refused with its errno, no change, or the edge to the state reached. Built from the step's
 * own result, so such a picture can never contradict what happened.
 */
import { PAGE_MACHINE } from '../../../core/index.ts';
import type { Op, Refusal } from '../../../core/index.ts';
import { edgeText, opText } from './edgeText.ts';
import type { Outcome } from './outcomes.ts';

/** `key` names the outcome for the diagram's layout and animation. */
export function stepOutcome(
  op: Op,
  key: string,
  from: string,
  to: string,
  refusal: Refusal | undefined,
): Outcome {
  const toAttr = op.op === 'convert' ? op.to : undefined;
  const base = { key, op: op.op, ...(toAttr === undefined ? {} : { toAttr }) };
  const name = opText(op.op, toAttr);
  if (refusal !== undefined)
    return {
      ...base,
      kind: 'refused',
      to: from,
      errno: refusal.errno,
      text: `${name} ⊘ ${refusal.errno}`,
      reason: refusal.reason,
    };
  if (to === from)
    return { ...base, kind: 'stay', to, text: `${name}: no change`, reason: 'the page keeps its state' };
  const edge = PAGE_MACHINE.edges.find((e) => e.from === from && e.to === to && e.op === op.op);
  return {
    ...base,
    kind: 'move',
    to,
    ...(edge === undefined ? {} : { edge }),
    text: edge === undefined ? name : edgeText(edge),
    reason: edge?.label ?? 'the diagram lacks this edge',
  };
}

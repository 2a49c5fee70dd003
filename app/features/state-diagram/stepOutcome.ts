/**
 * One step as one edge of the page state machine, for the pictures that show only the step
 * (the presentation stage, the embed): from the page's state before, what the core answered —
 * refused with its errno, no change, or the edge to the state reached. Built from the step's
 * own result, so such a picture can never contradict what happened.
 */
import { PAGE, PAGE_MACHINE, alignDown } from '../../../core/index.ts';
import type { Op, Refusal, StepOutcome } from '../../../core/index.ts';
import { touchedRange } from '../folio-tree/focus.ts';
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

/**
 * The page a step is about, page-aligned: where the kernel refused it (error_offset), else the
 * op's offset, else the first byte its events name; undefined when it names no page of a file
 * of `size` bytes. The stage, the embed and the desk's diagram all follow this page.
 */
export function stepPage(
  op: Op | undefined,
  answer: StepOutcome | undefined,
  size: number,
): number | undefined {
  if (op === undefined) return undefined;
  const x = answer?.refusal?.errorOffset ?? ('offset' in op ? op.offset : touchedRange(answer)?.start);
  return x === undefined || x < 0 || x >= size ? undefined : alignDown(x, PAGE);
}

/**
 * The step on the stage, as one edge of the page state machine: the state of the page the
 * step is about before it, and what the core answered (the state reached, no change, or the
 * refusal with its errno). Built from the step's own result, so the stage diagram can never
 * contradict what happened.
 */
import { PAGE_MACHINE } from '../../../core/index.ts';
import type { GmemState, Op, Refusal } from '../../../core/index.ts';
import { edgeText, opText } from '../state-diagram/edgeText.ts';
import type { Outcome } from '../state-diagram/outcomes.ts';
import { stateOf } from '../state-diagram/outcomes.ts';

export interface StepStory {
  /** The page the step is about: the refusal's error_offset, else the op's offset, else the focus. */
  readonly page: number;
  readonly from: string;
  /** Undefined before the first step. */
  readonly outcome?: Outcome;
}

const opOffset = (op: Op): number | undefined => ('offset' in op ? op.offset : undefined);
const opTo = (op: Op): Outcome['toAttr'] => (op.op === 'convert' ? op.to : undefined);

export function stepStory(
  prev: GmemState | undefined,
  next: GmemState | undefined,
  op: Op | undefined,
  refusal: Refusal | undefined,
  fallback: number,
): StepStory | undefined {
  const before = prev ?? next;
  if (before === undefined || next === undefined) return undefined;
  const page = refusal?.errorOffset ?? (op === undefined ? undefined : opOffset(op)) ?? fallback;
  const from = stateOf('page', before, page);
  if (from === undefined) return undefined;
  if (op === undefined) return { page, from };
  const toAttr = opTo(op);
  const base = { key: 'step', op: op.op, ...(toAttr === undefined ? {} : { toAttr }) };
  const name = opText(op.op, toAttr);
  if (refusal !== undefined)
    return {
      page,
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
  const to = stateOf('page', next, page) ?? from;
  if (to === from)
    return {
      page,
      from,
      outcome: { ...base, kind: 'stay', to, text: `${name}: no change`, reason: 'the page keeps its state' },
    };
  const edge = PAGE_MACHINE.edges.find((e) => e.from === from && e.to === to && e.op === op.op);
  return {
    page,
    from,
    outcome: {
      ...base,
      kind: 'move',
      to,
      ...(edge === undefined ? {} : { edge }),
      text: edge === undefined ? name : edgeText(edge),
      reason: edge?.label ?? '',
    },
  };
}

/**
 * What every edge leaving the selection's state does for *this* selection, answered by the
 * core: each op the diagram draws from that state is built as perform() would build it
 * (edgeTarget + buildOp), applied to the current state, and the result classified. An edge is
 * drawn to the state the model reaches, as refused with the errno it answers, or as "no
 * change": never as the static diagram guesses.
 */
import { apply, pageStateAt } from '../../../core/index.ts';
import type { Attr, DiagramEdge, GmemState, Machine, OpName, RefusedEdge } from '../../../core/index.ts';
import { blockRuns } from '../../store/selectors.ts';
import type { OpInputs, Selection } from '../../store/store.ts';
import { buildOp } from '../op-palette/ops.ts';
import { edgeText, opText } from './edgeText.ts';
import { edgeTarget } from './actions.ts';

export interface Outcome {
  /** `${op}:${toAttr}`: one per op (and direction) the diagram draws from the state. */
  readonly key: string;
  readonly op: OpName;
  readonly toAttr?: Attr;
  readonly kind: 'move' | 'stay' | 'refused';
  /** The state reached (the current one unless kind is 'move'). */
  readonly to: string;
  readonly errno?: string;
  /** The diagram edge taken (move), when the diagram has it. */
  readonly edge?: DiagramEdge<string>;
  /** The label drawn on the arrow or badge. */
  readonly text: string;
  /** The model's reason: the refusal's sentence or the edge's explanation. */
  readonly reason: string;
}

export type MachineId = 'page' | 'block';

/** The state of the selection's page, or of its block (undefined off HugeTLB). */
export function stateOf(machine: MachineId, s: GmemState, at: number): string | undefined {
  if (machine === 'page') return pageStateAt(s, at);
  if (s.config.pageSize === 4096) return undefined;
  return blockRuns(s).find((r) => r.start <= at && at < r.end)?.value ?? 'absent';
}

/** The ops (and directions) the machine draws leaving `from`, in the machine's order. */
function candidates(m: Machine<string>, from: string): { op: OpName; toAttr?: Attr }[] {
  const seen = new Map<string, { op: OpName; toAttr?: Attr }>();
  const all: (DiagramEdge<string> | RefusedEdge<string>)[] = [...m.edges, ...m.refused];
  for (const e of all)
    if (e.from === from && !seen.has(`${e.op}:${e.to_attr ?? ''}`))
      seen.set(`${e.op}:${e.to_attr ?? ''}`, {
        op: e.op,
        ...(e.to_attr === undefined ? {} : { toAttr: e.to_attr }),
      });
  return [...seen.values()];
}

/** Every drawn op from the selection's state, answered by the core. Empty without a selection. */
export function outcomesFor(
  m: Machine<string>,
  state: GmemState | undefined,
  sel: Selection | null,
  inputs: OpInputs,
): Outcome[] {
  if (state === undefined || sel === null) return [];
  const machine = m.id;
  const from = stateOf(machine, state, sel.start);
  if (from === undefined) return [];
  const out: Outcome[] = [];
  for (const c of candidates(m, from)) {
    const t = edgeTarget(machine, c.op, c.toAttr, sel, state.config.pageSize);
    if (t === undefined) continue;
    const built = buildOp(t.entry, t.target.selection ?? sel, { ...inputs, ...t.target.inputs });
    const key = `${c.op}:${c.toAttr ?? ''}`;
    const base = { key, op: c.op, ...(c.toAttr === undefined ? {} : { toAttr: c.toAttr }) };
    const name = opText(c.op, c.toAttr);
    if (!built.ok) {
      out.push({
        ...base,
        kind: 'refused',
        to: from,
        errno: 'n/a',
        text: `${name}: unavailable`,
        reason: built.why,
      });
      continue;
    }
    const r = apply(state, built.op);
    if (r.refusal !== undefined) {
      const errno = r.refusal.errno;
      out.push({
        ...base,
        kind: 'refused',
        to: from,
        errno,
        text: `${name} ⊘ ${errno}`,
        reason: r.refusal.reason,
      });
      continue;
    }
    const to: string = stateOf(machine, r.state, sel.start) ?? from;
    if (to === from) {
      out.push({
        ...base,
        kind: 'stay',
        to,
        text: `${name}: no change`,
        reason: 'the state of the selection does not change',
      });
      continue;
    }
    const edge = m.edges.find((e) => e.from === from && e.to === to && e.op === c.op);
    out.push({
      ...base,
      kind: 'move',
      to,
      ...(edge === undefined ? {} : { edge }),
      text: edge === undefined ? `${name} (not in the diagram)` : edgeText(edge),
      reason: edge?.label ?? 'the diagram lacks this edge',
    });
  }
  return out;
}

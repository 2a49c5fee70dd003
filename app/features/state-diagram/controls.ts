/**
 * Outcomes as controls: the accessible name that says what the core will answer, the click
 * that performs the op through perform(), and the hover sentence from preview().
 */
import type { GmemState, Machine } from '../../../core/index.ts';
import type { Selection, SimStore } from '../../store/store.ts';
import { perform, preview } from '../op-palette/perform.ts';
import { edgeTarget } from './actions.ts';
import type { Control } from './DiagramParts.tsx';
import { opText } from './edgeText.ts';
import type { Outcome } from './outcomes.ts';
import { stateLabel } from './stateLabel.ts';

/** The button an outcome becomes: its name says what the core will answer. */
export function controlFor(
  store: SimStore,
  m: Machine<string>,
  o: Outcome,
  from: string,
  sel: Selection,
  setHovered: (k: string | undefined) => void,
): Control {
  const name =
    o.kind === 'move'
      ? `${opText(o.op, o.toAttr)}: ${stateLabel(m, from)} → ${stateLabel(m, o.to)} (${o.edge?.when ?? o.reason})`
      : o.kind === 'refused'
        ? `${opText(o.op, o.toAttr)}: refused with ${o.errno ?? ''} (${o.reason})`
        : `${opText(o.op, o.toAttr)}: no change, stays ${stateLabel(m, o.to)}`;
  const act = () => {
    const t = edgeTarget(m.id, o.op, o.toAttr, sel, store.getState().doc.scenario.config.pageSize);
    if (t !== undefined) perform(store, t.entry, t.target);
  };
  return { name, tip: name, onAct: act, onHover: (on) => setHovered(on ? o.key : undefined) };
}

/** What hovering predicts, in words (the palette's own prediction). */
export function predictionOf(
  store: SimStore,
  m: Machine<string>,
  state: GmemState | undefined,
  sel: Selection,
  o: Outcome | undefined,
): string {
  if (o === undefined)
    return `Hover or focus an edge to read the kernel’s answer for the ${m.id} shown; click it to perform it.`;
  const t = edgeTarget(m.id, o.op, o.toAttr, sel, store.getState().doc.scenario.config.pageSize);
  if (t === undefined) return `${o.op}: no operation performs this edge`;
  const lands = o.kind === 'move' ? ` Lands in “${stateLabel(m, o.to)}”.` : '';
  return `${preview(store, state, t.entry, t.target)}${lands}`;
}

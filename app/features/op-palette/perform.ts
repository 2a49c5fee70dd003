/**
 * The one path from intent to op. Palette buttons, single-key shortcuts, the folio tree's
 * context menu and the state diagram's edges all call `perform`: it builds the typed op from a
 * palette entry, then either applies it (a refused op is recorded too: the refusal is the
 * lesson) or shows in the notice why no op could be built.
 */
import { opLine, opToJson } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { act, notify } from '../../store/commands.ts';
import type { StepOutcome } from '../../store/replayCache.ts';
import type { OpInputs, Selection, SimStore } from '../../store/store.ts';
import { buildOp, predict, type PaletteEntry } from './ops.ts';

/** Where and with what an entry acts; omitted fields come from the store's UI state. */
export interface Target {
  readonly selection?: Selection | null;
  readonly inputs?: Partial<OpInputs>;
}

const resolve = (store: SimStore, t: Target) => {
  const ui = store.getState().ui;
  return {
    selection: t.selection === undefined ? ui.selection : t.selection,
    inputs: { ...ui.inputs, ...t.inputs },
  };
};

/** Builds `entry`'s op on the target and applies it, or says why it cannot. */
export function perform(store: SimStore, entry: PaletteEntry, target: Target = {}): StepOutcome | undefined {
  const { selection, inputs } = resolve(store, target);
  const b = buildOp(entry, selection, inputs);
  if (b.ok) return act(store, b.op);
  notify(store, { kind: 'error', text: `${entry.label}: ${b.why}` });
  return undefined;
}

/** What `perform` would do, in one sentence: the op and the kernel's predicted answer. */
export function preview(
  store: SimStore,
  state: GmemState | undefined,
  entry: PaletteEntry,
  target: Target = {},
): string {
  const { selection, inputs } = resolve(store, target);
  const b = buildOp(entry, selection, inputs);
  return b.ok
    ? `${entry.label}: ${opLine(opToJson(b.op))}. ${predict(state, b.op)}`
    : `${entry.label} is unavailable. ${b.why}`;
}

/**
 * Commands: plain functions over a store. Those that change the op log enter undo history
 * (act, newScenario, switchTo); moving the cursor and the UI state do not.
 */
import { create, scenarioLimitProblem } from '../../core/index.ts';
import type { GmemConfig, LinkBranch, Op, Refusal, Scenario } from '../../core/index.ts';
import type { LinkView } from '../share/view.ts';
import { appendOp, moveTo, newDocument, switchBranch, type SimDocument } from './document.ts';
import {
  INITIAL_UI,
  withDoc,
  type Notice,
  type OpInputs,
  type Selection,
  type SimState,
  type SimStore,
  type UiState,
  type Viewport,
} from './store.ts';
import type { Replay, StepOutcome } from './replayCache.ts';

const HISTORY_LIMIT = 500;

function commit(store: SimStore, doc: SimDocument, ahead?: Replay): void {
  const s = store.getState();
  if (doc === s.doc) return;
  store.setState({ ...withDoc(s, doc, ahead), past: [...s.past, s.doc].slice(-HISTORY_LIMIT), future: [] });
}

/** Applies `op` at the cursor (a refused op is recorded too: the refusal is the lesson). */
export function act(store: SimStore, op: Op): StepOutcome | undefined {
  const doc = appendOp(store.getState().doc, op);
  // The work must stay savable: a step past a limit is refused, and says which.
  const over = scenarioLimitProblem(doc.scenario, doc.branches);
  if (over !== undefined) {
    notify(store, {
      kind: 'error',
      text: `Not done: this step would pass a limit (${over.path}: ${over.message}).`,
    });
    return undefined;
  }
  commit(store, doc);
  notify(store, null);
  const s = store.getState();
  return s.replay.results[s.doc.cursor - 1];
}

/** The UI of a new document: nothing selected, but the user's own settings kept. */
const freshUi = (s: SimState): Pick<SimState, 'ui'> => ({
  ui: {
    ...INITIAL_UI,
    speed: s.ui.speed,
    inputs: s.ui.inputs,
    presenting: s.ui.presenting,
    viewPinned: s.ui.viewPinned,
  },
});

/** Starts over with a new file; refused (and nothing changes) if the kernel refuses creation. */
export function newScenario(store: SimStore, config: GmemConfig, title?: string): Refusal | undefined {
  const c = create(config);
  if (c.refusal !== undefined) return c.refusal;
  commit(store, newDocument({ ...(title === undefined ? {} : { title }), config, steps: [] }));
  store.setState(freshUi);
  return undefined;
}

/** Opens a whole scenario (a share link, with its branches) at step `cursor`; enters history like newScenario. */
export function openScenario(
  store: SimStore,
  scenario: Scenario,
  cursor = scenario.steps.length,
  ahead?: Replay,
  branches: readonly LinkBranch[] = [],
): void {
  commit(store, moveTo(newDocument(scenario, branches), cursor), ahead);
  store.setState(freshUi);
}

/** Shows the view a link carried: its selection, and its zoom window once the tree can place it. */
export function showView(store: SimStore, view: LinkView): void {
  const { selection, zoom } = view;
  if (selection === undefined && zoom === undefined) return;
  store.setState((s) => ({
    ui: {
      ...s.ui,
      ...(selection === undefined ? {} : { selection: { ...selection, anchor: selection.start } }),
      ...(zoom === undefined ? {} : { zoomTo: zoom }),
    },
  }));
}

/** The folio tree placed the link's zoom window. */
export function zoomShown(store: SimStore): void {
  store.setState((s) => (s.ui.zoomTo === null ? s : { ui: { ...s.ui, zoomTo: null } }));
}

/** Plays a narrated tour from its first step (its notes are the narration). */
export function playTour(store: SimStore, name: string, scenario: Scenario, cursor = 0): void {
  openScenario(store, scenario, cursor);
  store.setState((s) => ({ ui: { ...s.ui, tour: { name, scenario } } }));
}

/** Enters or leaves presentation mode. */
export function setPresenting(store: SimStore, presenting: boolean): void {
  store.setState((s) =>
    s.ui.presenting === presenting ? s : { ui: { ...s.ui, presenting, selection: null } },
  );
}

/** Shows (or clears) the alert in the header. */
export function setLinkError(store: SimStore, linkError: string | null): void {
  store.setState((s) => ({ ui: { ...s.ui, linkError } }));
}

/** Makes an old future the current line (the current line is kept as a branch). */
export function switchTo(store: SimStore, branchId: number): void {
  commit(store, switchBranch(store.getState().doc, branchId));
}

export function jumpTo(store: SimStore, i: number): void {
  const s = store.getState();
  const doc = moveTo(s.doc, i);
  if (doc !== s.doc) store.setState({ doc });
}

export const stepBack = (store: SimStore): void => jumpTo(store, store.getState().doc.cursor - 1);
export const stepForward = (store: SimStore): void => jumpTo(store, store.getState().doc.cursor + 1);

export function undo(store: SimStore): void {
  const s = store.getState();
  const prev = s.past[s.past.length - 1];
  if (prev === undefined) return;
  store.setState({ ...withDoc(s, prev), past: s.past.slice(0, -1), future: [s.doc, ...s.future] });
}

export function redo(store: SimStore): void {
  const s = store.getState();
  const next = s.future[0];
  if (next === undefined) return;
  store.setState({ ...withDoc(s, next), past: [...s.past, s.doc], future: s.future.slice(1) });
}

// ---- UI state ----

export function select(store: SimStore, selection: Selection | null): void {
  store.setState((s) => ({ ui: { ...s.ui, selection } }));
}

export function setInputs(store: SimStore, patch: Partial<OpInputs>): void {
  store.setState((s) => ({ ui: { ...s.ui, inputs: { ...s.ui.inputs, ...patch } } }));
}

/** Shows (or clears, with null) the one-line notice under the palette. */
export function notify(store: SimStore, notice: Notice | null): void {
  store.setState((s) => (s.ui.notice === notice ? s : { ui: { ...s.ui, notice } }));
}

export function openDialog(store: SimStore, dialog: UiState['dialog']): void {
  store.setState((s) => (s.ui.dialog === dialog ? s : { ui: { ...s.ui, dialog } }));
}

export function dismissLinkError(store: SimStore): void {
  store.setState((s) => ({ ui: { ...s.ui, linkError: null } }));
}

export function setViewport(store: SimStore, viewport: Viewport): void {
  store.setState((s) =>
    s.ui.viewport.x === viewport.x && s.ui.viewport.k === viewport.k ? s : { ui: { ...s.ui, viewport } },
  );
}

/** Pins the view (the camera stops following the steps) or lets the camera follow again. */
export function setViewPinned(store: SimStore, viewPinned: boolean): void {
  store.setState((s) => (s.ui.viewPinned === viewPinned ? s : { ui: { ...s.ui, viewPinned } }));
}

export function setSpeed(store: SimStore, speed: number): void {
  store.setState((s) => ({ ui: { ...s.ui, speed: Math.max(0.25, Math.min(20, speed)) } }));
}

/** Starts playback (from the start when at the end) or pauses it. */
export function setPlaying(store: SimStore, playing: boolean): void {
  const s = store.getState();
  if (playing && s.doc.cursor >= s.doc.scenario.steps.length) jumpTo(store, 0);
  store.setState((x) => ({ ui: { ...x.ui, playing } }));
}

/** One tick of playback: a step forward, stopping at the end. */
export function tick(store: SimStore): void {
  const s = store.getState();
  if (s.doc.cursor >= s.doc.scenario.steps.length) setPlaying(store, false);
  else stepForward(store);
}

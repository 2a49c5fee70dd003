import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LinkBranch, Scenario } from '../../core/index.ts';
import type { LinkRange, ZoomWindow } from '../share/view.ts';
import { moveTo, newDocument, type SimDocument } from './document.ts';
import { replayFor, type Replay } from './replayCache.ts';

/** A byte range of the file, [start, end), page aligned. */
export interface Selection {
  readonly start: number;
  readonly end: number;
  /** Where a shift-click or drag started: the range grows from here. */
  readonly anchor: number;
}

/** The folio-tree viewport: d3-zoom's transform, horizontal part only. */
export interface Viewport {
  readonly x: number;
  readonly k: number;
}

/** The op palette's extra inputs, shared with the diagram's edges and the keyboard shortcuts. */
export interface OpInputs {
  readonly holder: string;
  readonly write: boolean;
  readonly splitTo: number;
  readonly mergeSize: number;
}

/** A one-line message for the user (a shortcut that could not act, a link that did not load). */
export interface Notice {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export interface UiState {
  readonly selection: Selection | null;
  readonly inputs: OpInputs;
  /** Shown in the header until dismissed: a share link that failed to decode. */
  readonly linkError: string | null;
  /** Shown under the palette: why a shortcut did nothing. */
  readonly notice: Notice | null;
  /** The modal dialog that is open, if any. */
  readonly dialog: 'new-scenario' | 'help' | null;
  /** Playback speed in steps per second. */
  readonly speed: number;
  readonly playing: boolean;
  readonly viewport: Viewport;
  /** The user pinned the view: the camera no longer frames each step. */
  readonly viewPinned: boolean;
  /** The narrated tour being played: active while the document still holds its scenario. */
  readonly tour: TourMark | null;
  /** Presentation mode: chrome hidden, large type, clicker keys. */
  readonly presenting: boolean;
  /** A long link being replayed in slices before it opens (steps done of total). */
  readonly opening: { readonly done: number; readonly total: number } | null;
  /** A link's zoom window, waiting for the folio tree to know its width (it then clears it). */
  readonly zoomTo: ZoomWindow | null;
}

export interface TourMark {
  readonly name: string;
  readonly scenario: Scenario;
}

/**
 * The autosave's standing in this tab. Outside `ui` because opening a scenario resets the ui
 * and must not forget that the stored work belongs to a newer version or another tab.
 * - on: this tab writes its work to storage;
 * - kept: the stored work could not be read here (a newer Folioscope made it): never written;
 * - other-tab: another tab is editing and autosaving; this tab waits until told to take over;
 * - failed: the last write failed (storage full or disabled); retried at the next change.
 */
export interface AutosaveState {
  readonly status: 'on' | 'kept' | 'other-tab' | 'failed';
  /** What to tell the user about it (null when there is nothing to say). */
  readonly message: string | null;
  /** The stored record as read at start (or last written): what "Restore my last work" opens. */
  readonly restorable: string | null;
}

export const AUTOSAVE_ON: AutosaveState = { status: 'on', message: null, restorable: null };

export interface SimState {
  readonly doc: SimDocument;
  /** Undo/redo stacks: documents before/after each command that enters history. */
  readonly past: readonly SimDocument[];
  readonly future: readonly SimDocument[];
  /** Derived, cached: every state of the current line. Only commands write it. */
  readonly replay: Replay;
  readonly ui: UiState;
  readonly autosave: AutosaveState;
}

export type SimStore = StoreApi<SimState>;

export const INITIAL_INPUTS: OpInputs = {
  holder: '',
  write: false,
  splitTo: 4096,
  mergeSize: 2 * 1024 * 1024,
};

export const INITIAL_UI: UiState = {
  selection: null,
  inputs: INITIAL_INPUTS,
  linkError: null,
  notice: null,
  dialog: null,
  speed: 2,
  playing: false,
  viewport: { x: 0, k: 1 },
  viewPinned: false,
  tour: null,
  presenting: false,
  opening: null,
  zoomTo: null,
};

export interface StoreOptions {
  /** Steps applied at start (default: all of them). */
  readonly cursor?: number;
  /** A share link that failed to decode: its message is shown, the given scenario opened instead. */
  readonly linkError?: string;
  /** The scenario is this narrated tour. */
  readonly tour?: string;
  /** The autosave's standing at start (default: on, nothing to restore). */
  readonly autosave?: AutosaveState;
  /** The scenario's replay, computed ahead (in chunks, so the tab never froze). */
  readonly replay?: Replay;
  /** The branches the link or the autosave carried. */
  readonly branches?: readonly LinkBranch[];
  /** The selection and zoom window the link carried. */
  readonly selection?: LinkRange;
  readonly zoomTo?: ZoomWindow;
}

/** One store per simulation instance (the React tree gets it through SimProvider). */
export function createSimStore(scenario: Scenario, options: StoreOptions = {}): SimStore {
  const doc = moveTo(newDocument(scenario, options.branches), options.cursor ?? scenario.steps.length);
  const ui: UiState = {
    ...INITIAL_UI,
    selection:
      options.selection === undefined ? null : { ...options.selection, anchor: options.selection.start },
    zoomTo: options.zoomTo ?? null,
    linkError: options.linkError ?? null,
    tour: options.tour === undefined ? null : { name: options.tour, scenario },
  };
  return createStore<SimState>()(() => ({
    doc,
    past: [],
    future: [],
    replay: replayFor(options.replay ?? null, scenario),
    ui,
    autosave: options.autosave ?? AUTOSAVE_ON,
  }));
}

/** Sets a new document, refreshing the cached replay. */
export function withDoc(s: SimState, doc: SimDocument, ahead?: Replay): Pick<SimState, 'doc' | 'replay'> {
  return { doc, replay: replayFor(ahead ?? s.replay, doc.scenario) };
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../../core/index.ts';
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
}

export interface TourMark {
  readonly name: string;
  readonly scenario: Scenario;
}

export interface SimState {
  readonly doc: SimDocument;
  /** Undo/redo stacks: documents before/after each command that enters history. */
  readonly past: readonly SimDocument[];
  readonly future: readonly SimDocument[];
  /** Derived, cached: every state of the current line. Only commands write it. */
  readonly replay: Replay;
  readonly ui: UiState;
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
};

export interface StoreOptions {
  /** Steps applied at start (default: all of them). */
  readonly cursor?: number;
  /** A share link that failed to decode: its message is shown, the given scenario opened instead. */
  readonly linkError?: string;
  /** The scenario is this narrated tour. */
  readonly tour?: string;
}

/** One store per simulation instance (the React tree gets it through SimProvider). */
export function createSimStore(scenario: Scenario, options: StoreOptions = {}): SimStore {
  const doc = moveTo(newDocument(scenario), options.cursor ?? scenario.steps.length);
  const ui: UiState = {
    ...INITIAL_UI,
    linkError: options.linkError ?? null,
    tour: options.tour === undefined ? null : { name: options.tour, scenario },
  };
  return createStore<SimState>()(() => ({
    doc,
    past: [],
    future: [],
    replay: replayFor(null, scenario),
    ui,
  }));
}

/** Sets a new document, refreshing the cached replay. */
export function withDoc(s: SimState, doc: SimDocument): Pick<SimState, 'doc' | 'replay'> {
  return { doc, replay: replayFor(s.replay, doc.scenario) };
}

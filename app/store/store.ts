import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../../core/index.ts';
import { newDocument, type SimDocument } from './document.ts';
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

export interface UiState {
  readonly selection: Selection | null;
  /** Playback speed in steps per second. */
  readonly speed: number;
  readonly playing: boolean;
  readonly viewport: Viewport;
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

export const INITIAL_UI: UiState = { selection: null, speed: 2, playing: false, viewport: { x: 0, k: 1 } };

/** One store per simulation instance (the React tree gets it through SimProvider). */
export function createSimStore(scenario: Scenario): SimStore {
  const doc = newDocument(scenario);
  return createStore<SimState>()(() => ({ doc, past: [], future: [], replay: replayFor(null, scenario), ui: INITIAL_UI }));
}

/** Sets a new document, refreshing the cached replay. */
export function withDoc(s: SimState, doc: SimDocument): Pick<SimState, 'doc' | 'replay'> {
  return { doc, replay: replayFor(s.replay, doc.scenario) };
}

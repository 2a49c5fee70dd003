/**
 * Selectors. Derived views of a state (observation, page classification, invariants) are
 * memoised per state object for the few states last looked at (recentMemo.ts): states are
 * immutable, so a view is computed once while its state is on screen.
 */
import { checkInvariants, classifyBlocks, classifyPages, observe } from '../../core/index.ts';
import type { GmemState, Observation, Op, Violation } from '../../core/index.ts';
import { recentMemo } from './recentMemo.ts';
import type { SimState } from './store.ts';
import type { StepOutcome } from './replayCache.ts';

export type PageRuns = ReturnType<typeof classifyPages>;
export type BlockRuns = ReturnType<typeof classifyBlocks>;

export const observation: (s: GmemState) => Observation = recentMemo(observe);
export const pageRuns: (s: GmemState) => PageRuns = recentMemo((s) => classifyPages(s, 0, s.config.size));
export const blockRuns: (s: GmemState) => BlockRuns = recentMemo((s) => classifyBlocks(s, 0, s.config.size));
export const violations: (s: GmemState) => Violation[] = recentMemo(checkInvariants);

/** The state at the cursor (undefined only when creation itself was refused). */
export const selectCurrent = (s: SimState): GmemState | undefined => s.replay.states.at(s.doc.cursor);
/** The outcome of the last applied step (the one that led to the current state). */
export const selectLastOutcome = (s: SimState): StepOutcome | undefined => s.replay.results[s.doc.cursor - 1];
/** The op of the step shown (undefined before the first). */
export const selectLastOp = (s: SimState): Op | undefined =>
  s.doc.cursor > 0 ? s.replay.ops[s.doc.cursor - 1] : undefined;
export const selectSteps = (s: SimState) => s.doc.scenario.steps;
export const selectCursor = (s: SimState): number => s.doc.cursor;
export const selectSelection = (s: SimState) => s.ui.selection;
export const selectViewport = (s: SimState) => s.ui.viewport;
export const selectConfig = (s: SimState) => s.doc.scenario.config;
export const selectCanUndo = (s: SimState): boolean => s.past.length > 0;
export const selectCanRedo = (s: SimState): boolean => s.future.length > 0;

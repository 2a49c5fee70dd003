/**
 * Selectors. Derived views of a state (observation, page classification, invariants) are
 * memoised per state object: states are immutable, so each is computed at most once.
 */
import { checkInvariants, classifyBlocks, classifyPages, observe } from '../../core/index.ts';
import type { GmemState, Observation, Violation } from '../../core/index.ts';
import type { SimState } from './store.ts';
import type { StepOutcome } from './replayCache.ts';

export type PageRuns = ReturnType<typeof classifyPages>;
export type BlockRuns = ReturnType<typeof classifyBlocks>;

function memo<T>(f: (s: GmemState) => T): (s: GmemState) => T {
  const cache = new WeakMap<GmemState, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
}

export const observation: (s: GmemState) => Observation = memo(observe);
export const pageRuns: (s: GmemState) => PageRuns = memo((s) => classifyPages(s, 0, s.config.size));
export const blockRuns: (s: GmemState) => BlockRuns = memo((s) => classifyBlocks(s, 0, s.config.size));
export const violations: (s: GmemState) => Violation[] = memo(checkInvariants);

/** The state at the cursor (undefined only when creation itself was refused). */
export const selectCurrent = (s: SimState): GmemState | undefined => s.replay.states.at(s.doc.cursor);
/** The outcome of the last applied step (the one that led to the current state). */
export const selectLastOutcome = (s: SimState): StepOutcome | undefined => s.replay.results[s.doc.cursor - 1];
export const selectSteps = (s: SimState) => s.doc.scenario.steps;
export const selectCursor = (s: SimState): number => s.doc.cursor;
export const selectSelection = (s: SimState) => s.ui.selection;
export const selectViewport = (s: SimState) => s.ui.viewport;
export const selectConfig = (s: SimState) => s.doc.scenario.config;
export const selectCanUndo = (s: SimState): boolean => s.past.length > 0;
export const selectCanRedo = (s: SimState): boolean => s.future.length > 0;

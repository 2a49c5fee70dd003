/**
 * Before a long history's first picture: the views of the step it opens at, and the cuts of
 * the one before (the scale holds both states' boundaries), computed one per task. Each is memoised per state,
 * so the first render finds them ready instead of computing them all in one long task.
 */
import type { GmemState } from '../../../core/index.ts';
import { CHUNKED_FROM, nextTask } from '../../share/chunkedReplay.ts';
import { blockRuns, observation, pageRuns, violations } from '../../store/selectors.ts';
import type { SimStore } from '../../store/store.ts';
import { orphanLanes, refLanes } from '../mappings/refLanes.ts';
import { rowBands } from './bands.ts';
import { stateCuts } from './focus.ts';
import { folioTree } from './treeLayout.ts';

/** What a state's cuts are made of (focus.ts). */
const CUT_VIEWS: readonly ((s: GmemState) => unknown)[] = [observation, pageRuns, blockRuns, stateCuts];

const VIEWS: readonly ((s: GmemState) => unknown)[] = [
  ...CUT_VIEWS,
  (s) => folioTree(observation(s).folios, s.config.size, s.config.pageSize),
  rowBands,
  refLanes,
  orphanLanes,
  violations,
];

export async function warmUp(store: SimStore, yieldTask: () => Promise<void> = nextTask): Promise<void> {
  const { doc, replay } = store.getState();
  if (doc.scenario.steps.length <= CHUNKED_FROM) return;
  // The picture opens settled: of the state before, only the boundaries are drawn (frameBands).
  for (const [i, views] of [
    [doc.cursor - 1, CUT_VIEWS],
    [doc.cursor, VIEWS],
  ] as const) {
    // Replaying up to the state (from its checkpoint) is a slice of its own.
    const s = replay.states.at(i);
    await yieldTask();
    if (s === undefined) continue;
    for (const view of views) {
      view(s);
      await yieldTask();
    }
  }
}

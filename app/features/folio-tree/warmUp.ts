/**
 * Before a long history's first picture: the views of the step it opens at, computed one per
 * task. Each is memoised per state, so the first render finds them ready instead of computing
 * them all in one long task.
 */
import type { GmemState } from '../../../core/index.ts';
import { CHUNKED_FROM, nextTask } from '../../share/chunkedReplay.ts';
import { blockRuns, observation, violations } from '../../store/selectors.ts';
import type { SimStore } from '../../store/store.ts';
import { idsOf, orphanLanes, refsByLane } from '../mappings/refLanes.ts';
import { rowBands } from './bands.ts';
import { stateCuts } from './focus.ts';
import { folioTree } from './treeLayout.ts';

const VIEWS: readonly ((s: GmemState) => unknown)[] = [
  observation,
  // An observation makes its lists when read: the folio runs alone (~30 ms among 10,000 pins)
  // and the mappings, each in a task of its own, not inside the scale's cuts that read them
  // (one task of 61 ms opening the 10,000-pin history, profiled).
  (s) => observation(s).folios,
  (s) => {
    const o = observation(s);
    return [o.hostMappings, o.guestMappings, o.vmas, o.shareability];
  },
  blockRuns,
  rowBands,
  stateCuts,
  (s) => folioTree(observation(s).folios, s.config.size, s.config.pageSize),
  // The references' lanes (refsByLane packs them: refLanes) and ids, drawn by the lanes.
  refsByLane,
  idsOf,
  violations,
  orphanLanes,
];

export async function warmUp(store: SimStore, yieldTask: () => Promise<void> = nextTask): Promise<void> {
  const { doc, replay } = store.getState();
  if (doc.scenario.steps.length <= CHUNKED_FROM) return;
  // Both states of the step are replayed (from their checkpoint: a slice each), the one
  // before first: the frame reads it (the diagram's step edge), and the step's own state is
  // then one apply away. Only the step's state is drawn: a picture that lands on a step
  // holds its state's boundaries alone (Frame.held), so the views of the one before would go
  // unread.
  for (const i of [doc.cursor - 1, doc.cursor]) {
    replay.states.at(i);
    await yieldTask();
  }
  const s = replay.states.at(doc.cursor);
  if (s === undefined) return;
  for (const view of VIEWS) {
    view(s);
    await yieldTask();
  }
}

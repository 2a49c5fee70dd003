/**
 * Explores a race off the main thread (spec/races.md §7: "Run the explorer in a Web Worker").
 * Counts cross as decimal strings (ExploreResult's own format), never as BigInt.
 */
import { explore, raceFrom } from '../../../core/index.ts';
import type { ExploreJob } from './raceStore.ts';
import type { WorkerAnswer } from './workerExplorer.ts';

// A worker's postMessage goes to its own page: there is no target origin to give.
// oxlint-disable-next-line unicorn/require-post-message-target-origin
const post = (a: WorkerAnswer): void => self.postMessage(a);

self.addEventListener('message', (e: MessageEvent<ExploreJob>) => {
  const { scenario, knobs } = e.data;
  try {
    const race = raceFrom({ ...scenario, knobs });
    if (race === null) return post({ type: 'failed', message: 'the race cannot start: creation refused' });
    const result = explore(race, scenario.explore, (states) => post({ type: 'progress', states }));
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});

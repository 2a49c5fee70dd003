import type { ExploreResult } from '../../../core/index.ts';
import type { Explorer } from './raceStore.ts';

/** What the worker posts back. */
export type WorkerAnswer =
  | { readonly type: 'progress'; readonly states: number }
  | { readonly type: 'done'; readonly result: ExploreResult }
  | { readonly type: 'failed'; readonly message: string };

/** One worker per exploration; Cancel terminates it (explore itself has no way to stop). */
export const workerExplorer: Explorer = (job, on) => {
  const worker = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e: MessageEvent<WorkerAnswer>) => {
    const a = e.data;
    if (a.type === 'progress') on.progress(a.states);
    else {
      worker.terminate();
      if (a.type === 'done') on.done(a.result);
      else on.failed(a.message);
    }
  });
  worker.addEventListener('error', (e) => {
    worker.terminate();
    on.failed(e.message || 'the explorer worker failed to start');
  });
  // A dedicated worker has no origin to target.
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  worker.postMessage(job);
  return () => worker.terminate();
};

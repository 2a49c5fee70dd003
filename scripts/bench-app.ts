/**
 * npm run bench (second part): what the app's store pays, in Node, without the DOM.
 * For 1,000- and 10,000-step histories of meaningful ops on 64 GiB of 1G folios: the time to
 * open the history (replay into the store), then 300 seeks to random steps, each computing the
 * views a screen draws (observation, page and block classification, invariants):
 * p50 / p95 / max per seek, and the heap after the 300 seeks (targets: seek p95 <= 50 ms,
 * heap <= 100 MB). The browser adds rendering on top: see e2e/*.perf.spec.ts.
 */
import { create, type GmemState } from '../core/index.ts';
import { LONG_HISTORY_CONFIG } from '../e2e/fixtures/longHistory.ts';
import { meaningfulOps, prng } from '../core/bench/workload.ts';
import { mb, quantile } from '../core/bench/stats.ts';
import { jumpTo } from '../app/store/commands.ts';
import { blockRuns, observation, pageRuns, selectCurrent, violations } from '../app/store/selectors.ts';
import { createSimStore } from '../app/store/store.ts';

const f = (ms: number): string => ms.toFixed(1);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const config = LONG_HISTORY_CONFIG;

function history(steps: number): void {
  const s0 = create(config).state as GmemState;
  const ops = meaningfulOps(s0, steps, steps).ops;
  gc();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const store = createSimStore({ config, steps: ops });
  const opened = performance.now() - t;
  const r = prng(9);
  const seeks: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    jumpTo(store, Math.floor(r() * (steps + 1)));
    const st = selectCurrent(store.getState());
    if (st !== undefined) [observation, pageRuns, blockRuns, violations].forEach((view) => view(st));
    seeks.push(performance.now() - t0);
  }
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  console.log(
    `5. app store, ${steps.toLocaleString('en')}-step history on 64 GiB: opened in ${opened.toFixed(0)} ms; 300 random seeks with the views a screen draws: p50 ${f(quantile(seeks, 0.5))} ms, p95 ${f(quantile(seeks, 0.95))} ms, max ${f(Math.max(...seeks))} ms (target p95 <= 50 ms); heap after them ${mb(heap)} (target <= 100 MB)`,
  );
  if (store.getState().doc.scenario.steps.length !== steps) console.log('unexpected: steps lost');
}

history(1_000);
history(10_000);

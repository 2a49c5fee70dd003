/**
 * npm run bench: prints figures for the record (never asserted in tests).
 *  1. replay of 10,000 random ops on a 64 GiB file of 1G folios (target <= 100 ms);
 *  2. a 1 TiB file of 1G folios with one 4K page shared in every GiB: time and heap
 *     (target <= 50 MB);
 *  3. the naive per-4K-page reference model on the same small workload, as a ratio.
 */
import {
  apply,
  create,
  DEFAULT_POLICY,
  encodeScenario,
  observe,
  SIZE_1G,
  type GmemConfig,
  type GmemState,
  type Op,
} from '../index.ts';
import { benchNaive } from '../reference/naive.ts';
import { randomOps } from './workload.ts';

const now = (): number => performance.now();
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const config = (size: number, pageSize: number): GmemConfig => ({
  vmType: 'sw_protected',
  size,
  pageSize,
  mmap: true,
  initShared: false,
  policy: DEFAULT_POLICY,
});

function replayOps(s0: GmemState, ops: readonly Op[]): { state: GmemState; refused: number } {
  let s = s0;
  let refused = 0;
  for (const op of ops) {
    const r = apply(s, op);
    if (r.refusal !== undefined) refused++;
    s = r.state;
  }
  return { state: s, refused };
}

function best(times: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < times; i++) {
    const t = now();
    f();
    min = Math.min(min, now() - t);
  }
  return min;
}

function randomReplay(): void {
  const s0 = create(config(64 * SIZE_1G, SIZE_1G)).state as GmemState;
  const ops = randomOps(10_000, 64 * SIZE_1G, SIZE_1G);
  const { state, refused } = replayOps(s0, ops);
  const ms = best(5, () => replayOps(s0, ops));
  console.log(
    `1. 10,000 random ops, 64 GiB of 1G folios: ${ms.toFixed(1)} ms (best of 5; target <= 100 ms); ${refused} refused; final state ${observe(state).folios.length} folio runs`,
  );
}

function terabyte(): void {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t = now();
  const size = 1024 * SIZE_1G;
  let s = create(config(size, SIZE_1G)).state as GmemState;
  for (let g = 0; g < 1024; g++)
    s = apply(s, { op: 'convert', offset: g * SIZE_1G, length: 4096, to: 'shared' }).state;
  s = apply(s, { op: 'allocate', offset: 0, length: size }).state;
  const built = now() - t;
  const t2 = now();
  s = apply(s, { op: 'hostMap', offset: 0, length: size }).state;
  for (let g = 0; g < 1024; g++) s = apply(s, { op: 'hostAccess', offset: g * SIZE_1G, write: true }).state;
  const stepped = now() - t2;
  const obs = observe(s);
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  console.log(
    `2. 1 TiB of 1G folios, one shared 4K page per GiB: built in ${built.toFixed(0)} ms, 1,025 more steps in ${stepped.toFixed(0)} ms; ${obs.folios.length} folio runs; heap ${mb(heap)} (target <= 50 MB)${(globalThis as { gc?: unknown }).gc === undefined ? ' (no --expose-gc: heap figure is rough)' : ''}`,
  );
  // Keep s alive until the heap was measured.
  if (s.folios.length === 0) console.log('unexpected: no folios');
}

async function naiveRatio(): Promise<void> {
  const size = 64 * 1024 * 1024;
  const ops = randomOps(2_000, size, 2 * 1024 * 1024, 7);
  const cfg = config(size, 2 * 1024 * 1024);
  const s0 = create(cfg).state as GmemState;
  const fast = best(3, () => replayOps(s0, ops));
  const slow = best(3, () => benchNaive(cfg, ops));
  const rate = (ms: number): string => `${Math.round((ops.length / ms) * 1000).toLocaleString('en')} ops/s`;
  console.log(
    `3. same workload (2,000 ops, 64 MiB of 2M folios): core ${rate(fast)}, naive per-4K model ${rate(slow)}, ratio ${(slow / fast).toFixed(1)}x`,
  );
}

function linkLengths(): void {
  const lengths = [50, 200].map((n) => {
    const steps = randomOps(n, 2 * SIZE_1G, SIZE_1G, 3);
    return `${n} steps: ${encodeScenario({ config: config(2 * SIZE_1G, SIZE_1G), steps }).length} characters`;
  });
  console.log(
    `4. share-link length (random ops, no notes; target <= 400 for 50 steps): ${lengths.join(', ')}`,
  );
}

randomReplay();
terabyte();
await naiveRatio();
linkLengths();

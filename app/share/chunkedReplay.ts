/**
 * Replaying a long scenario without freezing the tab: the core's steps run in slices of a
 * few milliseconds, the page gets a task between slices (to paint the progress and hear
 * Cancel), and a cancelled replay returns null. Every link answers at once this way, however
 * long its history.
 */
import type { Scenario } from '../../core/index.ts';
import { replaySteps, type Replay } from '../store/replayCache.ts';

export interface ChunkOptions {
  /** Longest slice of work between two yields, in ms. */
  readonly sliceMs?: number;
  readonly now?: () => number;
  /** Gives the page a task (a timer by default). */
  readonly yieldTask?: () => Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
  readonly cancelled?: () => boolean;
}

/** Scenarios with more steps than this are opened in slices, with progress and Cancel. */
export const CHUNKED_FROM = 400;

/** The one channel that gives tasks, and who waits for one, in order (see nextTask). */
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/**
 * Gives the page a task: input and painting come between two slices of work. A message on a
 * channel, not a zero-delay timer: nested timers are clamped to 4 ms or more, and a long
 * history's opening yields some sixty times (its replay slices, then the warm-up's views).
 * One channel serves every call, each message waking the oldest waiter: opening and closing
 * a channel per call (two entangled ports) was a third of the page's own JS while a step
 * animated, where the panels follow the animation in slices (CPU profile: ~10 ms a step).
 */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    if (channel === undefined) {
      channel = new MessageChannel();
      channel.port1.addEventListener('message', () => waiting.shift()?.());
      // A port listened to with addEventListener delivers only once started.
      channel.port1.start();
      // In Node (the tests), a listened port would keep the process alive once done.
      (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

/** The replay of `scenario` in slices; null when cancelled. */
export async function replayInChunks(scenario: Scenario, o: ChunkOptions = {}): Promise<Replay | null> {
  const now = o.now ?? (() => performance.now());
  // Slices well under 50 ms: a garbage collection may land in one. A yield costs ~0.1 ms.
  const slice = o.sliceMs ?? 20;
  const total = scenario.steps.length;
  const yieldTask = o.yieldTask ?? nextTask;
  // The progress shows at once, and the first slice is a task of its own, not the end of the
  // task that brought the scenario (a worker's message, a click, a file read).
  o.onProgress?.(0, total);
  await yieldTask();
  if (o.cancelled?.() === true) return null;
  const g = replaySteps(scenario);
  let start = now();
  for (;;) {
    const r = g.next();
    if (r.done === true) return r.value;
    if (now() - start < slice) continue;
    o.onProgress?.(r.value, total);
    await yieldTask();
    if (o.cancelled?.() === true) return null;
    start = now();
  }
}

import { describe, expect, it } from 'vitest';
import { encodeScenario, type Op } from '../../core/index.ts';
import { replayFor } from '../store/replayCache.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { autosaveText } from './boot.ts';
import { CHUNKED_FROM, nextTask, replayInChunks } from './chunkedReplay.ts';
import { openAtStart, type Progress } from './openAtStart.ts';

const toggles: Op[] = Array.from({ length: CHUNKED_FROM + 200 }, (_, i) => ({
  op: 'convert',
  offset: (i % 64) * 4096,
  length: 4096,
  to: i % 2 === 0 ? 'shared' : 'private',
}));
const long = testScenario(toggles, { size: '2M', pageSize: '4K' });
/** A clock that advances 1 ms per reading: a slice of 20 ms is ~10 steps. */
const ticking = () => {
  let t = 0;
  return () => (t += 1);
};

/** Slices of ~10 steps, and a task between them that costs nothing. */
const fast = () => ({ now: ticking(), yieldTask: async () => undefined });

describe('nextTask', () => {
  it('gives each caller a task of its own, in the order they asked', async () => {
    const log: string[] = [];
    const a = nextTask().then(() => {
      log.push('a');
      // Runs before the next caller's task: the two did not share one.
      queueMicrotask(() => log.push('after a'));
    });
    const b = nextTask().then(() => log.push('b'));
    const c = nextTask().then(() => log.push('c'));
    await Promise.all([a, b, c]);
    expect(log).toEqual(['a', 'after a', 'b', 'c']);
    // The channel serves later callers too.
    await nextTask();
  });
});

describe('replaying a long scenario in slices', () => {
  it('yields between slices, reports progress in order, and ends with the same replay', async () => {
    const seen: number[] = [];
    let tasks = 0;
    let firstTask: number[] | undefined;
    const r = await replayInChunks(long, {
      now: ticking(),
      yieldTask: async () => {
        firstTask ??= [...seen];
        tasks++;
      },
      onProgress: (done, total) => {
        expect(total).toBe(long.steps.length);
        seen.push(done);
      },
    });
    // The progress shows at once (0 done), and the page gets a task before the first slice.
    expect(firstTask).toEqual([0]);
    expect(tasks).toBeGreaterThan(10);
    expect(seen).toEqual(seen.toSorted((a, b) => a - b));
    const whole = replayFor(null, long);
    expect(r?.results).toEqual(whole.results);
    expect(r?.states.at(long.steps.length)).toEqual(whole.states.at(long.steps.length));
  });

  it('stops when cancelled', async () => {
    let tasks = 0;
    const r = await replayInChunks(long, {
      now: ticking(),
      yieldTask: async () => void tasks++,
      cancelled: () => tasks >= 3,
    });
    expect(r).toBeNull();
    expect(tasks).toBe(3);
  });
});

describe('opening at start', () => {
  const work = testScenario([ALLOC_0, SHARE_0]);
  const saved = autosaveText(encodeScenario(work), 1);

  it('a long link shows progress; cancelling it opens the autosave, unchanged', async () => {
    const shown: Progress[] = [];
    const store = await openAtStart(
      `#s=${encodeScenario(long)}`,
      saved,
      (p) => {
        shown.push(p);
        p.cancel();
      },
      fast(),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(store.getState().doc.scenario.steps).toEqual(work.steps);
    expect(store.getState().ui.linkError).toBe(
      'Opening this link was cancelled. Your autosaved work is shown instead (it was not changed).',
    );
    expect(store.getState().autosave.status).toBe('on');
  });

  it('cancelling a long autosave opens the default and never writes over the autosave', async () => {
    const longSaved = autosaveText(encodeScenario(long), 3);
    const store = await openAtStart('', longSaved, (p) => p.cancel(), fast());
    expect(store.getState().ui.linkError).toBe(
      'Opening your autosaved work was cancelled. The default scenario is shown instead; your autosaved work was not changed.',
    );
    expect(store.getState().autosave).toMatchObject({ status: 'kept', restorable: longSaved });
  });

  it('a long link opens whole when not cancelled', async () => {
    const store = await openAtStart(`#s=${encodeScenario(long)}&step=5`, saved, () => undefined);
    expect(store.getState().doc.scenario.steps).toHaveLength(long.steps.length);
    expect(store.getState().doc.cursor).toBe(5);
    expect(store.getState().ui.linkError).toBeNull();
  });
});

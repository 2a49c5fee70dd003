import { describe, expect, it } from 'vitest';
import type { Op } from '../../core/index.ts';
import { createSimStore } from '../store/store.ts';
import { ALLOC_0, testScenario } from '../store/testScenario.ts';
import { CHUNKED_FROM } from './chunkedReplay.ts';
import { cancelOpening, openInTab } from './openInTab.ts';

const long = testScenario(
  Array.from({ length: CHUNKED_FROM + 100 }, (_, i): Op => ({
    op: 'convert',
    offset: (i % 64) * 4096,
    length: 4096,
    to: i % 2 === 0 ? 'shared' : 'private',
  })),
  { size: '2M', pageSize: '4K' },
);
/** 1 ms per clock reading, and a task between slices that costs nothing. */
const fast = () => {
  let t = 0;
  return { now: () => (t += 1), yieldTask: async () => undefined };
};

describe('a long link pasted into an open tab', () => {
  it('shows its progress in the store, then opens with the replay computed in slices', async () => {
    const store = createSimStore(testScenario([ALLOC_0]));
    const seen: number[] = [];
    store.subscribe((s) => void (s.ui.opening !== null && seen.push(s.ui.opening.done)));
    await openInTab(store, { scenario: long, cursor: 7 }, fast());
    expect(seen.length).toBeGreaterThan(5);
    expect(store.getState().ui.opening).toBeNull();
    expect(store.getState().doc.scenario).toBe(long);
    expect(store.getState().doc.cursor).toBe(7);
    expect(store.getState().past).toHaveLength(1);
  });

  it('Cancel keeps what was open and says so', async () => {
    const store = createSimStore(testScenario([ALLOC_0]));
    const before = store.getState().doc;
    store.subscribe((s) => {
      if (s.ui.opening !== null && s.ui.opening.done > 50) cancelOpening(store);
    });
    await openInTab(store, { scenario: long }, fast());
    expect(store.getState().doc).toBe(before);
    expect(store.getState().ui.opening).toBeNull();
    expect(store.getState().ui.linkError).toBe('Opening the link was cancelled. What was open is kept.');
  });
});

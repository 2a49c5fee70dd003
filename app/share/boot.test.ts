import { describe, expect, it } from 'vitest';
import { encodeScenario, TOURS } from '../../core/index.ts';
import { initialScenario } from '../initialScenario.ts';
import { act, jumpTo } from '../store/commands.ts';
import { createSimStore } from '../store/store.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { AUTOSAVE_KEY, autosaveText, readAutosave, resolveOpening } from './boot.ts';
import { longHistoryLink } from '../../e2e/fixtures/longHistory.ts';
import { decode } from './boot.ts';
import { loadTours } from './tourLoader.ts';
import { fragmentOf, LONG_ADDRESS, startUrlSync } from './urlSync.ts';

const work = testScenario([ALLOC_0, SHARE_0]);
const saved = autosaveText(encodeScenario(work), 1);

/** A window double for the address: its writes, timers by hand, page events, storage in `storage`. */
function moveWindow(storage = new Map<string, string>()) {
  const listeners = new Map<string, (e: Event) => void>();
  const timers: (() => void)[] = [];
  const calls: string[] = [];
  const w = {
    location: { hash: '' },
    history: {
      replaceState: (_d: unknown, _u: string, url: string) => {
        calls.push(url);
        w.location.hash = url;
      },
    },
    localStorage: { setItem: (k: string, v: string) => void storage.set(k, v) },
    setTimeout: (f: () => void) => timers.push(f),
    addEventListener: (type: string, f: (e: Event) => void) => void listeners.set(type, f),
  };
  const run = () => timers.splice(0).forEach((f) => f());
  return { w, listeners, timers, calls, run };
}

describe('opening the app', () => {
  it('opens the fragment, else the autosave, else the default', () => {
    expect(resolveOpening(`#s=${encodeScenario(work)}&step=1`, null, initialScenario)).toMatchObject({
      scenario: { steps: work.steps },
      cursor: 1,
    });
    expect(resolveOpening('', saved, initialScenario)).toMatchObject({
      scenario: { steps: work.steps },
      cursor: 1,
    });
    expect(resolveOpening('', null, initialScenario).scenario).toEqual(initialScenario());
    expect(resolveOpening('', '{not json', initialScenario).scenario).toEqual(initialScenario());
    expect(readAutosave(JSON.stringify({ link: '1.AAAA', step: 2 }))).toBeNull();
  });

  it('opens a tour by name at a step, once the tours are loaded', async () => {
    await loadTours();
    const t = TOURS[2];
    const o = resolveOpening(`#tour=${t?.name ?? ''}&step=2`, saved, initialScenario);
    expect(o.tour).toBe(t?.name);
    expect(o.cursor).toBe(2);
    expect(o.error).toBeUndefined();
    // Without a step a tour opens at its introduction; a share link at the state it was left in.
    expect(resolveOpening(`#tour=${t?.name ?? ''}`, saved, initialScenario).cursor).toBe(0);
    expect(resolveOpening('#tour=nope', null, initialScenario).error).toMatch(
      /^This tour link could not be opened: there is no tour named “\u2068nope\u2069”\. The default/,
    );
  });

  it('a step that is not a step number, or past the end, is said, not ignored silently', () => {
    const link = encodeScenario(work);
    for (const bad of ['abc', '-1', '1e400', ''])
      expect(resolveOpening(`#s=${link}&step=${bad}`, null, initialScenario)).toMatchObject({
        scenario: work,
        viewProblem: expect.stringMatching(
          /^Part of this link was not used: the step “.*” is not a step number \(0 to 2\)/,
        ),
      });
    const past = resolveOpening(`#s=${link}&step=9`, null, initialScenario);
    expect(past.cursor).toBe(2);
    expect(past.viewProblem).toMatch(/step 9 is past the last step, 2: it opened there/);
    expect(resolveOpening(`#s=${link}&step=1`, null, initialScenario).viewProblem).toBeUndefined();
  });

  it('a bad link keeps the autosaved work and says what was wrong', () => {
    for (const bad of [
      '#s=',
      '#s=9.AAAA',
      '#s=1.%%%',
      `#s=${encodeScenario(work).slice(0, -3)}`,
      '#s=1.<script>',
    ]) {
      const o = resolveOpening(bad, saved, initialScenario);
      expect(o.scenario.steps).toEqual(work.steps);
      expect(o.cursor).toBe(1);
      expect(o.error).toMatch(
        /^This link could not be opened: .+\. Your autosaved work is shown instead \(it was not changed\)\.$/,
      );
    }
  });
});

describe('URL and autosave sync', () => {
  it('writes the fragment and the autosave after a change, without history entries', () => {
    const store = createSimStore(testScenario());
    const storage = new Map<string, string>();
    const { w, calls, timers } = moveWindow(storage);
    startUrlSync(store, w);
    act(store, ALLOC_0);
    expect(calls).toEqual([fragmentOf(store.getState())]);
    act(store, SHARE_0);
    // The address follows each change at once (a reload right after keeps it); storage waits.
    expect(calls).toEqual([calls[0], fragmentOf(store.getState())]);
    expect(calls[1]).toMatch(/^#s=1\.[\w-]+&step=2$/);
    expect(storage.has(AUTOSAVE_KEY)).toBe(false);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(calls).toHaveLength(2);
    expect(readAutosave(storage.get(AUTOSAVE_KEY) ?? null)?.scenario.steps).toEqual([ALLOC_0, SHARE_0]);
  });

  it('writes a move of the cursor at once, the moves right after it once they rest, and all when the page is left', () => {
    const store = createSimStore(work);
    const { w, listeners, run } = moveWindow();
    startUrlSync(store, w);
    jumpTo(store, 0);
    expect(w.location.hash).toMatch(/&step=0$/);
    jumpTo(store, 1);
    jumpTo(store, 2);
    expect(w.location.hash).toMatch(/&step=0$/);
    // The moves went on during this tick: still not written; the next tick sees them rest.
    run();
    expect(w.location.hash).toMatch(/&step=0$/);
    run();
    expect(w.location.hash).toBe(fragmentOf(store.getState()));
    expect(w.location.hash).toMatch(/&step=2$/);
    jumpTo(store, 1);
    listeners.get('pagehide')?.(new Event('pagehide'));
    expect(w.location.hash).toMatch(/&step=1$/);
    run();
    run();
    jumpTo(store, 0);
    expect(w.location.hash).toMatch(/&step=0$/);
  });

  it('writes a long address only once the moves rest, even the first move after a rest', () => {
    const long = decode(longHistoryLink(2_500));
    if (!long.ok) throw new Error(long.error);
    const store = createSimStore(long.scenario);
    expect(fragmentOf(store.getState()).length).toBeGreaterThanOrEqual(LONG_ADDRESS);
    const { w, listeners, timers, calls, run } = moveWindow();
    startUrlSync(store, w);
    jumpTo(store, 10);
    // The seek paints first: nothing written yet, a tick is due.
    expect(calls).toEqual([]);
    expect(timers).toHaveLength(1);
    run();
    expect(calls).toEqual([fragmentOf(store.getState())]);
    expect(w.location.hash).toMatch(/&step=10$/);
    // Rested: the next move waits for its tick too, and leaving the page writes it at once.
    run();
    jumpTo(store, 20);
    expect(calls).toHaveLength(1);
    listeners.get('pagehide')?.(new Event('pagehide'));
    expect(w.location.hash).toMatch(/&step=20$/);
    // Moves that never rest (two in every tick): one write per 64 ticks (a short address: per 16).
    run();
    run();
    calls.length = 0;
    for (let i = 1; i <= 128; i++) {
      jumpTo(store, 100 + i);
      jumpTo(store, 300 + i);
      run();
    }
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/&step=364$/);
    expect(calls[1]).toMatch(/&step=428$/);
  });

  it('writes moves that never rest every BURST_TICKS ticks, and the autosave once they rest', () => {
    const store = createSimStore(work);
    const timers: (() => void)[] = [];
    const calls: string[] = [];
    const saves: string[] = [];
    const w = {
      location: { hash: '' },
      history: { replaceState: (_d: unknown, _u: string, url: string) => void calls.push(url) },
      localStorage: { setItem: (_k: string, v: string) => void saves.push(v) },
      setTimeout: (f: () => void) => timers.push(f),
    };
    startUrlSync(store, w);
    jumpTo(store, 0);
    expect(calls).toHaveLength(1);
    // A move in every tick (playback, seeks in a row): one write per 16 ticks, none between.
    for (let i = 1; i <= 32; i++) {
      jumpTo(store, i % 3);
      timers.splice(0).forEach((f) => f());
    }
    expect(calls).toHaveLength(3);
    expect(calls[2]).toBe(fragmentOf(store.getState()));
    // Only the cursor moved: the ~180 KB autosave is not rewritten while the moves go on...
    expect(saves).toHaveLength(0);
    // ...but once they rest, with the step they rested on.
    timers.splice(0).forEach((f) => f());
    timers.splice(0).forEach((f) => f());
    expect(saves).toHaveLength(1);
    expect(readAutosave(saves[0] ?? null)?.cursor).toBe(store.getState().doc.cursor);
  });

  it('saves a change of the work during a burst of moves on its own schedule, and the moves when the page is left', () => {
    const store = createSimStore(work);
    const timers: (() => void)[] = [];
    const saves: string[] = [];
    const listeners = new Map<string, (e: Event) => void>();
    const w = {
      location: { hash: '' },
      history: { replaceState: () => undefined },
      localStorage: { setItem: (_k: string, v: string) => void saves.push(v) },
      setTimeout: (f: () => void) => timers.push(f),
      addEventListener: (type: string, f: (e: Event) => void) => void listeners.set(type, f),
    };
    startUrlSync(store, w);
    jumpTo(store, 0);
    for (let i = 1; i <= 4; i++) {
      jumpTo(store, i % 2);
      timers.splice(0).forEach((f) => f());
    }
    act(store, SHARE_0);
    timers.splice(0).forEach((f) => f());
    expect(readAutosave(saves.at(-1) ?? null)?.scenario.steps.at(-1)).toEqual(SHARE_0);
    jumpTo(store, 1);
    jumpTo(store, 0);
    listeners.get('pagehide')?.(new Event('pagehide'));
    expect(readAutosave(saves.at(-1) ?? null)?.cursor).toBe(0);
  });

  it('names a tour while it is played unchanged', () => {
    const store = createSimStore(testScenario([ALLOC_0]), { tour: 'share-4k-in-2m', cursor: 0 });
    expect(fragmentOf(store.getState())).toBe('#tour=share-4k-in-2m&step=0');
    act(store, SHARE_0);
    expect(fragmentOf(store.getState())).toMatch(/^#s=/);
  });
});

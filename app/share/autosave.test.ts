import { describe, expect, it } from 'vitest';
import { encodeScenario } from '../../core/index.ts';
import { initialScenario } from '../initialScenario.ts';
import { act } from '../store/commands.ts';
import { createSimStore, type SimStore } from '../store/store.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { AUTOSAVE_KEY, autosaveText, readAutosaveRecord, resolveOpening } from './boot.ts';
import { readHash } from './hash.ts';
import { canRestore, restoreAutosave } from './restore.ts';
import { startUrlSync, takeOverAutosave, type UrlTarget } from './urlSync.ts';

const work = testScenario([ALLOC_0, SHARE_0]);
const saved = autosaveText(encodeScenario(work), 1);

/** A window double: storage, timers and page events by hand; `peers` get its storage events. */
function fakeWindow(
  setItem?: (k: string, v: string) => void,
  peers: { fire: (t: string, e?: unknown) => void }[] = [],
) {
  const storage = new Map<string, string>();
  const timers: (() => void)[] = [];
  const listeners = new Map<string, ((e: Event) => void)[]>();
  const write = setItem ?? ((k: string, v: string) => void storage.set(k, v));
  const w: UrlTarget & { fire: (t: string, e?: unknown) => void; runTimers: () => void } = {
    location: { hash: '' },
    history: { replaceState: (_d, _u, url) => void (w.location.hash = url) },
    localStorage: {
      setItem: (k, v) => {
        write(k, v);
        // Like a browser: every other tab of the site gets a storage event.
        for (const p of peers) p.fire('storage', { key: k });
      },
    },
    setTimeout: (f) => timers.push(f),
    addEventListener: (t, f) => listeners.set(t, [...(listeners.get(t) ?? []), f]),
    document: { visibilityState: 'visible' },
    fire: (t, e) => listeners.get(t)?.forEach((f) => f(e as Event)),
    runTimers: () => timers.splice(0).forEach((f) => f()),
  };
  return { w, storage };
}

const storeFrom = (hash: string, savedText: string | null): SimStore => {
  const o = resolveOpening(hash, savedText, initialScenario);
  return createSimStore(o.scenario, {
    ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
    ...(o.error === undefined ? {} : { linkError: o.error }),
    ...(o.autosave === undefined ? {} : { autosave: o.autosave }),
  });
};

describe('the autosave is sacred', () => {
  it('a record from a newer Folioscope is kept and never written over, with a message', () => {
    const newer = JSON.stringify({ v: 2, link: '2.AAAA', step: 0, more: 'future' });
    expect(readAutosaveRecord(newer)).toEqual({
      kind: 'unreadable',
      why: 'it was made by a newer Folioscope (autosave format 2)',
    });
    const store = storeFrom('', newer);
    expect(store.getState().autosave).toMatchObject({
      status: 'kept',
      message: expect.stringMatching(/newer Folioscope.*kept unchanged/),
    });
    const { w, storage } = fakeWindow();
    storage.set(AUTOSAVE_KEY, newer);
    startUrlSync(store, w);
    act(store, ALLOC_0);
    w.runTimers();
    w.fire('pagehide');
    expect(storage.get(AUTOSAVE_KEY)).toBe(newer);
    expect(w.location.hash).toMatch(/^#s=1\./);
  });

  it('a record whose link was made by a newer codec is kept too', () => {
    const r = readAutosaveRecord(JSON.stringify({ link: '5.AAAA', step: 0 }));
    expect(r).toMatchObject({
      kind: 'unreadable',
      why: expect.stringMatching(/newer Folioscope \(link format 5/),
    });
  });

  it("overwriting a kept record takes the user's explicit choice", () => {
    const store = storeFrom('', '{damaged');
    const { w, storage } = fakeWindow();
    storage.set(AUTOSAVE_KEY, '{damaged');
    startUrlSync(store, w);
    act(store, ALLOC_0);
    w.runTimers();
    expect(storage.get(AUTOSAVE_KEY)).toBe('{damaged');
    takeOverAutosave(store);
    expect(readAutosaveRecord(storage.get(AUTOSAVE_KEY) ?? null)).toMatchObject({ kind: 'ok' });
    expect(store.getState().autosave.status).toBe('on');
  });

  it('a pending save is flushed at once on pagehide and when the tab is hidden', () => {
    const store = createSimStore(testScenario());
    const { w, storage } = fakeWindow();
    startUrlSync(store, w);
    act(store, ALLOC_0);
    expect(storage.has(AUTOSAVE_KEY)).toBe(false);
    w.fire('pagehide');
    expect(readAutosaveRecord(storage.get(AUTOSAVE_KEY) ?? null)).toMatchObject({ kind: 'ok' });
    act(store, SHARE_0);
    (w.document as { visibilityState: string }).visibilityState = 'hidden';
    w.fire('visibilitychange');
    const r = readAutosaveRecord(storage.get(AUTOSAVE_KEY) ?? null);
    expect(r.kind === 'ok' && r.opening.scenario.steps).toEqual([ALLOC_0, SHARE_0]);
  });

  it('a full storage is reported, and the next successful save clears the report', () => {
    const store = createSimStore(testScenario());
    let full = true;
    const storage = new Map<string, string>();
    const { w } = fakeWindow((k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      storage.set(k, v);
    });
    startUrlSync(store, w);
    act(store, ALLOC_0);
    w.runTimers();
    expect(store.getState().autosave).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(
        /^Your work could not be autosaved: the browser's storage for this site is full\./,
      ),
    });
    full = false;
    act(store, SHARE_0);
    w.runTimers();
    expect(store.getState().autosave).toMatchObject({ status: 'on', message: null });
    expect(storage.has(AUTOSAVE_KEY)).toBe(true);
  });

  it('a second tab is told another tab is editing, stops writing, and may take over', () => {
    const a = createSimStore(testScenario());
    const b = createSimStore(testScenario());
    const storage = new Map<string, string>();
    const peersOfA: { fire: (t: string, e?: unknown) => void }[] = [];
    const peersOfB: { fire: (t: string, e?: unknown) => void }[] = [];
    const wa = fakeWindow((k, v) => void storage.set(k, v), peersOfA).w;
    const wb = fakeWindow((k, v) => void storage.set(k, v), peersOfB).w;
    peersOfA.push(wb);
    peersOfB.push(wa);
    startUrlSync(a, wa);
    startUrlSync(b, wb);
    act(a, ALLOC_0);
    wa.runTimers();
    expect(b.getState().autosave.status).toBe('other-tab');
    expect(b.getState().autosave.message).toMatch(/^Another tab is editing/);
    const fromA = storage.get(AUTOSAVE_KEY);
    act(b, SHARE_0);
    wb.runTimers();
    expect(storage.get(AUTOSAVE_KEY)).toBe(fromA);
    takeOverAutosave(b);
    const r = readAutosaveRecord(storage.get(AUTOSAVE_KEY) ?? null);
    expect(r.kind === 'ok' && r.opening.scenario.steps).toEqual([SHARE_0]);
    expect(a.getState().autosave.status).toBe('other-tab');
    expect(b.getState().autosave.status).toBe('on');
  });

  it('after a failed link, "Restore my last work" is offered only when the autosave is not what is shown', () => {
    const failed = storeFrom('#s=1.AAAA', saved);
    expect(failed.getState().ui.linkError).toMatch(/Your autosaved work is shown instead/);
    expect(canRestore(failed.getState())).toBe(false);
    act(failed, SHARE_0);
    expect(canRestore(failed.getState())).toBe(true);
    expect(restoreAutosave(failed)).toBe(true);
    expect(failed.getState().doc.scenario.steps).toEqual(work.steps);
    expect(failed.getState().doc.cursor).toBe(1);
    expect(failed.getState().ui.linkError).toBeNull();
  });

  it('a percent-encoded link is not the link Folioscope wrote', () => {
    const link = encodeScenario(work);
    const encoded = `#s=${link.replace('.', '%2E')}&step=1`;
    expect(readHash(encoded)).toMatchObject({ kind: 's', value: link, encoded: true });
    expect(resolveOpening(encoded, saved, initialScenario).error).toMatch(
      /^This link could not be opened: the link is percent-encoded/,
    );
    expect(resolveOpening(`#s=${link}&step=1`, null, initialScenario).error).toBeUndefined();
  });
});

describe('the app never holds work it could not save', () => {
  it('a step past a limit is refused with a message naming the limit', () => {
    const store = createSimStore(testScenario([], { size: '32G', pageSize: '2M' }));
    const sweep = { op: 'convert', offset: 0, length: 32 * 2 ** 30, to: 'shared' } as const;
    for (let i = 0; i < 30; i++) act(store, sweep);
    expect(store.getState().doc.scenario.steps).toHaveLength(30);
    expect(act(store, sweep)).toBeUndefined();
    expect(store.getState().doc.scenario.steps).toHaveLength(30);
    expect(store.getState().ui.notice?.text).toMatch(
      /^Not done: this step would pass a limit \(steps\[30\]: .*limit blockVisits/,
    );
  });
});

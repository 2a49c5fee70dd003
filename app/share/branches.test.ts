import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../core/index.ts';
import { initialScenario } from '../initialScenario.ts';
import { act, jumpTo, switchTo } from '../store/commands.ts';
import { createSimStore } from '../store/store.ts';
import { ALLOC_0, PRIVATE_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { AUTOSAVE_KEY, resolveOpening } from './boot.ts';
import { fragmentFor } from './link.ts';
import { canRestore } from './restore.ts';
import { startUrlSync, type UrlTarget } from './urlSync.ts';

/** A window double: the address and storage by hand, timers run on demand. */
function fakeWindow() {
  const storage = new Map<string, string>();
  const timers: (() => void)[] = [];
  const w: UrlTarget = {
    location: { hash: '' },
    history: { replaceState: (_d, _u, url) => void (w.location.hash = url) },
    localStorage: { setItem: (k, v) => void storage.set(k, v) },
    setTimeout: (f) => timers.push(f),
  };
  return { w, storage, runTimers: () => timers.splice(0).forEach((f) => f()) };
}

/** A store whose work has a branch: ALLOC, SHARE; back to 1, then PRIVATE replaces SHARE. */
function branched() {
  const store = createSimStore(testScenario([ALLOC_0, SHARE_0]));
  const win = fakeWindow();
  startUrlSync(store, win.w);
  jumpTo(store, 1);
  act(store, PRIVATE_0);
  win.runTimers();
  return { store, ...win };
}

describe('branches survive a reload and travel in links (codec v3)', () => {
  it('the address and the autosave carry the branches', () => {
    const { store, w, storage } = branched();
    expect(store.getState().doc.branches).toHaveLength(1);
    expect(w.location.hash).toMatch(/^#s=3\.[\w-]+&step=2$/);
    const saved = storage.get(AUTOSAVE_KEY) ?? '';
    const link = (JSON.parse(saved) as { link: string }).link;
    const r = decodeScenario(link);
    expect(r.ok && r.branches).toEqual([{ steps: [ALLOC_0, SHARE_0], forkAt: 1 }]);
  });

  it('a reload without a fragment reopens the work with its branches, switchable as before', () => {
    const { store, storage } = branched();
    const o = resolveOpening('', storage.get(AUTOSAVE_KEY) ?? null, initialScenario);
    const again = createSimStore(o.scenario, {
      ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
      ...(o.branches === undefined ? {} : { branches: o.branches }),
    });
    expect(again.getState().doc).toEqual(store.getState().doc);
    switchTo(again, 1);
    expect(again.getState().doc.scenario.steps).toEqual([ALLOC_0, SHARE_0]);
    expect(again.getState().doc.branches[0]?.steps).toEqual([ALLOC_0, PRIVATE_0]);
  });

  it('a link with branches opens them; the same link reloaded is the same document', () => {
    const { store, w } = branched();
    const o = resolveOpening(w.location.hash, null, initialScenario);
    expect(o.branches).toEqual([{ steps: [ALLOC_0, SHARE_0], forkAt: 1 }]);
    const { doc } = store.getState();
    expect(fragmentFor(doc.scenario, doc.cursor, doc.branches)).toBe(w.location.hash);
  });

  it('restoring the autosave means something when only the branches differ', () => {
    const { store, storage } = branched();
    const s = store.getState();
    const withSaved = { ...s, autosave: { ...s.autosave, restorable: storage.get(AUTOSAVE_KEY) ?? null } };
    expect(canRestore(withSaved)).toBe(false);
    const noBranches = { ...withSaved, doc: { ...s.doc, branches: [] } };
    expect(canRestore(noBranches)).toBe(true);
  });
});

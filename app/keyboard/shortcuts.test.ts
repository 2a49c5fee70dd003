import { describe, expect, it } from 'vitest';
import { createSimStore } from '../store/store.ts';
import { testScenario } from '../store/testScenario.ts';
import { SHORTCUTS, shortcutFor, type ShortcutContext } from './shortcuts.ts';

const key = (
  k: string,
  target: unknown = null,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: target as EventTarget | null,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('uses each key once', () => {
    const keys = SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['a', 's', 'p', 'i', 'o', '[', ']', 'z', 'y', '?']));
  });

  it('leaves typing, modified keys and open dialogs alone', () => {
    expect(shortcutFor(key('s'), false)?.label).toBe('Share');
    expect(shortcutFor(key('s', { tagName: 'INPUT' }), false)).toBeUndefined();
    expect(shortcutFor(key('s', { tagName: 'DIV', isContentEditable: true }), false)).toBeUndefined();
    expect(shortcutFor(key('s', null, { ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutFor(key('s'), true)).toBeUndefined();
    expect(shortcutFor(key('q'), false)).toBeUndefined();
  });

  it('acts on the selection, says why it cannot, and opens the help', () => {
    const store = createSimStore(testScenario());
    const c: ShortcutContext = {
      store,
      focus: () => undefined,
    };
    const run = (k: string) => shortcutFor(key(k), false)?.run(c);
    run('a');
    expect(store.getState().doc.scenario.steps).toHaveLength(0);
    expect(store.getState().ui.notice?.text).toMatch(/^Allocate: Select pages first/);
    store.setState((s) => ({ ui: { ...s.ui, selection: { start: 0, end: 4096, anchor: 0 } } }));
    run('a');
    run('s');
    expect(store.getState().doc.scenario.steps.map((o) => o.op)).toEqual(['allocate', 'convert']);
    expect(store.getState().ui.notice).toBeNull();
    run('[');
    expect(store.getState().doc.cursor).toBe(1);
    run('?');
    expect(store.getState().ui.dialog).toBe('help');
  });
});

import { describe, expect, it } from 'vitest';
import {
  act,
  jumpTo,
  newScenario,
  openScenario,
  redo,
  setPlaying,
  stepBack,
  stepForward,
  switchTo,
  tick,
  undo,
} from './commands.ts';
import { selectCurrent, selectLastOutcome, observation } from './selectors.ts';
import { createSimStore } from './store.ts';
import { ALLOC_0, PRIVATE_0, SHARE_0, testScenario } from './testScenario.ts';

const folioSizes = (store: ReturnType<typeof createSimStore>) => {
  const st = selectCurrent(store.getState());
  return st === undefined ? [] : observation(st).folios.map((f) => f.size);
};

describe('sim store', () => {
  it('starts at the end of the scenario with one state per step', () => {
    const store = createSimStore(testScenario([ALLOC_0]));
    const s = store.getState();
    expect(s.doc.cursor).toBe(1);
    expect(s.replay.states).toHaveLength(2);
    expect(folioSizes(store)).toEqual([2 ** 30]);
  });

  it('act appends the op, records a refusal as a step, and returns the outcome', () => {
    const store = createSimStore(testScenario());
    expect(act(store, ALLOC_0)?.refusal).toBeUndefined();
    expect(act(store, SHARE_0)?.refusal).toBeUndefined();
    expect(folioSizes(store)[0]).toBe(4096);
    const r = act(store, { op: 'pin', offset: 0, length: 4096, holder: 'vfio' });
    expect(r?.refusal).toMatchObject({ errno: 'EFAULT', rule: 'pin.no-vma' });
    expect(store.getState().doc.cursor).toBe(3);
    expect(selectLastOutcome(store.getState())?.refusal?.errno).toBe('EFAULT');
  });

  it('reuses cached states for the shared prefix instead of replaying', () => {
    const store = createSimStore(testScenario([ALLOC_0]));
    const before = store.getState().replay.states;
    act(store, SHARE_0);
    const after = store.getState().replay.states;
    expect(after.at(0)).toBe(before.at(0));
    expect(after.at(1)).toBe(before.at(1));
    expect(after).toHaveLength(3);
  });

  it('moving the cursor changes the current state, not the log', () => {
    const store = createSimStore(testScenario([ALLOC_0, SHARE_0]));
    stepBack(store);
    expect(folioSizes(store)).toEqual([2 ** 30]);
    stepBack(store);
    stepBack(store);
    expect(store.getState().doc.cursor).toBe(0);
    expect(folioSizes(store)).toEqual([]);
    stepForward(store);
    jumpTo(store, 99);
    expect(store.getState().doc.cursor).toBe(2);
    expect(store.getState().doc.scenario.steps).toHaveLength(2);
    expect(store.getState().past).toHaveLength(0);
  });

  it('acting after stepping back keeps the old future as a reachable branch', () => {
    const store = createSimStore(testScenario([ALLOC_0, SHARE_0, PRIVATE_0]));
    jumpTo(store, 1);
    act(store, { op: 'split', offset: 0, to: 2 ** 21 });
    const s = store.getState();
    expect(s.doc.scenario.steps.map((o) => o.op)).toEqual(['allocate', 'split']);
    expect(s.doc.branches).toHaveLength(1);
    expect(s.doc.branches[0]?.steps.map((o) => o.op)).toEqual(['allocate', 'convert', 'convert']);
    switchTo(store, s.doc.branches[0]?.id ?? -1);
    const t = store.getState();
    expect(t.doc.scenario.steps.map((o) => o.op)).toEqual(['allocate', 'convert', 'convert']);
    expect(t.doc.cursor).toBe(1);
    expect(t.doc.branches[0]?.steps.map((o) => o.op)).toEqual(['allocate', 'split']);
  });

  it('repeating the next step moves forward without forking', () => {
    const store = createSimStore(testScenario([ALLOC_0, SHARE_0]));
    jumpTo(store, 1);
    act(store, { ...SHARE_0 });
    expect(store.getState().doc.branches).toHaveLength(0);
    expect(store.getState().doc.cursor).toBe(2);
  });

  it('undo and redo restore log, cursor and branches', () => {
    const store = createSimStore(testScenario([ALLOC_0, SHARE_0]));
    jumpTo(store, 1);
    act(store, PRIVATE_0);
    undo(store);
    let s = store.getState();
    expect(s.doc.scenario.steps).toEqual([ALLOC_0, SHARE_0]);
    expect(s.doc.cursor).toBe(1);
    expect(s.doc.branches).toHaveLength(0);
    redo(store);
    s = store.getState();
    expect(s.doc.scenario.steps).toEqual([ALLOC_0, PRIVATE_0]);
    expect(s.doc.branches).toHaveLength(1);
    act(store, SHARE_0);
    redo(store);
    expect(store.getState().future).toHaveLength(0);
  });

  it('newScenario starts over, is undoable, and is refused when the kernel refuses creation', () => {
    const store = createSimStore(testScenario([ALLOC_0]));
    const config = testScenario([], { size: '4M', pageSize: '2M' }).config;
    expect(newScenario(store, config)).toBeUndefined();
    expect(store.getState().doc.scenario.steps).toHaveLength(0);
    expect(store.getState().replay.states.at(0)?.config.size).toBe(4 * 2 ** 20);
    const bad = { ...config, size: 3 * 2 ** 20 };
    expect(newScenario(store, bad)?.rule).toBe('create.size-alignment');
    expect(store.getState().doc.scenario.config).toBe(config);
    undo(store);
    expect(store.getState().doc.scenario.steps).toEqual([ALLOC_0]);
  });

  it('playback restarts from the beginning and stops at the end', () => {
    const store = createSimStore(testScenario([ALLOC_0, SHARE_0]));
    setPlaying(store, true);
    expect(store.getState().doc.cursor).toBe(0);
    tick(store);
    tick(store);
    expect(store.getState().ui.playing).toBe(true);
    tick(store);
    expect(store.getState().ui.playing).toBe(false);
    expect(store.getState().doc.cursor).toBe(2);
  });

  it('a scenario whose creation is refused has no state and says why', () => {
    const store = createSimStore(testScenario([], { size: '3M', pageSize: '2M' }));
    expect(selectCurrent(store.getState())).toBeUndefined();
    expect(store.getState().replay.createRefusal?.errno).toBe('EINVAL');
  });

  it('opens at a given step, and a link opened later is undoable like a new scenario', () => {
    const store = createSimStore(testScenario([ALLOC_0, SHARE_0]), { cursor: 1, linkError: 'bad link' });
    expect(store.getState().doc.cursor).toBe(1);
    expect(store.getState().ui.linkError).toBe('bad link');
    expect(createSimStore(testScenario([ALLOC_0]), { cursor: 9 }).getState().doc.cursor).toBe(1);
    openScenario(store, testScenario([ALLOC_0, SHARE_0, PRIVATE_0]), 2);
    expect(store.getState().doc.cursor).toBe(2);
    expect(store.getState().doc.scenario.steps).toHaveLength(3);
    undo(store);
    expect(store.getState().doc.scenario.steps).toHaveLength(2);
  });
});

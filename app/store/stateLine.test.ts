import { describe, expect, it } from 'vitest';
import { replayStates, type Op } from '../../core/index.ts';
import { act, jumpTo, redo, undo } from './commands.ts';
import { EVERY } from './stateLine.ts';
import { createSimStore } from './store.ts';
import { testScenario } from './testScenario.ts';

/** 300 conversions scattered over a 1G folio: every state differs from the one before. */
const steps: Op[] = [
  { op: 'allocate', offset: 0, length: 2 ** 30 },
  ...Array.from({ length: 300 }, (_, i): Op => ({
    op: 'convert',
    offset: ((i * 37) % 4096) * 4096,
    length: 4096,
    to: i % 3 === 0 ? 'private' : 'shared',
  })),
];
const scenario = testScenario(steps);
const all = replayStates(scenario)?.states ?? [];

describe('the checkpointed state line', () => {
  it('keeps one state in EVERY, not one per step', () => {
    const { replay } = createSimStore(scenario).getState();
    expect(replay.states).toHaveLength(302);
    expect(replay.states.checkpoints).toHaveLength(Math.floor(301 / EVERY) + 1);
  });

  it.each([0, 1, 63, 64, 65, 127, 128, 200, 300, 301])(
    'state %i equals the one replayed from scratch',
    (i) => {
      const { replay } = createSimStore(scenario).getState();
      expect(replay.states.at(i)).toEqual(all[i]);
    },
  );

  it('replays from a state looked at before, below in the same segment, and stays exact', () => {
    const { replay } = createSimStore(scenario).getState();
    for (const i of [140, 139, 141, 150, 129, 191, 130]) expect(replay.states.at(i)).toEqual(all[i]);
  });

  it('gives the same object when asked twice (selectors stay stable)', () => {
    const { replay } = createSimStore(scenario).getState();
    expect(replay.states.at(100)).toBe(replay.states.at(100));
    expect(replay.states.at(301)).toBe(replay.states.at(301));
    expect(replay.states.at(302)).toBeUndefined();
    expect(replay.states.at(-1)).toBeUndefined();
  });

  it('acting after stepping back replays from the nearest checkpoint and stays exact', () => {
    const store = createSimStore(scenario);
    jumpTo(store, 150);
    const op: Op = { op: 'convert', offset: 0, length: 4096, to: 'shared' };
    act(store, op);
    const expected = replayStates(testScenario([...steps.slice(0, 150), op]))?.states ?? [];
    const line = store.getState().replay.states;
    expect(line).toHaveLength(152);
    expect(line.at(151)).toEqual(expected[151]);
    expect(line.at(130)).toEqual(expected[130]);
  });
});

describe('undo and redo of a long line', () => {
  it('give back the replay computed before, instead of replaying the suffix again', () => {
    const store = createSimStore(scenario);
    const long = store.getState().replay;
    jumpTo(store, 0);
    act(store, { op: 'allocate', offset: 0, length: 4096 });
    const short = store.getState().replay;
    expect(short).not.toBe(long);
    undo(store);
    expect(store.getState().replay).toBe(long);
    redo(store);
    expect(store.getState().replay).toBe(short);
  });
});

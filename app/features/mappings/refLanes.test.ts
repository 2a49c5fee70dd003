import { describe, expect, it } from 'vitest';
import { act } from '../../store/commands.ts';
import { selectCurrent } from '../../store/selectors.ts';
import { createSimStore } from '../../store/store.ts';
import { testScenario } from '../../store/testScenario.ts';
import { refLanes } from './refLanes.ts';

describe('refLanes', () => {
  it('stacks overlapping references and reuses a lane once it is free', () => {
    const store = createSimStore(testScenario([
      { op: 'convert', offset: 0, length: '8K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '8K' },
    ]));
    act(store, { op: 'pin', offset: 0, length: 8192, holder: 'vfio' });
    act(store, { op: 'getRef', offset: 4096, holder: 'kvm' });
    act(store, { op: 'pin', offset: 0, length: 4096, holder: 'io_uring' });
    const s = selectCurrent(store.getState());
    if (s === undefined) throw new Error('no state');
    const r = refLanes(s);
    expect(r.lanes).toBe(2);
    expect(r.placed.map((p) => [p.ref.holder, p.lane])).toEqual([['vfio', 0], ['io_uring', 1], ['kvm', 1]]);
    expect(refLanes(s)).toBe(r);
  });
});

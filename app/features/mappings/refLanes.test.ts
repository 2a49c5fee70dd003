import { describe, expect, it } from 'vitest';
import { allRefs } from '../../../core/index.ts';
import { act } from '../../store/commands.ts';
import { selectCurrent } from '../../store/selectors.ts';
import { createSimStore } from '../../store/store.ts';
import { testScenario } from '../../store/testScenario.ts';
import { holdersIn, holdingText, orphanLanes, orphanPieces, refLanes } from './refLanes.ts';

const current = (store: ReturnType<typeof createSimStore>) => {
  const s = selectCurrent(store.getState());
  if (s === undefined) throw new Error('no state');
  return s;
};

describe('refLanes', () => {
  it('stacks overlapping references and reuses a lane once it is free', () => {
    const store = createSimStore(
      testScenario([
        { op: 'convert', offset: 0, length: '8K', to: 'shared' },
        { op: 'hostMap', offset: 0, length: '8K' },
      ]),
    );
    act(store, { op: 'pin', offset: 0, length: 8192, holder: 'vfio' });
    act(store, { op: 'getRef', offset: 4096, holder: 'kvm' });
    act(store, { op: 'pin', offset: 0, length: 4096, holder: 'io_uring' });
    const s = current(store);
    const r = refLanes(s);
    expect(r.lanes).toBe(2);
    expect(r.placed.map((p) => [p.item.holder, p.lane])).toEqual([
      ['vfio', 0],
      ['io_uring', 1],
      ['kvm', 1],
    ]);
    expect(refLanes(s)).toBe(r);
    expect(holdingText(holdersIn(allRefs(s.refs), 0, 4096))).toBe('vfio pin, io_uring pin');
    expect(holdingText(holdersIn(allRefs(s.refs), 4096, 8192))).toBe('vfio pin, kvm ref');
  });

  it('places orphans with their holders, out of the file', () => {
    const store = createSimStore(
      testScenario([
        { op: 'convert', offset: 0, length: '4K', to: 'shared' },
        { op: 'hostMap', offset: 0, length: '4K' },
        { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
        { op: 'close' },
        { op: 'hostUnmap', offset: 0, length: '4K' },
      ]),
    );
    const s = current(store);
    const o = orphanLanes(s);
    expect(o.lanes).toBe(1);
    const orphan = o.placed[0]?.item;
    expect(orphan?.start).toBe(0);
    expect(holdingText(holdersIn(allRefs(s.refs), 0, 2 ** 30, orphan?.id ?? -1))).toBe('vfio pin');
    if (orphan === undefined) throw new Error('no orphan');
    expect(orphanPieces(s, orphan)).toEqual([
      { start: 0, end: 4096, size: 4096, count: 1, holders: 'vfio pin' },
    ]);
    expect(refLanes(s).placed).toEqual([]);
  });
});

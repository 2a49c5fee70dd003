import { describe, expect, it } from 'vitest';
import { create } from '../create.ts';
import { DEFAULT_POLICY } from '../scenario/policy.ts';
import type { GmemState, RefRecord } from '../types.ts';
import { allRefs, fromRefs } from './refIndex.ts';
import { takeRefs } from './release.ts';
import { newTx } from './tx.ts';

const P = 4096;

const made = create({
  vmType: 'sw_protected',
  size: 1 << 30,
  pageSize: P,
  mmap: true,
  initShared: true,
  policy: DEFAULT_POLICY,
}).state as GmemState;

const pin = (id: number, start: number, pages: number): RefRecord => ({
  id,
  kind: 'pin',
  holder: 'vfio',
  longterm: true,
  start: start * P,
  end: (start + pages) * P,
  orphan: null,
});

/** The records and the next id after taking pages [a, b) of vfio's pins off `records`. */
function taken(records: RefRecord[], a: number, b: number): { refs: RefRecord[]; nextId: number } | false {
  const tx = newTx({ ...made, refs: fromRefs(records), nextId: 100 });
  if (takeRefs(tx, 'pin', 'vfio', a * P, b * P) === undefined) return false;
  return { refs: [...allRefs(tx.s.refs)], nextId: tx.s.nextId };
}

describe('takeRefs', () => {
  // One record holding the whole range is the common put or unpin; it is taken without the
  // general loop, which these answers bind it to.
  it('takes the middle of one record: the piece before keeps its id, the piece after gets the next', () => {
    expect(taken([pin(7, 0, 4)], 1, 2)).toEqual({ refs: [pin(7, 0, 1), pin(100, 2, 2)], nextId: 101 });
  });

  it('takes the end of one record: the piece left keeps its id', () => {
    expect(taken([pin(7, 0, 4)], 2, 4)).toEqual({ refs: [pin(7, 0, 2)], nextId: 100 });
    expect(taken([pin(7, 0, 4)], 0, 2)).toEqual({ refs: [pin(7, 2, 2)], nextId: 100 });
    expect(taken([pin(7, 0, 4)], 0, 4)).toEqual({ refs: [], nextId: 100 });
  });

  it('takes the oldest of the records that hold the range, the same way across several', () => {
    expect(taken([pin(3, 0, 4), pin(5, 1, 1)], 1, 2)).toEqual({
      refs: [pin(3, 0, 1), pin(5, 1, 1), pin(100, 2, 2)],
      nextId: 101,
    });
    expect(taken([pin(3, 0, 2), pin(5, 2, 2)], 1, 3)).toEqual({
      refs: [pin(3, 0, 1), pin(5, 3, 1)],
      nextId: 100,
    });
  });

  it('refuses an empty range and a range some page of which holds none', () => {
    expect(taken([pin(7, 0, 4)], 1, 1)).toBe(false);
    expect(taken([pin(7, 0, 2)], 1, 3)).toBe(false);
  });
});

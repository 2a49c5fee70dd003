import { describe, expect, it } from 'vitest';
import { create } from '../create.ts';
import { DEFAULT_POLICY } from '../index.ts';
import { SIZE_1G } from '../units.ts';
import { meaningfulOps } from './workload.ts';

const s0 = create({
  vmType: 'sw_protected',
  size: 4 * SIZE_1G,
  pageSize: SIZE_1G,
  mmap: true,
  initShared: false,
  policy: DEFAULT_POLICY,
}).state;

describe('meaningfulOps', () => {
  // The bench compares 100k ops with 10k ops of the same stream: a shorter workload must be a
  // prefix of a longer one with the same seed, or the ratio compares two different histories.
  it('is a prefix of a longer workload of the same seed', () => {
    if (s0 === null) throw new Error('creation refused');
    const short = meaningfulOps(s0, 300, 1).ops;
    const long = meaningfulOps(s0, 3_000, 1).ops;
    expect(long.slice(0, 300)).toEqual(short);
    expect(meaningfulOps(s0, 300, 2).ops).not.toEqual(short);
  });

  it('is mostly accepted ops', () => {
    if (s0 === null) throw new Error('creation refused');
    const { mix } = meaningfulOps(s0, 2_000, 1);
    expect(mix.accepted).toBeGreaterThan(mix.refused + mix.noop);
  });
});

import { describe, expect, it } from 'vitest';
import { hugeFile } from '../testkit.ts';
import { meaningfulOps } from './workload.ts';

const s0 = hugeFile();

describe('meaningfulOps', () => {
  // The bench compares 100k ops with 10k ops of the same stream: a shorter workload must be a
  // prefix of a longer one with the same seed, or the ratio compares two different histories.
  it('is a prefix of a longer workload of the same seed', () => {
    const short = meaningfulOps(s0, 300, 1).ops;
    const long = meaningfulOps(s0, 3_000, 1).ops;
    expect(long.slice(0, 300)).toEqual(short);
    expect(meaningfulOps(s0, 300, 2).ops).not.toEqual(short);
  });

  it('is mostly accepted ops', () => {
    const { mix } = meaningfulOps(s0, 2_000, 1);
    expect(mix.accepted).toBeGreaterThan(mix.refused + mix.noop);
  });
});

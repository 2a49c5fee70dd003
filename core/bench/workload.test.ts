import { describe, expect, it } from 'vitest';
import { apply } from '../apply.ts';
import { create } from '../create.ts';
import { allRefs } from '../state/refIndex.ts';
import { hugeFile } from '../testkit.ts';
import type { GmemState, Op } from '../types.ts';
import { PAGE } from '../units.ts';
import { benchConfig, meaningfulOps, pinnedOps } from './workload.ts';

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

describe('pinnedOps', () => {
  const shared = create({ ...benchConfig(64 * 1024 * 1024, PAGE), initShared: true }).state as GmemState;

  it('starts from a state holding the pins asked for, and its steps are mostly accepted', () => {
    const w = pinnedOps(shared, 500, 300, 3);
    expect(w.pins).toBe(500);
    expect(allRefs(w.state.refs).filter((r) => r.kind === 'pin')).toHaveLength(500);
    expect(w.ops).toHaveLength(300);
    expect(w.mix.accepted + w.mix.refused + w.mix.noop).toBe(300);
    expect(w.mix.accepted).toBeGreaterThan(w.mix.refused + w.mix.noop);
    // Every unpin names a pin the start state holds: none is refused for want of it.
    let s = w.state;
    const unpinsRefused: Op[] = [];
    for (const op of w.ops) {
      const res = apply(s, op);
      if (op.op === 'unpin' && res.refusal !== undefined) unpinsRefused.push(op);
      s = res.state;
    }
    expect(w.ops.filter((op) => op.op === 'unpin').length).toBeGreaterThan(50);
    expect(unpinsRefused).toEqual([]);
  });
});

import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apply } from './apply.ts';
import { benchConfig as config, meaningfulOps } from './bench/workload.ts';
import { classifyPages } from './classify.ts';
import { create } from './create.ts';
import { observedChanged } from './observedChanged.ts';
import { pageStatesChanged } from './pageStatesChanged.ts';
import type { GmemState, Op } from './types.ts';
import { PAGE, SIZE_1G } from './units.ts';

function replay(s: GmemState, ops: readonly Op[]): GmemState[] {
  const out = [s];
  for (const op of ops) out.push(apply(out[out.length - 1] as GmemState, op).state);
  return out;
}

/** The page states of [a, b) as runs clipped to it. */
const statesIn = (s: GmemState, a: number, b: number) => (a < b ? classifyPages(s, a, b) : []);

/** Where the page states of x and y differ outside their changed span: nowhere, or a message. */
function differsOutside(x: GmemState, y: GmemState, where: string): string[] {
  const span = pageStatesChanged(x, y);
  const size = x.config.size;
  const [lo, hi] = span ?? [size, size];
  const same = (a: number, b: number) => isDeepStrictEqual(statesIn(x, a, b), statesIn(y, a, b));
  return same(0, lo) && same(hi, size)
    ? []
    : [`${where}: page states differ outside ${JSON.stringify(span)}`];
}

describe('pageStatesChanged', () => {
  it('bounds where the page states differ: a step either way, two lineages, states far apart', () => {
    const wrong: string[] = [];
    for (const [size, pageSize] of [
      [64 * 1024 * 1024, PAGE],
      [64 * SIZE_1G, SIZE_1G],
    ] as const) {
      const s0 = create(config(size, pageSize)).state as GmemState;
      const ops = meaningfulOps(s0, 240, 3).ops;
      const first = replay(s0, ops);
      // The states from step 120 replayed again: another lineage of the same history.
      const second = replay(first[120] as GmemState, ops.slice(120));
      for (let k = 0; k < ops.length; k++) {
        const a = first[k] as GmemState;
        const b = first[k + 1] as GmemState;
        wrong.push(
          ...differsOutside(a, b, `at step ${k}`),
          ...differsOutside(b, a, `back from step ${k + 1}`),
        );
        wrong.push(...differsOutside(first[(k * 37) % ops.length] as GmemState, b, `far from step ${k + 1}`));
      }
      second.forEach((s, i) =>
        wrong.push(...differsOutside(s, first[120 + i + 1] ?? s, `across lineages at step ${120 + i}`)),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('is nothing between equal states, and one folio for a pin on a 4K page', () => {
    const c = { ...config(64 * 1024 * 1024, PAGE), initShared: true };
    const [s0, mapped, pinned] = replay(create(c).state as GmemState, [
      { op: 'hostMap', offset: 0, length: c.size },
      { op: 'pin', offset: 40 * PAGE, length: PAGE, holder: 'vfio' },
    ]);
    expect(pageStatesChanged(s0 as GmemState, s0 as GmemState)).toBeUndefined();
    expect(pageStatesChanged(mapped as GmemState, pinned as GmemState)).toEqual([40 * PAGE, 41 * PAGE]);
    // Another file differs everywhere.
    const other = create({ ...c, size: c.size / 2 }).state as GmemState;
    expect(pageStatesChanged(other, s0 as GmemState)).toEqual([0, c.size]);
  });

  it('observedChanged: also where the VMAs differ, in whole blocks; the whole file when the orphans do', () => {
    const c = config(4 * SIZE_1G, SIZE_1G);
    const [s0, mapped, allocated, pinned, punched] = replay(create(c).state as GmemState, [
      { op: 'hostMap', offset: SIZE_1G, length: PAGE },
      { op: 'allocate', offset: 2 * SIZE_1G, length: SIZE_1G },
      { op: 'getRef', offset: 2 * SIZE_1G, holder: 'kvm' },
      { op: 'punchHole', offset: 2 * SIZE_1G, length: SIZE_1G },
    ]) as GmemState[];
    // A VMA: no page state changes, its block does for the view.
    expect(pageStatesChanged(s0 as GmemState, mapped as GmemState)).toBeUndefined();
    expect(observedChanged(s0 as GmemState, mapped as GmemState)).toEqual([SIZE_1G, 2 * SIZE_1G]);
    expect(observedChanged(allocated as GmemState, pinned as GmemState)).toEqual([2 * SIZE_1G, 3 * SIZE_1G]);
    // The referenced folio, truncated, lives on as an orphan: everywhere.
    expect((punched as GmemState).orphans).toHaveLength(1);
    expect(observedChanged(pinned as GmemState, punched as GmemState)).toEqual([0, c.size]);
  });
});

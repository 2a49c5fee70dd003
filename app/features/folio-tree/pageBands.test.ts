import { describe, expect, it } from 'vitest';
import {
  apply,
  benchConfig as config,
  classifyPages,
  create,
  meaningfulOps,
  PAGE,
  SIZE_1G,
} from '../../../core/index.ts';
import type { GmemState, Op } from '../../../core/index.ts';
import { pageBands } from './pageBands.ts';

function replay(s: GmemState, ops: readonly Op[]): GmemState[] {
  const out = [s];
  for (const op of ops) out.push(apply(out[out.length - 1] as GmemState, op).state);
  return out;
}

/** The row as [start, end, state] triples, and the same from a whole classification. */
const triples = (s: GmemState) => pageBands(s).map((b) => [b.start, b.end, b.about]);
const reference = (s: GmemState) => classifyPages(s, 0, s.config.size).map((r) => [r.start, r.end, r.value]);

describe('the pages row, derived from the last one built', () => {
  it('equals a whole classification whatever order the states come in', () => {
    const histories = [
      [64 * 1024 * 1024, PAGE],
      [64 * SIZE_1G, SIZE_1G],
    ].map(([size, pageSize]) => {
      const s0 = create(config(size as number, pageSize as number)).state as GmemState;
      const ops = meaningfulOps(s0, 200, 9).ops;
      const first = replay(s0, ops);
      // Another lineage of the same history, replayed from step 100 (as from a checkpoint).
      return { first, second: replay(first[100] as GmemState, ops.slice(100)) };
    });
    let derived = 0;
    for (const { first, second } of histories) {
      const n = first.length;
      // Forward, back, across lineages, far jumps; then the other history (another file).
      const order = [
        ...first.keys(),
        ...[...first.keys()].toReversed(),
        ...Array.from({ length: 60 }, (_, i) => (i * 37) % n),
      ];
      for (const k of order) {
        const s = first[k] as GmemState;
        expect(triples(s), `state ${k}`).toEqual(reference(s));
        derived++;
      }
      // The replayed lineage, each state right after the first lineage's one before it.
      second.forEach((s, i) => {
        triples(first[100 + i - 1] as GmemState);
        expect(triples(s), `replayed state ${100 + i}`).toEqual(reference(s));
      });
    }
    expect(derived).toBe(2 * (2 * 201 + 60));
  });

  it('splits the row where a step changed a page, and joins it again where it no longer differs', () => {
    const c = { ...config(64 * 1024 * 1024, PAGE), initShared: true };
    const [mapped, pinned, unpinned] = replay(create(c).state as GmemState, [
      { op: 'hostMap', offset: 0, length: c.size },
      { op: 'pin', offset: 40 * PAGE, length: PAGE, holder: 'vfio' },
      { op: 'unpin', offset: 40 * PAGE, length: PAGE, holder: 'vfio' },
    ]).slice(1) as GmemState[];
    const a = pageBands(mapped as GmemState);
    expect(a.length).toBeGreaterThan(0);
    const b = pageBands(pinned as GmemState);
    expect(b.map((x) => x.about)).toEqual([a[0]?.about, 'shared-pinned', a[0]?.about]);
    // Unpinned: the page stays faulted in (GUP mapped it), no longer pinned.
    expect(triples(unpinned as GmemState)).toEqual(reference(unpinned as GmemState));
    expect(pageBands(unpinned as GmemState).map((x) => x.about)).toEqual([
      a[0]?.about,
      'shared-mapped',
      a[0]?.about,
    ]);
  });
});

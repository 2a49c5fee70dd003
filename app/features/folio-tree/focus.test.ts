import { describe, expect, it } from 'vitest';
import {
  allRefs,
  apply,
  benchConfig,
  create,
  DEFAULT_POLICY,
  meaningfulOps,
  parseScenario,
  replayStates,
  SIZE_2M,
  toRuns,
} from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { blockRuns, observation, pageRuns } from '../../store/selectors.ts';
import { frameCuts, stateCuts, touchedRange } from './focus.ts';
import { sortedUniqueReference } from '../../../core/index.ts';

/** Every boundary of every list of a state, as stateCuts collected them before it sorted (the reference). */
function allBoundaries(s: GmemState): number[] {
  const obs = observation(s);
  const out: number[] = [];
  for (const f of obs.folios) out.push(f.offset, f.offset + f.count * f.size);
  for (const r of pageRuns(s)) out.push(r.start, r.end);
  for (const r of blockRuns(s)) out.push(r.start, r.end);
  for (const m of [...obs.guestMappings, ...obs.hostMappings, ...obs.vmas])
    out.push(m.offset, m.offset + m.length);
  for (const r of allRefs(s.refs)) out.push(r.start, r.end);
  for (const o of s.orphans) {
    out.push(o.start, o.end);
    for (const r of toRuns(o.folios)) out.push(r.start, r.end);
  }
  return out;
}

describe('focus boundaries', () => {
  const p = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    gmem: { size: '2G', pageSize: '1G', mmap: true },
    steps: [
      { op: 'allocate', offset: 0, length: '2G' },
      { op: 'convert', offset: 0x601c2000, length: '4K', to: 'shared' },
    ],
  });
  if (!p.ok) throw new Error('fixture');
  const r = replayStates(p.scenario);
  const [before, after] = [r?.states[1], r?.states[2]];

  it('takes run boundaries only: a few cuts for a 2G file, the shared page among them', () => {
    if (after === undefined) throw new Error('no state');
    const cuts = Array.from(stateCuts(after));
    expect(cuts.length).toBeLessThan(40);
    expect(cuts).toContain(0x601c2000);
    expect(cuts).toContain(0x601c3000);
  });

  it('spans the events of a step, and is null for a step that touched nothing', () => {
    expect(touchedRange(r?.results[1])).toEqual({ start: 0x40000000, end: 0x80000000 });
    expect(touchedRange({ events: [], transitions: [] })).toBeNull();
  });

  it('keeps both states of a step and the focus ranges', () => {
    const cuts = Array.from(frameCuts(before, after, [{ start: 4096, end: 8192 }, null]));
    expect(cuts).toEqual(expect.arrayContaining([0x601c2000, 4096, 8192]));
  });

  it('gives every boundary of both states and the focus, sorted, once each (along a long history)', () => {
    const config = {
      vmType: 'tdx' as const,
      size: 2 ** 30,
      pageSize: SIZE_2M,
      mmap: true,
      initShared: false,
      policy: DEFAULT_POLICY,
    };
    const steps = meaningfulOps(create(config).state as GmemState, 400, 11).ops;
    const states = replayStates({ config, steps })?.states ?? [];
    expect(states.length).toBe(401);
    for (let i = 1; i < states.length; i += 7) {
      const [prev, next] = [states[i - 1] as GmemState, states[i] as GmemState];
      const focus = [{ start: i * 4096, end: (i + 3) * 4096 }, null];
      const expected = sortedUniqueReference(
        Float64Array.from([...allBoundaries(next), ...allBoundaries(prev), i * 4096, (i + 3) * 4096]),
      );
      expect(frameCuts(prev, next, focus)).toEqual(expected);
      expect(stateCuts(next)).toEqual(sortedUniqueReference(Float64Array.from(allBoundaries(next))));
    }
    expect(frameCuts(undefined, undefined, [null])).toEqual(new Float64Array(0));
  });

  it('derives the cuts of a state from those of the last one: the same cuts, in whatever order the states come', () => {
    const wrong: string[] = [];
    for (const [size, pageSize] of [
      [64 * 1024 * 1024, 4096],
      [8 * 1024 * 1024 * 1024, 1024 * 1024 * 1024],
    ] as const) {
      const config = benchConfig(size, pageSize);
      const steps = meaningfulOps(create(config).state as GmemState, 240, 4).ops;
      const first = replayStates({ config, steps })?.states ?? [];
      // Another lineage, replayed from step 120 (as the app replays a state from its checkpoint).
      const second: GmemState[] = [first[120] as GmemState];
      for (const op of steps.slice(120)) second.push(apply(second[second.length - 1] as GmemState, op).state);
      const order = [
        ...first.keys(),
        ...[...first.keys()].toReversed(),
        ...Array.from({ length: 40 }, (_, i) => (i * 37) % first.length),
      ];
      const check = (s: GmemState, where: string): void => {
        const expected = sortedUniqueReference(Float64Array.from(allBoundaries(s)));
        const got = stateCuts(s);
        if (got.length !== expected.length || got.some((x, i) => x !== expected[i]))
          wrong.push(`${where} of ${size}`);
      };
      for (const k of order) check(first[k] as GmemState, `state ${k}`);
      second.forEach((s, k) => {
        stateCuts(first[120 + k - 1] as GmemState);
        check(s, `replayed state ${120 + k}`);
      });
      expect(first.length).toBe(241);
    }
    expect(wrong).toEqual([]);
  });

  it('takes references that end before the ones before them, and pins piled on one page', () => {
    const q = parseScenario({
      format: 'folioscope-scenario',
      version: 1,
      gmem: { size: '2M', pageSize: '4K', mmap: true, initShared: true },
      steps: [
        { op: 'hostMap', offset: 0, length: '2M' },
        { op: 'pin', offset: 0, length: '64K', holder: 'vfio' },
        { op: 'pin', offset: '8K', length: '4K', holder: 'rdma' },
        { op: 'pin', offset: '8K', length: '4K', holder: 'io_uring' },
        { op: 'pin', offset: '1M', length: '512K', holder: 'dpdk' },
        { op: 'pin', offset: '1100K', length: '4K', holder: 'vfio' },
      ],
    });
    if (!q.ok) throw new Error('fixture');
    const last = replayStates(q.scenario)?.states.at(-1);
    if (last === undefined) throw new Error('no state');
    expect(allRefs(last.refs).map((x) => x.end)).not.toEqual(
      allRefs(last.refs)
        .map((x) => x.end)
        .toSorted((a, b) => a - b),
    );
    expect(stateCuts(last)).toEqual(sortedUniqueReference(Float64Array.from(allBoundaries(last))));
  });
});

import { describe, expect, it } from 'vitest';
import { apply } from './apply.ts';
import { meaningfulOps } from './bench/workload.ts';
import { observe, observeWhole } from './observe.ts';
import { plainObservation, type Observation } from './observation.ts';
import { hugeFile } from './testkit.ts';
import type { GmemState, Op } from './types.ts';
import { PAGE, SIZE_1G, SIZE_2M } from './units.ts';
import { fromRuns } from './state/rangeMap.ts';
import { fromRefs } from './state/refIndex.ts';

/** A state with thousands of runs in its lists: a long meaningful workload. */
function busy(): GmemState {
  const s0 = hugeFile();
  let s = s0;
  for (const op of meaningfulOps(s0, 3000, 7).ops) s = apply(s, op).state;
  return s;
}

/** The fields of the trace format, in its order (shared/spec/scenario-format.md). */
const FIELDS = [
  'open',
  'size',
  'pageSize',
  'shareability',
  'folios',
  'hostMappings',
  'guestMappings',
  'evicted',
  'vmas',
  'orphans',
  'poisoned',
  'contents',
  'pool',
];

describe('an observation joins its lists when read', () => {
  it('serialises every field in the trace format order, as its plain copy does', () => {
    const o = observe(busy());
    const json = JSON.stringify(o);
    expect(Object.keys(JSON.parse(json) as object)).toEqual(FIELDS);
    expect(json).toBe(JSON.stringify(plainObservation(o)));
    expect((JSON.parse(json) as Observation).folios.length).toBeGreaterThan(100);
  });

  it('gives every reader of a list the same array, and a structured clone of its plain copy keeps the lists', () => {
    const o = observe(busy());
    expect(o.contents).toBe(o.contents);
    const plain = plainObservation(o);
    expect(Object.keys(plain)).toEqual(FIELDS);
    expect(structuredClone(plain)).toEqual(plain);
    expect(structuredClone(plain).hostMappings).toEqual(o.hostMappings);
  });

  it('keeps the items of the runs a step did not write, and the whole list of a map it did not change', () => {
    const s = busy();
    const before = observe(s);
    const folios = before.folios;
    const contents = before.contents;
    const shareability = before.shareability;
    // A write of one page far from the start: a guest access (it faults and zeroes the page).
    const at = folios[folios.length - 1]?.offset ?? 0;
    const op: Op = { op: 'guestAccess', offset: at, write: true };
    const next = apply(s, op);
    expect(next.refusal).toBeUndefined();
    const after = observe(next.state);
    expect(next.state.attrs).toBe(s.attrs);
    expect(after.shareability).toBe(shareability);
    // The first items of each list are the very objects of the last observation.
    expect(after.folios[0]).toBe(folios[0]);
    expect(after.contents[0]).toBe(contents[0]);
    expect(after.folios.slice(0, 10)).toEqual(folios.slice(0, 10));
  });

  it('answers the same lists whether read at every step or only at the last', () => {
    const s0 = hugeFile();
    const ops = meaningfulOps(s0, 400, 3).ops;
    // Read at every step: each observation derives from a joined list.
    let a = s0;
    for (const op of ops) {
      a = apply(a, op).state;
      void observe(a).folios;
    }
    const readEach = plainObservation(observe(a));
    // The same steps observed without reading, the lists read once at the end.
    let b = s0;
    for (const op of ops) {
      b = apply(b, op).state;
      observe(b);
    }
    expect(plainObservation(observe(b))).toEqual(readEach);
    expect(readEach).toEqual(plainObservation(observeWhole(b)));
    expect(readEach.folios.some((f) => f.size === PAGE)).toBe(true);
  });
});

/** A folio run as an observation shows it, with nothing mapped and no arch reference. */
const folioRun = (offset: number, count: number, size: number, pincount: number, transient: number) => ({
  offset,
  count,
  size,
  mapcount: 0,
  pincount,
  transient,
  arch: 0,
  refcount: size / PAGE + pincount * (size === PAGE ? 1024 : 1) + transient,
});

describe('folio runs', () => {
  it('cuts where each reference ends at the boundaries of the folio the end falls in, ends out of order too', () => {
    // 2M folios, 4K folios, 2M, 4K, then 2M to the end of a 1G file; a pin from 4K to 4K past
    // 8M, and a transient reference on one page inside the first 2M folio. Their ends come in
    // the other order (8M + 4K, then 12K): the second falls three runs back, inside a huge
    // folio, and must cut at that folio's ends, not at 12K (a fraction of a folio).
    const M = SIZE_2M;
    const s: GmemState = {
      ...hugeFile(1),
      folios: fromRuns([
        { start: 0, end: M, value: M },
        { start: M, end: 2 * M, value: PAGE },
        { start: 2 * M, end: 3 * M, value: M },
        { start: 3 * M, end: 4 * M, value: PAGE },
        { start: 4 * M, end: SIZE_1G, value: M },
      ]),
      refs: fromRefs([
        { kind: 'pin', holder: 'vfio', longterm: true, start: PAGE, end: 4 * M + PAGE, orphan: null, id: 1 },
        {
          kind: 'transient',
          holder: 'lookup',
          longterm: false,
          start: 2 * PAGE,
          end: 3 * PAGE,
          orphan: null,
          id: 2,
        },
      ]),
    };
    const want = [
      folioRun(0, 1, M, 511, 1),
      folioRun(M, 512, PAGE, 1, 0),
      folioRun(2 * M, 1, M, 512, 0),
      folioRun(3 * M, 512, PAGE, 1, 0),
      folioRun(4 * M, 1, M, 1, 0),
      folioRun(5 * M, 507, M, 0, 0),
    ];
    expect(observeWhole(s).folios).toEqual(want);
    expect(observe(s).folios).toEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY,
  anyIn,
  assign,
  assignAll,
  changedSpan,
  covers,
  coveredBytes,
  fillGaps,
  fromRuns,
  gaps,
  nextRun,
  overlapping,
  runAt,
  runCursor,
  slice,
  toRuns,
  update,
  valueAt,
  type RangeMap,
  type Run,
} from './rangeMap.ts';

/** The naive model: one value per unit, undefined for a hole. */
const cells = (m: RangeMap<number>, n: number): (number | undefined)[] =>
  Array.from({ length: n }, (_, i) => valueAt(m, i));

/** A map of `n` alternating runs of one unit each: many chunks. */
const striped = (n: number): RangeMap<number> =>
  fromRuns(Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1, value: i % 2 })));

/** How many runs a private 4K stage-2 value over [0, 10) and `v` over [10, 20) make. */
const other = (v: object): number =>
  toRuns(assign(assign<object>(EMPTY, 0, 10, { kind: 'private', level: 4096 }), 10, 20, v)).length;

describe('rangeMap', () => {
  it('assign splits, clears and re-merges runs into canonical form', () => {
    let m = assign<string>(EMPTY, 0, 100, 'a');
    m = assign(m, 40, 60, 'b');
    expect(toRuns(m)).toEqual([
      { start: 0, end: 40, value: 'a' },
      { start: 40, end: 60, value: 'b' },
      { start: 60, end: 100, value: 'a' },
    ]);
    expect(toRuns(assign(m, 40, 60, 'a'))).toEqual([{ start: 0, end: 100, value: 'a' }]);
    expect(toRuns(assign(m, 10, 90, undefined))).toEqual([
      { start: 0, end: 10, value: 'a' },
      { start: 90, end: 100, value: 'a' },
    ]);
    expect(valueAt(m, 59)).toBe('b');
    expect(valueAt(m, 100)).toBeUndefined();
  });

  it('compares object values field by field', () => {
    const m = assign(assign(EMPTY, 0, 10, { kind: 'private', level: 4096 }), 10, 20, {
      kind: 'private',
      level: 4096,
    });
    expect(toRuns(m)).toHaveLength(1);
    // A field more, a field less or a field different: not the same value, not merged.
    expect(other({ kind: 'private', level: 4096, extra: 1 })).toBe(2);
    expect(other({ kind: 'private' })).toBe(2);
    expect(other({ kind: 'shared', level: 4096 })).toBe(2);
    expect(other({ level: 4096, kind: 'private' })).toBe(1);
  });

  it('answers coverage, gaps and slices', () => {
    const m = assign(assign<number>(EMPTY, 0, 10, 1), 20, 30, 2);
    expect(covers(m, 0, 10)).toBe(true);
    expect(covers(m, 0, 11)).toBe(false);
    expect(gaps(m, 5, 25)).toEqual([[10, 20]]);
    expect(coveredBytes(m, 5, 25)).toBe(10);
    expect(slice(m, 5, 25)).toEqual([
      { start: 5, end: 10, value: 1 },
      { start: 20, end: 25, value: 2 },
    ]);
    expect(toRuns(update(m, 0, 30, (v) => (v === undefined ? 9 : v)))).toEqual([
      { start: 0, end: 10, value: 1 },
      { start: 10, end: 20, value: 9 },
      { start: 20, end: 30, value: 2 },
    ]);
  });

  it('keeps many runs in several chunks and finds them across chunk boundaries', () => {
    const m = striped(2000);
    expect(m.chunks.length).toBeGreaterThan(10);
    expect(m.chunks.every((c) => c.length > 0)).toBe(true);
    expect(toRuns(m)).toHaveLength(2000);
    expect(runAt(m, 1234)).toEqual({ start: 1234, end: 1235, value: 0 });
    expect(nextRun(m, 1999.5)).toEqual({ start: 1999, end: 2000, value: 1 });
    expect(nextRun(m, 2000)).toBeUndefined();
    expect(overlapping(m, 10, 13).map((r) => r.start)).toEqual([10, 11, 12]);
    expect(slice(m, 0, 2000)).toEqual(toRuns(m));
    expect(covers(m, 0, 2000)).toBe(true);
    expect(anyIn(m, 0, 2000, (v) => v === 2)).toBe(false);
  });

  it('assignAll writes a stretch of runs as the assigns of each would, merged at both seams', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 40 }), fc.nat(2)), { maxLength: 60 }),
        fc.nat(300),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.option(fc.nat(2), { nil: undefined })), {
          maxLength: 12,
        }),
        (writes, start, length, pieces) => {
          let m: RangeMap<number> = EMPTY;
          for (const [a, l, v] of writes) m = assign(m, a, a + l, v);
          // The new runs: consecutive pieces inside [start, end), some left empty (holes).
          const end = start + length;
          const runs: Run<number>[] = [];
          let at = start;
          for (const [l, v] of pieces) {
            const to = Math.min(end, at + l);
            if (v !== undefined && to > at) runs.push({ start: at, end: to, value: v });
            at = to;
          }
          let want = assign(m, start, end, undefined);
          for (const r of runs) want = assign(want, r.start, r.end, r.value);
          const got = assignAll(m, start, end, fromRuns(runs).chunks.flat());
          expect(toRuns(got)).toEqual(toRuns(want));
          expect(got.chunks).toEqual(want.chunks);
        },
      ),
    );
  });

  it('leaves an earlier version unchanged and shares the chunks a write does not touch', () => {
    const old = striped(2000);
    const before = structuredClone(toRuns(old));
    const next = assign(old, 1000, 1003, 7);
    expect(toRuns(old)).toEqual(before);
    expect(valueAt(old, 1001)).toBe(1);
    expect(valueAt(next, 1001)).toBe(7);
    const shared = next.chunks.filter((c) => old.chunks.includes(c)).length;
    expect(shared).toBeGreaterThanOrEqual(old.chunks.length - 3);
    // Clearing everything in a new version leaves the old one whole as well.
    expect(toRuns(assign(old, 0, 2000, undefined))).toEqual([]);
    expect(toRuns(old)).toEqual(before);
  });

  it('builds equal maps of identical chunks whatever the order of writes (canonical form)', () => {
    const direct = fromRuns([
      { start: 0, end: 500, value: 1 },
      { start: 500, end: 501, value: 2 },
      { start: 501, end: 1000, value: 1 },
    ]);
    let built = striped(1000);
    built = assign(built, 0, 1000, 1);
    built = assign(built, 500, 501, 2);
    expect(built).toEqual(direct);
    expect(striped(300)).toEqual(fromRuns(toRuns(striped(300))));
  });

  it('keeps the chunks of a map built at once along long histories of small writes past 4 GiB', () => {
    // Writes rebuild one chunk in place when its boundaries stay (rewrite's one-chunk path);
    // offsets past 2^32 are hashed from their high and low words.
    const U = 2 ** 33;
    const pieces = fc.record({
      start: fc.integer({ min: 0, max: 8 * 600 }),
      length: fc.integer({ min: 1, max: 24 }),
      value: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      fill: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 200, maxLength: 400 }), (writes) => {
        let m: RangeMap<number> = fromRuns(
          Array.from({ length: 600 }, (_, i) => ({ start: i * U, end: (i + 1) * U, value: i % 3 })),
        );
        for (const w of writes) {
          const [a, b] = [(w.start * U) / 8, ((w.start + w.length) * U) / 8];
          m = w.fill && w.value !== undefined ? fillGaps(m, a, b, w.value) : assign(m, a, b, w.value);
        }
        expect(m).toEqual(fromRuns(toRuns(m)));
      }),
      { numRuns: 40 },
    );
  });

  it('agrees with a per-unit model under random writes and gap fills', () => {
    const write = fc.record({
      start: fc.integer({ min: 0, max: 399 }),
      length: fc.integer({ min: 1, max: 40 }),
      value: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      fill: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 120 }), (writes) => {
        let m: RangeMap<number> = striped(400);
        const model = cells(m, 440);
        for (const w of writes) {
          const end = w.start + w.length;
          // fillGaps is an assign of each gap in turn, in one rebuild.
          const fill = w.fill ? w.value : undefined;
          let reference = fill === undefined ? assign(m, w.start, end, w.value) : m;
          if (fill !== undefined)
            for (const [a, b] of gaps(m, w.start, end)) reference = assign(reference, a, b, fill);
          m = fill !== undefined ? fillGaps(m, w.start, end, fill) : assign(m, w.start, end, w.value);
          expect(m).toEqual(reference);
          for (let i = w.start; i < end; i++) model[i] = fill !== undefined ? (model[i] ?? fill) : w.value;
        }
        expect(cells(m, 440)).toEqual(model);
        // Canonical: maximal runs, the same chunks as a map built from them at once.
        const runs = toRuns(m);
        expect(
          runs.every(
            (r: Run<number>, i) => i === 0 || runs[i - 1]?.end !== r.start || runs[i - 1]?.value !== r.value,
          ),
        ).toBe(true);
        expect(m).toEqual(fromRuns(runs));
      }),
      { numRuns: 200 },
    );
  });

  it('finds with a cursor the run runAt finds, for points in order, going back and jumping ahead', () => {
    // Runs with gaps over many chunks; points mostly increasing by a step or two, sometimes
    // back, sometimes far ahead, and before the first run and past the last.
    const m = fromRuns(
      Array.from({ length: 600 }, (_, i) => ({
        start: 3 * i + 10,
        end: 3 * i + 10 + (i % 3) + 1,
        value: i % 5,
      })),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -40, max: 60 }), { maxLength: 300 }), (moves) => {
        const at = runCursor(m);
        const wrong: number[] = [];
        let x = 0;
        for (const d of moves) {
          x = Math.max(0, Math.min(1900, x + (d > 50 ? 10 * d : d)));
          if (at(x) !== runAt(m, x)) wrong.push(x);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('says where two maps built apart differ by value: nowhere, or where one was written since', () => {
    // Equal content, no chunk in common: one built at once, the other a write at a time.
    const n = 2000;
    const a = striped(n);
    let b: RangeMap<number> = EMPTY;
    for (let i = 0; i < n; i++) b = assign(b, i, i + 1, i % 2);
    expect(a.chunks.length).toBeGreaterThan(20);
    expect(a.chunks.some((c, k) => c === b.chunks[k])).toBe(false);
    expect(changedSpan(a, b)).toBeUndefined();
    // One write on one side: the span is that write's runs and the neighbours it merged with.
    const c = assign(b, 700, 703, 1);
    expect(changedSpan(a, c)).toEqual([699, 704]);
    expect(changedSpan(c, a)).toEqual([699, 704]);
    // Near in identity (one chunk rebuilt into an equal one): nowhere either.
    expect(changedSpan(b, assign(assign(b, 10, 11, 5), 10, 11, 0))).toBeUndefined();
    // Written at two places: the span runs from the first change to the last...
    expect(changedSpan(a, assign(assign(b, 3, 4, 7), 200, 201, 7))).toEqual([3, 201]);
    // ...unless thousands of runs lie between: then it is the extent of the unshared chunks.
    expect(changedSpan(a, assign(assign(b, 3, 4, 7), 1990, 1991, 7))).toEqual([0, n]);
  });
});

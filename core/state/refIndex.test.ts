import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { create } from '../create.ts';
import { DEFAULT_POLICY } from '../scenario/policy.ts';
import type { GmemState, RefIndex, RefRecord } from '../types.ts';
import {
  allRefs,
  byStartThenId,
  editRefs,
  fromRefs,
  insertRef,
  NO_REFS,
  refsOverlapping,
} from './refIndex.ts';

const made = create({
  vmType: 'sw_protected',
  size: 1 << 30,
  pageSize: 4096,
  mmap: true,
  initShared: true,
  policy: DEFAULT_POLICY,
}).state as GmemState;

const pin = (id: number, start: number, pages = 1): RefRecord => ({
  id,
  kind: 'pin',
  holder: 'vfio',
  longterm: true,
  start: start * 4096,
  end: (start + pages) * 4096,
  orphan: null,
});

const overlapping = (refs: RefIndex, start: number, end: number): RefRecord[] =>
  refsOverlapping({ ...made, refs }, start, end);

/** 2,000 one-page pins, one every other page: many chunks. */
const many = fromRefs(Array.from({ length: 2000 }, (_, i) => pin(i + 1, 2 * i)));

describe('refIndex', () => {
  it('keeps the records sorted by start then id, in several chunks', () => {
    expect(many.chunks.length).toBeGreaterThan(10);
    const all = allRefs(many);
    expect(all).toHaveLength(2000);
    expect(all.toSorted(byStartThenId)).toEqual(all);
    expect(overlapping(many, 4096 * 100, 4096 * 104).map((r) => r.id)).toEqual([51, 52]);
    expect(overlapping(many, 4096 * 101, 4096 * 102)).toEqual([]);
  });

  it('finds a long reference from a query far past where it starts, and skips the chunks before it', () => {
    // One pin over the first 3,000 pages, among 2,000 one-page pins: its chunk reaches every query.
    const long = pin(9000, 0, 3000);
    const ix = insertRef(many, long);
    expect(overlapping(ix, 4096 * 2991, 4096 * 2992).map((r) => r.id)).toEqual([9000]);
    expect(overlapping(ix, 4096 * 2990, 4096 * 2993).map((r) => r.id)).toEqual([9000, 1496, 1497]);
    expect(overlapping(ix, 4096 * 3001, 4096 * 3002)).toEqual([]);
    // Without it, the reach before a page's chunk stops there: the last chunk's query is exact.
    expect(many.reach.every((x, i) => i === 0 || x >= (many.reach[i - 1] as number))).toBe(true);
    expect(overlapping(many, 4096 * 3998, 4096 * 4000).map((r) => r.id)).toEqual([2000]);
  });

  it('leaves an earlier version unchanged and shares the chunks an edit does not touch', () => {
    const before = structuredClone(allRefs(many));
    const gone = allRefs(many)[700] as RefRecord;
    const next = editRefs(many, [gone], [pin(5000, 1401, 3)]);
    expect(allRefs(many)).toEqual(before);
    expect(allRefs(next)).toHaveLength(2000);
    expect(overlapping(next, 1401 * 4096, 1402 * 4096).map((r) => r.id)).toEqual([5000]);
    expect(overlapping(many, 1400 * 4096, 1401 * 4096).map((r) => r.id)).toEqual([gone.id]);
    const shared = next.chunks.filter((c) => many.chunks.includes(c)).length;
    expect(shared).toBeGreaterThanOrEqual(many.chunks.length - 3);
  });

  it('builds equal sets of records into identical chunks whatever the order of edits', () => {
    const records = Array.from({ length: 300 }, (_, i) => pin(i + 1, (i * 37) % 500));
    const one = records.reduce((ix, r) => insertRef(ix, r), NO_REFS);
    const other = records.toReversed().reduce((ix, r) => insertRef(ix, r), NO_REFS);
    expect(one).toEqual(other);
    expect(one).toEqual(fromRefs(records));
  });

  it('finds exactly the records overlapping a range under random edits', () => {
    const edit = fc.record({
      start: fc.integer({ min: 0, max: 300 }),
      pages: fc.integer({ min: 1, max: 40 }),
      drop: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 150 }), fc.integer({ min: 0, max: 340 }), (edits, q) => {
        let ix = NO_REFS;
        let model: RefRecord[] = [];
        edits.forEach((e, i) => {
          const r = pin(i + 1, e.start, e.pages);
          const gone =
            e.drop % 3 === 0 && model.length > 0 ? [model[e.drop % model.length] as RefRecord] : [];
          ix = editRefs(ix, gone, [r]);
          model = [...model.filter((m) => !gone.includes(m)), r];
        });
        const [a, b] = [q * 4096, (q + 8) * 4096];
        const want = model.filter((r) => r.start < b && r.end > a).toSorted(byStartThenId);
        expect(overlapping(ix, a, b)).toEqual(want);
        expect(allRefs(ix)).toEqual(model.toSorted(byStartThenId));
        // The chunks an edit rebuilds, and their ends, are those of the index built at once.
        expect(ix).toEqual(fromRefs(model));
      }),
      { numRuns: 200 },
    );
  });
});

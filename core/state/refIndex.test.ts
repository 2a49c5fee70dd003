import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { create } from '../create.ts';
import { DEFAULT_POLICY } from '../scenario/policy.ts';
import type { GmemState, RefIndex, RefRecord } from '../types.ts';
import {
  allRefs,
  byStartThenId,
  changedRecords,
  changedRefSpan,
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

/** Every chunk of an index, in order (its groups' chunks). */
const chunksOf = (refs: RefIndex): (readonly RefRecord[])[] => refs.groups.flatMap((g) => g.chunks);

const overlapping = (refs: RefIndex, start: number, end: number): RefRecord[] =>
  refsOverlapping({ ...made, refs }, start, end);

/** 2,000 one-page pins, one every other page: many chunks. */
const many = fromRefs(Array.from({ length: 2000 }, (_, i) => pin(i + 1, 2 * i)));

describe('refIndex', () => {
  it('keeps the records sorted by start then id, in several chunks', () => {
    expect(chunksOf(many).length).toBeGreaterThan(10);
    expect(many.groups.length).toBeGreaterThan(4);
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
    const shared = chunksOf(next).filter((c) => chunksOf(many).includes(c)).length;
    expect(shared).toBeGreaterThanOrEqual(chunksOf(many).length - 3);
    const groups = next.groups.filter((g) => many.groups.includes(g)).length;
    expect(groups).toBeGreaterThanOrEqual(many.groups.length - 2);
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

  it('keeps two levels equal to the index built at once, and says where versions differ, under random edits of many records', () => {
    // Records over 4,000 pages, some long: many groups of chunks, edits of several at once.
    const base = Array.from({ length: 1500 }, (_, i) =>
      pin(i + 1, (i * 7919) % 4000, 1 + (i % 13 === 0 ? i % 300 : 0)),
    );
    const start = fromRefs(base);
    const edit = fc.record({
      drops: fc.array(fc.nat(), { maxLength: 4 }),
      adds: fc.array(
        fc.record({ at: fc.integer({ min: 0, max: 4100 }), pages: fc.integer({ min: 1, max: 600 }) }),
        {
          maxLength: 3,
        },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 4100 }),
        (edits, q) => {
          let ix = start;
          let model = base;
          let id = 10_000;
          for (const e of edits) {
            const before = ix;
            const gone = [...new Set(e.drops.map((d) => model[d % model.length] as RefRecord))];
            const added = e.adds.map((x) => pin(++id, x.at, x.pages));
            ix = editRefs(ix, gone, added);
            model = [...model.filter((m) => !gone.includes(m)), ...added];
            // Every record added or dropped is among the changed ones, and inside the changed span.
            const changed = changedRecords(before, ix);
            const span = changedRefSpan(before, ix);
            for (const r of [...gone, ...added]) {
              expect(changed === undefined || changed.includes(r)).toBe(true);
              expect(span).toBeDefined();
              expect(span?.[0]).toBeLessThanOrEqual(r.start);
              expect(span?.[1]).toBeGreaterThanOrEqual(r.end);
            }
          }
          expect(ix).toEqual(fromRefs(model));
          const [a, b] = [q * 4096, (q + 3) * 4096];
          const want = model.filter((r) => r.start < b && r.end > a).toSorted(byStartThenId);
          expect(overlapping(ix, a, b)).toEqual(want);
          // Versions far apart: the span still holds every record either has and the other not.
          const span = changedRefSpan(start, ix);
          for (const r of [
            ...base.filter((x) => !model.includes(x)),
            ...model.filter((x) => !base.includes(x)),
          ]) {
            expect(span?.[0]).toBeLessThanOrEqual(r.start);
            expect(span?.[1]).toBeGreaterThanOrEqual(r.end);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('says where far-apart versions differ up to the end of a long reference, not the last record of the stretch', () => {
    const gone = allRefs(many)
      .slice(10, 200)
      .filter((_, k) => k % 3 === 0);
    const next = editRefs(many, gone, [pin(9000, 11, 3000)]);
    expect(changedRecords(many, next)).toBeUndefined();
    const span = changedRefSpan(many, next);
    expect(span?.[0]).toBeLessThanOrEqual(11 * 4096);
    expect(span?.[1]).toBeGreaterThanOrEqual(3011 * 4096);
  });

  it('joins a group to the next when a drop leaves it ending on a chunk that closes no group', () => {
    // A group whose last chunk is its one record: dropped, the group ends on the chunk before,
    // which closes a chunk but not a group.
    const records = Array.from({ length: 6000 }, (_, i) => pin(i + 1, i));
    const ix = fromRefs(records);
    const g = ix.groups.findIndex((x, k) => k + 1 < ix.groups.length && x.chunks.at(-1)?.length === 1);
    expect(g).toBeGreaterThanOrEqual(0);
    const lone = ix.groups[g]?.chunks.at(-1)?.[0] as RefRecord;
    const next = editRefs(ix, [lone], []);
    expect(next).toEqual(fromRefs(records.filter((r) => r !== lone)));
    expect(next.groups.length).toBe(ix.groups.length - 1);
  });
});

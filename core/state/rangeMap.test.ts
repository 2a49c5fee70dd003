import { describe, expect, it } from 'vitest';
import { assign, covers, coveredBytes, gaps, slice, update, valueAt } from './rangeMap.ts';

describe('rangeMap', () => {
  it('assign splits, clears and re-merges runs into canonical form', () => {
    let m = assign<string>([], 0, 100, 'a');
    m = assign(m, 40, 60, 'b');
    expect(m).toEqual([
      { start: 0, end: 40, value: 'a' },
      { start: 40, end: 60, value: 'b' },
      { start: 60, end: 100, value: 'a' },
    ]);
    expect(assign(m, 40, 60, 'a')).toEqual([{ start: 0, end: 100, value: 'a' }]);
    expect(assign(m, 10, 90, undefined)).toEqual([
      { start: 0, end: 10, value: 'a' },
      { start: 90, end: 100, value: 'a' },
    ]);
    expect(valueAt(m, 59)).toBe('b');
    expect(valueAt(m, 100)).toBeUndefined();
  });

  it('compares object values field by field', () => {
    const m = assign(assign([], 0, 10, { kind: 'private', level: 4096 }), 10, 20, {
      kind: 'private',
      level: 4096,
    });
    expect(m).toHaveLength(1);
  });

  it('answers coverage, gaps and slices', () => {
    const m = assign(assign<number>([], 0, 10, 1), 20, 30, 2);
    expect(covers(m, 0, 10)).toBe(true);
    expect(covers(m, 0, 11)).toBe(false);
    expect(gaps(m, 5, 25)).toEqual([[10, 20]]);
    expect(coveredBytes(m, 5, 25)).toBe(10);
    expect(slice(m, 5, 25)).toEqual([
      { start: 5, end: 10, value: 1 },
      { start: 20, end: 25, value: 2 },
    ]);
    expect(update(m, 0, 30, (v) => (v === undefined ? 9 : v))).toEqual([
      { start: 0, end: 10, value: 1 },
      { start: 10, end: 20, value: 9 },
      { start: 20, end: 30, value: 2 },
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedUnique, sortedUniqueReference } from './sortedUnique.ts';

/** Several sorted lists one after the other, as a frame's cuts are (duplicates across them). */
const runs = fc
  .array(fc.array(fc.integer({ min: 0, max: 2 ** 36 }), { maxLength: 300 }), { maxLength: 40 })
  .map((lists) => Float64Array.from(lists.flatMap((l) => l.toSorted((a, b) => a - b))));

describe('sortedUnique', () => {
  it('equals a full sort and de-duplication for concatenated sorted lists', () => {
    fc.assert(
      fc.property(runs, (a) => {
        expect(sortedUnique(a)).toEqual(sortedUniqueReference(a));
      }),
      { numRuns: 300 },
    );
  });

  it('equals it for values in no order (past the run limit: the native sort)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
          { maxLength: 500 },
        ),
        (xs) => {
          const a = Float64Array.from(xs);
          expect(sortedUnique(a)).toEqual(sortedUniqueReference(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals it for contiguous runs and repeated values (one run, or many, with equal neighbours)', () => {
    const contiguous = fc
      .array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }), { maxLength: 6 })
      .map((lists) =>
        Float64Array.from(
          lists.flatMap((l) => {
            // A list of runs [a, b), [b, c)...: each end repeated as the next start.
            const ends = l.toSorted((a, b) => a - b);
            return ends.flatMap((e, i) => (i === 0 ? [] : [ends[i - 1] as number, e]));
          }),
        ),
      );
    fc.assert(
      fc.property(contiguous, (a) => {
        expect(sortedUnique(a)).toEqual(sortedUniqueReference(a));
      }),
      { numRuns: 300 },
    );
    expect(Array.from(sortedUnique(Float64Array.from([0, 4, 4, 8, 8, 12])))).toEqual([0, 4, 8, 12]);
    expect(Array.from(sortedUnique(Float64Array.from([1, 2, 3])))).toEqual([1, 2, 3]);
    expect(sortedUnique(new Float64Array(0)).length).toBe(0);
  });

  it('leaves its input alone', () => {
    const a = Float64Array.from([5, 1, 1, 3, 2]);
    expect(Array.from(sortedUnique(a))).toEqual([1, 2, 3, 5]);
    expect(Array.from(a)).toEqual([5, 1, 1, 3, 2]);
  });
});

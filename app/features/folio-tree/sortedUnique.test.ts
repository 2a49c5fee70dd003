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

  it('leaves its input alone', () => {
    const a = Float64Array.from([5, 1, 1, 3, 2]);
    expect(Array.from(sortedUnique(a))).toEqual([1, 2, 3, 5]);
    expect(Array.from(a)).toEqual([5, 1, 1, 3, 2]);
  });
});

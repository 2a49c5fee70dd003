import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcScale, resorted, segmentWidths, type CutLayout } from './fcScale.ts';

const G = 2 ** 30;
const M2 = 2 ** 21;
const K4 = 4096;
/** A 2G file with one shared 4K page in the middle of the second 1G block. */
const mid = G + (512 * M2) / 2;
const cuts = [G, mid, mid + K4, G + 256 * M2, G + 257 * M2];

/** A layout of cuts at these 4K pages of a 256 MiB file, its lengths sorted in full. */
function layoutOf(pages: readonly number[]): CutLayout {
  const size = 2 ** 16 * K4;
  const pts = Float64Array.from(new Set([0, ...pages.map((p) => p * K4), size])).toSorted();
  const lens = pts.subarray(1).map((p, i) => p - (pts[i] as number));
  return { size, pts, lens, sorted: lens.toSorted() };
}

describe('focus-and-context scale', () => {
  it('keeps true offsets at run boundaries and the total width fixed', () => {
    const x = fcScale(2 * G, cuts, 1000);
    expect(x(0)).toBe(0);
    expect(x(2 * G)).toBe(1000);
    for (const s of x.segments) {
      expect(x(s.start)).toBeCloseTo(s.x0, 9);
      expect(x(s.end)).toBeCloseTo(s.x1, 9);
      expect(x.invert(s.x0)).toBeCloseTo(s.start, 0);
    }
  });

  it('gives a 4K page at least 8 px at the whole-file view of 2G, compressing the rest', () => {
    const x = fcScale(2 * G, cuts, 1000);
    expect(x(mid + K4) - x(mid)).toBeGreaterThanOrEqual(8);
    const page = x.segments.find((s) => s.start === mid);
    expect(page?.stretched).toBe(true);
    expect(x.segments.find((s) => s.start === 0)?.compressed).toBe(false);
    // Linear would give the first 1G 500 px: it gives up a little for the page's minimum.
    expect(x(G)).toBeLessThan(500);
    expect(x(G)).toBeGreaterThan(480);
  });

  it('is linear when nothing needs stretching (deep zoom)', () => {
    const x = fcScale(2 * G, cuts, 1000 * 2 ** 19, -5000);
    expect(x(mid + K4) - x(mid)).toBeCloseTo((K4 * (1000 * 2 ** 19)) / (2 * G), 6);
    expect(x(G) + 5000).toBeCloseTo(500 * 2 ** 19, 3);
    expect(x.segments.every((s) => !s.compressed && !s.stretched)).toBe(true);
  });

  it('pans: screen x is the pan plus the virtual x, and invert undoes it', () => {
    const x = fcScale(2 * G, cuts, 4000, -1234);
    expect(x(0)).toBe(-1234);
    expect(x.invert(x(mid))).toBeCloseTo(mid, 0);
  });

  it('lowers the minimum when the segments are too many for it', () => {
    const many = Array.from({ length: 999 }, (_, i) => (i + 1) * 2 * K4);
    const x = fcScale(2 * G, many, 1000);
    expect(x.minPx).toBeLessThan(8);
    expect(x(2 * G)).toBe(1000);
  });

  it('property: monotonic, minimums honoured, total fixed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 19 - 1 }), { maxLength: 60 }),
        fc.integer({ min: 100, max: 100_000 }),
        (pages, total) => {
          const size = 2 ** 19 * K4;
          const x = fcScale(
            size,
            pages.map((p) => p * K4),
            total,
          );
          let last = -Infinity;
          for (const s of x.segments) {
            expect(s.x1 - s.x0).toBeGreaterThanOrEqual(x.minPx - 1e-6);
            expect(s.x0).toBeGreaterThanOrEqual(last - 1e-6);
            last = s.x1;
          }
          expect(x(size)).toBe(total);
          const probes = [0, ...pages.map((p) => p * K4 + 7), size].toSorted((a, b) => a - b);
          for (let i = 1; i < probes.length; i++)
            expect(x(probes[i] as number)).toBeGreaterThanOrEqual(x(probes[i - 1] as number));
        },
      ),
    );
  });

  it('property: a lookup does not depend on the ones before it (in order, backwards, anywhere)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 19 - 1 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 19 * K4 }), { minLength: 1, maxLength: 40 }),
        (pages, offsets) => {
          const size = 2 ** 19 * K4;
          const at = () =>
            fcScale(
              size,
              pages.map((p) => p * K4),
              1000,
              5,
            );
          const x = at();
          for (const o of offsets) {
            // A new scale has looked nothing up: what it says is the lookup on its own.
            expect(x(o)).toBe(at()(o));
            const px = at()(o);
            expect(x.invert(px)).toBe(at().invert(px));
          }
        },
      ),
    );
  });

  it('lists the compressed segments wider than a width, as the whole list would', () => {
    const many = Array.from({ length: 999 }, (_, i) => (i + 1) * 2 * K4);
    for (const x of [fcScale(2 * G, cuts, 1000), fcScale(2 * G, many, 4000, -100)])
      for (const px of [0, 24, 200])
        expect(x.compressedWiderThan(px)).toEqual(x.segments.filter((s) => s.compressed && s.x1 - s.x0 > px));
  });

  it('water-fills widths: small ones raised to the minimum, the rest share one factor', () => {
    const w = segmentWidths([1, 1000, 3000], 100, 10);
    expect(w[0]).toBe(10);
    expect((w[1] as number) / (w[2] as number)).toBeCloseTo(1 / 3, 9);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it('derives the sorted segment lengths of a nearby cut list from the last: the same as sorting them', () => {
    const before = layoutOf(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 2 ** 16));
    const moved = layoutOf([
      ...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 2 ** 16).slice(3),
      5,
      6,
      1000,
    ]);
    const derived = resorted(before, moved.pts, moved.lens);
    expect(derived).toBeDefined();
    expect(derived).toEqual(moved.sorted);
    // Another list altogether: sorted again whole.
    const other = layoutOf(Array.from({ length: 4000 }, (_, i) => (i * 104729) % 2 ** 16));
    expect(resorted(before, other.pts, other.lens)).toBeUndefined();
  });

  it('property: the sorted lengths of a nearby cut list, when derived, are the sorted ones', () => {
    const page = fc.integer({ min: 1, max: 2 ** 16 - 1 });
    fc.assert(
      fc.property(
        fc.uniqueArray(page, { maxLength: 400 }),
        fc.uniqueArray(page, { maxLength: 12 }),
        fc.uniqueArray(fc.nat(399), { maxLength: 12 }),
        (pages, more, drop) => {
          const before = layoutOf(pages);
          const after = layoutOf([...pages.filter((_, i) => !drop.includes(i)), ...more]);
          expect(resorted(before, after.pts, after.lens) ?? after.sorted).toEqual(after.sorted);
        },
      ),
      { numRuns: 300 },
    );
  });
});

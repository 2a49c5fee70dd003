import { describe, expect, it } from 'vitest';
import { sweepBands } from './sweep.ts';

describe('conversion sweep', () => {
  const from = [{ start: 0, end: 100, fill: 'a' }];
  const to = [
    { start: 0, end: 40, fill: 'a' },
    { start: 40, end: 60, fill: 'b' },
    { start: 60, end: 100, fill: 'a' },
  ];
  it('is the old row at 0 and the new row at 1', () => {
    expect(sweepBands(from, to, 0).map((b) => [b.start, b.end, b.fill])).toEqual([[0, 100, 'a']]);
    expect(sweepBands(from, to, 1).map((b) => [b.start, b.end, b.fill])).toEqual(
      to.map((b) => [b.start, b.end, b.fill]),
    );
    // Settled: the new row itself, not a copy (see MorphedBand).
    expect(sweepBands(from, to, 1)).toBe(to);
  });
  it('sweeps the new fill over exactly the changed range', () => {
    expect(sweepBands(from, to, 0.5).map((b) => [b.start, b.end, b.fill])).toEqual([
      [0, 40, 'a'],
      [40, 50, 'b'],
      [50, 100, 'a'],
    ]);
  });
  it('sweeps stripes in where a band appears', () => {
    expect(sweepBands([], [{ start: 10, end: 20, fill: 's' }], 0.3).map((b) => [b.start, b.end])).toEqual([
      [10, 13],
    ]);
  });
});

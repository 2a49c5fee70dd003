import { describe, expect, it } from 'vitest';
import { bounce, pathOf, pointAlong } from './geometry.ts';

describe('route geometry', () => {
  const L = [
    [0, 0],
    [10, 0],
    [10, 30],
  ] as const;

  it('finds the point a fraction of the way along a polyline, by length', () => {
    expect(pointAlong(L, 0)).toEqual([0, 0]);
    expect(pointAlong(L, 0.25)).toEqual([10, 0]);
    expect(pointAlong(L, 0.5)).toEqual([10, 10]);
    expect(pointAlong(L, 1)).toEqual([10, 30]);
    expect(pointAlong(L, 7)).toEqual([10, 30]);
    expect(pointAlong([], 0.5)).toEqual([0, 0]);
  });

  it('bounces out and back', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map(bounce)).toEqual([0, 0.5, 1, 0.5, 0]);
  });

  it('draws polylines as SVG paths', () => {
    expect(pathOf(L)).toBe('M0.0,0.0L10.0,0.0L10.0,30.0');
  });
});

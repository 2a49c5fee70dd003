/** Geometry of laid-out routes: pure helpers for drawing and animating along ELK's polylines. */

export type Point = readonly [number, number];

/** SVG path data of a polyline. */
export const pathOf = (points: readonly Point[]): string =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');

/** The point a fraction f (0..1, clamped) of the way along a polyline, by length. */
export function pointAlong(points: readonly Point[], f: number): Point {
  const first = points[0];
  if (first === undefined) return [0, 0];
  const lens: number[] = [];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1] as Point, points[i] as Point];
    const l = Math.hypot(b[0] - a[0], b[1] - a[1]);
    lens.push(l);
    total += l;
  }
  let left = Math.max(0, Math.min(1, f)) * total;
  for (let i = 1; i < points.length; i++) {
    const l = lens[i - 1] as number;
    const [a, b] = [points[i - 1] as Point, points[i] as Point];
    if (left <= l || i === points.length - 1) {
      const k = l === 0 ? 0 : Math.min(1, left / l);
      return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k];
    }
    left -= l;
  }
  return first;
}

/** Out and back: 0 → 1 → 0 as f goes 0 → 0.5 → 1 (a refused step bounces off its edge). */
export const bounce = (f: number): number => 1 - Math.abs(2 * Math.max(0, Math.min(1, f)) - 1);

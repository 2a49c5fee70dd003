import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { fcScale } from './fcScale.ts';
import { boundaryPath, maxZoom, onScreen, pageAtPx, span, ticks } from './geometry.ts';

const G = 2 ** 30;
const x = scaleLinear()
  .domain([0, 2 * G])
  .range([0, 1000]);
const zoomed = scaleLinear()
  .domain([0, 16 * 4096])
  .range([0, 1000]);

describe('folio-tree geometry', () => {
  it('clips spans to the view and drops what is off screen', () => {
    expect(span(x, 1000, 0, G)).toEqual({ x0: 0, x1: 500 });
    expect(span(zoomed, 1000, 0, G)).toEqual({ x0: 0, x1: 1004 });
    expect(span(zoomed, 1000, G, 2 * G)).toBeNull();
  });

  it('draws boundaries only when they are far enough apart', () => {
    expect(boundaryPath(x, 1000, 0, G, 4096, 0, 10)).toBe('');
    const d = boundaryPath(zoomed, 1000, 0, G, 4096, 0, 10);
    expect(d.match(/M/g)).toHaveLength(17);
  });

  it('bounds the boundary path by the view width on a focus-and-context scale', () => {
    // A 4K page stretched to 8 px in a 2G file zoomed x2000: the units around it are 3 px apart.
    const fcx = fcScale(2 * G, [0x601c2000, 0x601c3000], 1000 * 2000, -(0x601c2000 / (2 * G)) * 2e6 + 500);
    const d = boundaryPath(fcx, 1000, 0, 2 * G, 4096, 0, 10, 6);
    expect((d.match(/M/g) ?? []).length).toBeLessThanOrEqual(1000 / 6 + 2);
  });

  it('puts ticks at power-of-two offsets', () => {
    const t = ticks(x, 1000, 2 * G);
    expect(t[0]).toBe(0);
    expect(t.every((v) => Number.isInteger(Math.log2(t[1] ?? 1)) && v % (t[1] ?? 1) === 0)).toBe(true);
  });

  it('maps a pixel to its page and bounds the zoom', () => {
    expect(pageAtPx(zoomed, 70, 2 * G)).toBe(4096);
    expect(pageAtPx(x, 5000, 2 * G)).toBe(2 * G - 4096);
    expect(maxZoom(2 * G, 1000)).toBeCloseTo(524288 * 0.16);
  });

  it('onScreen keeps exactly the run of items span draws, at every zoom and pan', () => {
    // Runs of uneven lengths tiling a 1 GiB file, with gaps.
    const items: { start: number; end: number }[] = [];
    for (let o = 0, i = 0; o < 2 ** 30; i++) {
      const len = 4096 * (1 + ((i * 7919) % 97));
      if (i % 5 !== 3) items.push({ start: o, end: Math.min(2 ** 30, o + len) });
      o += len;
    }
    const cuts = Float64Array.from(items.flatMap((r) => [r.start, r.end]));
    for (const k of [1, 3, 64, 4096])
      for (const pan of [0, 0.25, 0.5, 0.999]) {
        const width = 800;
        const x0 = -pan * (width * k - width);
        const scale = fcScale(2 ** 30, cuts, width * k, x0);
        const drawn = items.filter((r) => span(scale, width, r.start, r.end) !== null);
        const kept = onScreen(items, scale, width);
        expect(kept).toEqual(drawn);
        // Zoomed in, most of the row is off screen.
        expect(k === 1 || kept.length < items.length / 2).toBe(true);
      }
    expect(onScreen(items, fcScale(2 ** 30, cuts, 800), 800)).toBe(items);
    expect(onScreen([], fcScale(2 ** 30, cuts, 800), 800)).toEqual([]);
  });
});

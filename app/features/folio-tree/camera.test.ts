import { describe, expect, it } from 'vitest';
import { STAGE_MIN_FRAME, firstViewport, stepWindow, zoomWindowView } from './camera.ts';
import { fcScale } from './fcScale.ts';
import { framing } from './useZoom.ts';

const G = 2 ** 30;
const M2 = 2 ** 21;
const K4 = 4096;
const WIDTH = 1000;
/** A 1G file with one shared 4K page at 512M. */
const cuts = [G / 2, G / 2 + K4];
const scaleAt = (k: number) => fcScale(G, cuts, WIDTH * k);
const touched = { start: G / 2, end: G / 2 + K4 };
const none = { zoomTo: null, touched: null, pinned: false, focused: false };

describe('the camera', () => {
  it("frames a step's range with as much again either side, never narrower than a 2M folio", () => {
    expect(stepWindow({ start: 4 * M2, end: 6 * M2 }, G)).toEqual({ start: 2 * M2, end: 8 * M2 });
    const small = stepWindow(touched, G);
    expect(small.end - small.start).toBeCloseTo(M2, 0);
    expect((small.start + small.end) / 2).toBe(G / 2 + K4 / 2);
    // The file's ends bound the window.
    expect(stepWindow({ start: 0, end: K4 }, G).start).toBe(0);
    expect(stepWindow({ start: G - K4, end: G }, G).end).toBe(G);
  });

  it('on the stage frames a 4K page 1/24 of the picture wide', () => {
    const w = stepWindow(touched, G, STAGE_MIN_FRAME);
    expect(K4 / (w.end - w.start)).toBeCloseTo(1 / 24, 5);
    const v = firstViewport({ ...none, touched, minFrame: STAGE_MIN_FRAME }, G, WIDTH, scaleAt);
    const x = scaleAt(v?.k ?? 1);
    expect(x(touched.end) - x(touched.start)).toBeGreaterThan(WIDTH / 30);
  });

  it('lands its first framing where the camera effect would: the step, else the link window', () => {
    const w = stepWindow(touched, G);
    const v = firstViewport({ ...none, touched }, G, WIDTH, scaleAt);
    expect(v).toEqual(framing(scaleAt, G, WIDTH, w.start, w.end, 1));
    expect(v?.k).toBeGreaterThan(1);
    // The framed page is on screen.
    const x = scaleAt(v?.k ?? 1);
    expect(x(touched.start) + (v?.x ?? 0)).toBeGreaterThan(0);
    expect(x(touched.end) + (v?.x ?? 0)).toBeLessThan(WIDTH);
    // A link's zoom window wins over the step.
    const zoomTo = { k: 8, start: G / 4 };
    expect(firstViewport({ ...none, touched, zoomTo }, G, WIDTH, scaleAt)).toEqual(
      zoomWindowView(zoomTo, G, WIDTH, scaleAt),
    );
  });

  it('leaves the whole file when the view is pinned, a tour focuses, or the step touched nothing', () => {
    expect(firstViewport(none, G, WIDTH, scaleAt)).toBeNull();
    expect(firstViewport({ ...none, touched, pinned: true }, G, WIDTH, scaleAt)).toBeNull();
    expect(firstViewport({ ...none, touched, focused: true }, G, WIDTH, scaleAt)).toBeNull();
  });

  it("puts a zoom window's first byte at the left edge, clamped to the file", () => {
    const v = zoomWindowView({ k: 8, start: G / 4 }, G, WIDTH, scaleAt);
    expect(v.k).toBe(8);
    expect(scaleAt(8)(G / 4 + 0.5) + v.x).toBeCloseTo(0, 6);
    const end = zoomWindowView({ k: 8, start: G - K4 }, G, WIDTH, scaleAt);
    expect(end.x).toBe(WIDTH - 8 * WIDTH);
  });
});

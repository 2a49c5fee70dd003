import { describe, expect, it } from 'vitest';
import { bandTitle, morphBands, scaleOf, titleOf, type Band } from './morph.ts';

const A = '#ff0000';
const B = '#0000ff';
/** The height factor drawn at offset o (0: nothing there). */
const at = (bs: ReturnType<typeof morphBands>, o: number) => {
  const b = bs.find((x) => x.start <= o && o < x.end);
  return b === undefined ? 0 : Number(scaleOf(b).toFixed(9));
};
const strip = (bs: readonly Band[]) => bs.map(({ start, end, fill }) => ({ start, end, fill }));

describe('morphBands', () => {
  const from: Band[] = [{ start: 0, end: 10, fill: A, title: 'old' }];
  const to: Band[] = [
    { start: 0, end: 4, fill: A, title: 'x' },
    { start: 4, end: 8, fill: B, title: 'y' },
    { start: 12, end: 16, fill: B },
  ];

  it('is the old row at 0 and exactly the new row at 1', () => {
    expect(strip(morphBands(from, to, 0))).toEqual([
      { start: 0, end: 4, fill: A },
      { start: 4, end: 8, fill: A },
      { start: 8, end: 10, fill: A },
    ]);
    // Settled: the new row itself, full height and unchanged (no copy).
    const settled = morphBands(from, to, 1);
    expect(settled).toBe(to);
    expect(settled.map(scaleOf)).toEqual([1, 1, 1]);
    expect(settled.some((b) => b.changed === true)).toBe(false);
    expect(morphBands(to, to, 0.5)).toBe(to);
  });

  it('interpolates colours, grows new bands and shrinks vanishing ones', () => {
    const m = morphBands(from, to, 0.5);
    expect(m.find((b) => b.start === 0)).toMatchObject({
      end: 4,
      fill: A,
      scale: 1,
      changed: false,
      title: 'x',
    });
    const mid = m.find((b) => b.start === 4);
    expect(mid?.fill).toBe('rgb(128, 0, 128)');
    expect(mid?.scale).toBeCloseTo(0.7);
    expect(m.find((b) => b.start === 8)).toMatchObject({ end: 10, scale: 0.5, title: 'old' });
    expect(m.find((b) => b.start === 12)).toMatchObject({ end: 16, scale: 0.5 });
  });

  it('is symmetric in time: scrubbing back retraces the same shapes', () => {
    for (const t of [0.1, 0.3, 0.7]) {
      const fwd = morphBands(from, to, t);
      const back = morphBands(to, from, 1 - t);
      for (const o of [0, 5, 9, 11, 13]) expect(at(fwd, o)).toBe(at(back, o));
    }
  });

  it("keeps apart neighbours that share a row's title function but not what it spells, and spells each", () => {
    const spell = titleOf((r: { name: string }) => `run ${r.name}`);
    const p = { name: 'p' };
    const q = { name: 'q' };
    // Same fill on both sides of 5: only `about` tells the two runs apart.
    const whole: Band[] = [{ start: 0, end: 10, fill: A, title: spell, about: p }];
    const halves: Band[] = [
      { start: 0, end: 5, fill: A, title: spell, about: p },
      { start: 5, end: 10, fill: A, title: spell, about: q },
    ];
    const m = morphBands(whole, halves, 0.5);
    expect(m.map((b) => [b.start, b.end, bandTitle(b)])).toEqual([
      [0, 5, 'run p'],
      [5, 10, 'run q'],
    ]);
    // Pieces of one band (cut by the other row's edges) are drawn as one.
    const one = morphBands(
      halves.slice(0, 1),
      [
        { start: 0, end: 5, fill: A, title: spell, about: p },
        { start: 5, end: 7, fill: B },
      ],
      0.5,
    );
    expect(one.filter((b) => b.fill === A).map((b) => [b.start, b.end, bandTitle(b)])).toEqual([
      [0, 5, 'run p'],
    ]);
  });
});

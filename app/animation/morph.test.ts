import { describe, expect, it } from 'vitest';
import { prng } from '../../core/index.ts';
import { bandTitle, morphBands, overlay, scaleOf, titleOf, type Band } from './morph.ts';

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

/** Random sorted rows with gaps, bands touching and shared boundaries (a small PRNG: the same rows every run). */
const rows = (seed: number): [Band[], Band[]] => {
  const next = prng(seed);
  const r = (n: number) => Math.floor(next() * n);
  const row = (): Band[] => {
    const out: Band[] = [];
    for (let pos = r(3); out.length < 12;) {
      const end = pos + 1 + r(4);
      out.push({ start: pos, end, fill: r(2) === 0 ? A : B });
      pos = end + r(2) * r(3);
    }
    return out;
  };
  return [row(), row()];
};
/** The stretches between every two consecutive boundaries of either row, with what covers each. */
const naive = (from: Band[], to: Band[]) => {
  const xs = [...new Set([...from, ...to].flatMap((b) => [b.start, b.end]))].toSorted((p, q) => p - q);
  return xs.slice(1).map((end, k) => {
    const start = xs[k] as number;
    const cover = (row: Band[]) => row.find((b) => b.start <= start && start < b.end);
    return { start, end, from: cover(from), to: cover(to) };
  });
};

describe('overlay', () => {
  it('cuts two rows at every boundary of either, with the band of each over every stretch', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const [from, to] = rows(seed);
      expect(overlay(from, to), `seed ${seed}`).toEqual(naive(from, to));
    }
    const [one] = rows(7);
    expect(overlay([], one)).toEqual(naive([], one));
    expect(overlay(one, [])).toEqual(naive(one, []));
    expect(overlay([], [])).toEqual([]);
  });

  it('is computed once for a pair of rows an animation asks at every frame', () => {
    const [from, to] = rows(3);
    expect(overlay(from, to)).toBe(overlay(from, to));
  });
});

import { describe, expect, it } from 'vitest';
import { prng } from '../../core/index.ts';
import {
  bandTitle,
  mix,
  morphBands,
  overlay,
  scaleOf,
  titleOf,
  type Band,
  type MorphedBand,
} from './morph.ts';
import { sweepBands } from '../features/folio-tree/sweep.ts';

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

const spelled = titleOf((a: { name: string } | undefined) => `about ${a?.name}`);

/** Rows whose neighbours differ in fill, title or what they are about, or in none of them. */
const richRows = (seed: number): [Band[], Band[]] => {
  const next = prng(seed);
  const r = (n: number) => Math.floor(next() * n);
  const abouts = [{ name: 'p' }, { name: 'q' }];
  const row = (): Band[] => {
    const out: Band[] = [];
    for (let pos = r(3); out.length < 16;) {
      const end = pos + 1 + r(4);
      const title = [undefined, 'x', 'y', spelled][r(4)];
      const about = [undefined, ...abouts][r(3)];
      out.push({
        start: pos,
        end,
        fill: [A, B, 'url(#stripes)'][r(3)] as string,
        ...(title === undefined ? {} : { title }),
        ...(about === undefined ? {} : { about }),
      });
      pos = end + r(2) * r(3);
    }
    return out;
  };
  return [row(), row()];
};

/** The morph as it was first written: every stretch made again at every frame (the oracle). */
function morphEveryStretch(from: readonly Band[], to: readonly Band[], t: number): MorphedBand[] {
  const out: MorphedBand[] = [];
  for (const { start: a, end: b, from: f, to: g } of overlay(from, to)) {
    if (f === undefined && g === undefined) continue;
    const changed = f?.fill !== g?.fill;
    const scale =
      f === undefined ? t : g === undefined ? 1 - t : changed ? 1 - 0.3 * Math.sin(Math.PI * t) : 1;
    if (scale <= 0) continue;
    const fill = mix(f?.fill ?? (g as Band).fill, g?.fill ?? (f as Band).fill, t);
    const title = (g ?? f)?.title;
    const about = (g ?? f)?.about;
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      prev.end === a &&
      prev.fill === fill &&
      prev.scale === scale &&
      prev.changed === changed &&
      prev.title === title &&
      prev.about === about
    )
      out[out.length - 1] = { ...prev, end: b };
    else
      out.push({
        start: a,
        end: b,
        fill,
        scale,
        changed,
        ...(title === undefined ? {} : { title }),
        ...(about === undefined ? {} : { about }),
      });
  }
  return out;
}

/** The sweep as it was first written (the oracle). */
function sweepEveryStretch(from: readonly Band[], to: readonly Band[], t: number): MorphedBand[] {
  const out: MorphedBand[] = [];
  const push = (start: number, end: number, b: Band | undefined, changed: boolean): void => {
    if (b === undefined || end <= start) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === start && last.fill === b.fill)
      out[out.length - 1] = { ...last, end, changed: last.changed === true || changed };
    else out.push({ ...b, start, end, scale: 1, changed });
  };
  for (const { start: a, end: b, from: f, to: g } of overlay(from, to)) {
    if (f?.fill === g?.fill) {
      push(a, b, g, false);
      continue;
    }
    const m = a + Math.round((b - a) * Math.max(0, t));
    push(a, m, g, true);
    push(m, b, f, true);
  }
  return out;
}

/** The same bands: the same fields, each the very same value (a title function too). */
const sameBands = (a: readonly MorphedBand[], b: readonly MorphedBand[]): boolean =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i] as MorphedBand;
    const kx = Object.keys(x).toSorted();
    const ky = Object.keys(y).toSorted();
    return (
      kx.join() === ky.join() &&
      kx.every(
        (k) => (x as unknown as Record<string, unknown>)[k] === (y as unknown as Record<string, unknown>)[k],
      )
    );
  });

describe('a frame of a morph or a sweep, the still stretches built once per pair of rows', () => {
  const TIMES = [0, 0.01, 0.2, 0.37, 0.5, 0.63, 0.9, 0.99];

  it('equals every stretch made again at every frame, band for band', () => {
    const wrong: string[] = [];
    for (let seed = 1; seed <= 120; seed++) {
      const [from, to] = richRows(seed);
      for (const t of TIMES) {
        if (!sameBands(morphBands(from, to, t), morphEveryStretch(from, to, t)))
          wrong.push(`morph seed ${seed} t ${t}`);
        if (!sameBands(sweepBands(from, to, t), sweepEveryStretch(from, to, t)))
          wrong.push(`sweep seed ${seed} t ${t}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives two frames of one pair the same still bands, and makes only the moving ones', () => {
    const from: Band[] = [
      { start: 0, end: 4, fill: A, title: 'x' },
      { start: 4, end: 8, fill: B, title: 'y' },
      { start: 8, end: 12, fill: A, title: 'z' },
    ];
    // The middle changes to a fill neither neighbour has: no frame joins it to them.
    const to: Band[] = [
      from[0] as Band,
      { start: 4, end: 8, fill: 'url(#stripes)', title: 'y' },
      from[2] as Band,
    ];
    for (const f of [morphBands, sweepBands]) {
      const early = f(from, to, 0.25);
      const late = f(from, to, 0.75);
      expect(early[0]).toBe(late[0]);
      expect(early.at(-1)).toBe(late.at(-1));
      expect(early).not.toEqual(late);
    }
  });
});

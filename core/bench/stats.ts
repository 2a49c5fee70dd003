/**
 * Honest figures: every run counts (the first, cold one too), garbage collection is left to
 * happen when it happens, and the spread is printed as min / median / max.
 */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

const now = (): number => performance.now();

export function spread(samples: readonly number[]): Spread {
  const xs = samples.toSorted((a, b) => a - b);
  const at = (q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
  return { min: xs[0] ?? NaN, median: at(0.5), max: xs[xs.length - 1] ?? NaN };
}

/** The q-quantile (0..1) of `samples`. */
export function quantile(samples: readonly number[], q: number): number {
  const xs = samples.toSorted((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
}

/** The times of `runs` runs of `f` in a row, the first run included. */
export function sampleRuns(runs: number, f: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    f();
    samples.push(now() - t);
  }
  return samples;
}

export const timeRuns = (runs: number, f: () => void): Spread => spread(sampleRuns(runs, f));

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

export const showSpread = (s: Spread, unit = 'ms'): string =>
  `${fmt(s.median)} ${unit} median (min ${fmt(s.min)}, max ${fmt(s.max)})`;

export const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;

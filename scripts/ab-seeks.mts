/**
 * Two builds' seeks compared pair by pair (issue 11). This machine's speed moves by half
 * within minutes (other loads share its two cores), and two runs of one build differ by as
 * much as a change gains: builds are compared only run by run, one right after the other.
 * Runs `profile-history.mts --times` on each build in turn, N pairs (the order alternates),
 * and prints every pair's figures and the median of their differences.
 *
 *   npx vite build --outDir /tmp/a && (checkout B) && npx vite build --outDir /tmp/b
 *   npx tsx scripts/ab-seeks.mts /tmp/a /tmp/b [--pairs 3] [--seeks 300] [--throttle N]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { quantile } from '../core/bench/stats.ts';
import { option, positionals } from './args.ts';

const [a, b] = positionals();
if (a === undefined || b === undefined) {
  console.error('usage: npx tsx scripts/ab-seeks.mts A_DIST B_DIST [--pairs 3] [--seeks 300] [--throttle N]');
  process.exit(2);
}
const arg = option;
const PAIRS = Number(arg('pairs', '3'));
const passOn = ['--seeks', arg('seeks', '300'), '--throttle', arg('throttle', '1')];
const PROFILER = fileURLToPath(new URL('./profile-history.mts', import.meta.url));

/** The figures of one run, read from profile-history's --times lines. */
const FIGURES = {
  'seek p50': /seeks p50 ([\d.]+)/,
  'seek p95': /seeks p50 [\d.]+ p95 ([\d.]+)/,
  'first 50 p95': /first 50 p95 ([\d.]+)/,
  'other p95': /other p95 ([\d.]+)/,
  'CPU a seek': /all tasks ([\d.]+)/,
} as const;
type Figure = keyof typeof FIGURES;

function run(dist: string): Record<Figure, number> {
  const out = execFileSync('npx', ['tsx', PROFILER, '--dist', dist, '--times', ...passOn], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const read = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
  return Object.fromEntries(Object.entries(FIGURES).map(([k, re]) => [k, read(re)])) as Record<
    Figure,
    number
  >;
}

const diffs = new Map<Figure, number[]>();
for (let p = 0; p < PAIRS; p++) {
  // A then B, then B then A: what the machine does over a pair weighs on both sides.
  const [first, second] = p % 2 === 0 ? [a, b] : [b, a];
  const x = run(first);
  const y = run(second);
  const [ra, rb] = first === a ? [x, y] : [y, x];
  console.log(`pair ${p + 1}:`);
  for (const k of Object.keys(FIGURES) as Figure[]) {
    console.log(`  ${k.padEnd(13)} A ${ra[k].toFixed(1).padStart(6)}  B ${rb[k].toFixed(1).padStart(6)} ms`);
    diffs.set(k, [...(diffs.get(k) ?? []), rb[k] - ra[k]]);
  }
}
console.log(`B - A, median of ${PAIRS} pairs (A ${a}, B ${b}):`);
for (const [k, d] of diffs) {
  const m = quantile(d, 0.5);
  console.log(
    `  ${k.padEnd(13)} ${m >= 0 ? '+' : ''}${m.toFixed(1)} ms (${d.map((x) => x.toFixed(1)).join(', ')})`,
  );
}

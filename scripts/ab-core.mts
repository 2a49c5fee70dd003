/**
 * Two cores compared in one process, round by round (issue 11). This machine's speed moves
 * by half within minutes, so two bench runs differ by as much as a change gains: the cores
 * of two checkouts (each its own modules) run the bench's workload in turns, A then B,
 * then B then A, and the min / median of each (the first two rounds left out) are printed.
 *
 *   git worktree add /tmp/old <commit> && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   npx tsx scripts/ab-core.mts /tmp/old . [--size mib|gib|tib] [--mode derive|read|none]
 *     [--ops 10000] [--rounds 14]
 * --mode: apply alone (none), with observe and checkInvariants after every step (derive,
 * the default), or with every list of every observation read too (read).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spread } from '../core/bench/stats.ts';
// The geometries, and what a trace writer reads (plain data and the trace format's list
// names: the same for any checkout's core).
import { GEOMETRIES, readAll } from '../core/bench/workload.ts';
import { option, positionals } from './args.ts';
import type * as CoreModule from '../core/index.ts';
import type * as WorkloadModule from '../core/bench/workload.ts';

const [a, b] = positionals();
if (a === undefined || b === undefined) {
  console.error(
    'usage: npx tsx scripts/ab-core.mts A_CHECKOUT B_CHECKOUT [--size gib] [--mode derive] [--ops 10000] [--rounds 14]',
  );
  process.exit(2);
}
const arg = option;
const SIZE = arg('size', 'gib');
const MODE = arg('mode', 'derive');
const OPS = Number(arg('ops', '10000'));
const ROUNDS = Number(arg('rounds', '14'));
if (!Object.hasOwn(GEOMETRIES, SIZE) || !['none', 'derive', 'read'].includes(MODE) || !(ROUNDS > 2))
  throw new Error('--size is mib, gib or tib; --mode none, derive or read; --rounds more than 2');

type Round = () => number;
type Core = typeof CoreModule;
type Workload = typeof WorkloadModule;

/** One round of the bench's workload on a checkout's core (its own modules: another path). */
async function load(root: string): Promise<Round> {
  const core = (await import(pathToFileURL(join(resolve(root), 'core/index.ts')).href)) as Core;
  const { meaningfulOps } = (await import(
    pathToFileURL(join(resolve(root), 'core/bench/workload.ts')).href
  )) as Workload;
  const { apply, checkInvariants, create, observe } = core;
  const s0 = create(GEOMETRIES[SIZE as keyof typeof GEOMETRIES][1]).state;
  if (s0 === null) throw new Error(`${root}: creation refused`);
  const ops = meaningfulOps(s0, OPS, 1).ops;
  return () => {
    const t = performance.now();
    let s = s0;
    for (const op of ops) {
      s = apply(s, op).state;
      if (MODE === 'none') continue;
      const o = observe(s);
      if (MODE === 'read') readAll(o);
      checkInvariants(s);
    }
    return performance.now() - t;
  };
}

const runA = await load(a);
const runB = await load(b);
const ta: number[] = [];
const tb: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) {
    ta.push(runA());
    tb.push(runB());
  } else {
    tb.push(runB());
    ta.push(runA());
  }
}
/** min / median of the rounds after the first two (the code still being compiled then). */
const show = (xs: number[]): string => {
  const { min, median } = spread(xs.slice(2));
  return `${min.toFixed(0)} / ${median.toFixed(0)} ms`;
};
console.log(`${SIZE}, ${OPS} ops, ${MODE}, ${ROUNDS} rounds each (min / median):`);
console.log(`  A ${a}: ${show(ta)}`);
console.log(`  B ${b}: ${show(tb)}`);

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
// What a trace writer reads (the list names are the trace format's: the same in any checkout).
import { readAll } from '../core/bench/workload.ts';
import type * as CoreModule from '../core/index.ts';
import type * as WorkloadModule from '../core/bench/workload.ts';

const [a, b] = process.argv
  .slice(2)
  .filter((x, i, all) => !x.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (a === undefined || b === undefined) {
  console.error(
    'usage: npx tsx scripts/ab-core.mts A_CHECKOUT B_CHECKOUT [--size gib] [--mode derive] [--ops 10000] [--rounds 14]',
  );
  process.exit(2);
}
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : (process.argv[i + 1] ?? dflt);
};
const SIZE = arg('size', 'gib');
const MODE = arg('mode', 'derive');
const OPS = Number(arg('ops', '10000'));
const ROUNDS = Number(arg('rounds', '14'));
if (!['mib', 'gib', 'tib'].includes(SIZE) || !['none', 'derive', 'read'].includes(MODE) || !(ROUNDS > 2))
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
  const { apply, checkInvariants, create, DEFAULT_POLICY, observe, PAGE, SIZE_1G } = core;
  const geometry =
    SIZE === 'mib'
      ? { size: 64 * 1024 * 1024, pageSize: PAGE }
      : { size: (SIZE === 'gib' ? 64 : 1024) * SIZE_1G, pageSize: SIZE_1G };
  const s0 = create({
    vmType: 'sw_protected',
    ...geometry,
    mmap: true,
    initShared: false,
    policy: DEFAULT_POLICY,
  }).state;
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
  const warm = xs.slice(2).toSorted((x, y) => x - y);
  return `${(warm[0] as number).toFixed(0)} / ${(warm[warm.length >> 1] as number).toFixed(0)} ms`;
};
console.log(`${SIZE}, ${OPS} ops, ${MODE}, ${ROUNDS} rounds each (min / median):`);
console.log(`  A ${a}: ${show(ta)}`);
console.log(`  B ${b}: ${show(tb)}`);

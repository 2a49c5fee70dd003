/**
 * npm run bench: figures for the record (never asserted in tests). Every figure is the
 * min / median / max of several runs, the first (cold) run and garbage collection included.
 *  1. meaningful workloads (see workload.ts; the accepted / refused / no-op mix is printed) of
 *     1k, 10k and 100k ops on 64 MiB of 4K pages, 64 GiB and 1 TiB of 1G folios: apply alone,
 *     and apply + observe + checkInvariants after every step (what the runner and the app pay);
 *     at 10k also with every list of every observation read (each made when read: what a JSON
 *     trace writer pays before serialising).
 *     The 10k and 100k runs are interleaved (see interleaved); the ratio of their medians is
 *     followed by the spread of the ratios run by run (each 100k run over the 10k run just
 *     before it).
 *     Targets: 10k ops with observe + invariants <= 100 ms median in a warm process (10 runs
 *     up to 10k ops, 5 at 100k: see runsFor); 100k <= 10x the 10k figure.
 *     Each size runs in a process of its own (as the command line runs one scenario); the
 *     last line gives 64 GiB's 10k figure right after 64 MiB's in one process.
 *     Then, per 10k-op slice of the 100k stream, its time in those 100k runs (median, min,
 *     max) and what its last state holds (runs, reference records, orphans): a step's cost
 *     follows the state, not the length of the history.
 *  2. the 1 TiB file with one shared 4K page in every GiB: time and heap (target <= 50 MB).
 *  3. the naive per-4K reference model and the core on the same 10k-op workload over 1 GiB,
 *     A/B in one process (target: core >= 100x faster).
 *  4. share-link length of 200 random 50-step scenarios: median and max of the whole URL.
 *  (5. is scripts/bench-app.ts, which npm run bench runs next: the app store's seeks.)
 *  6. the race explorer (spec/races.md §8): states, interleavings and exploration time of
 *     every worked example (target for e3: < 1 s in Node).
 *  7. the command line, `run - --format text` on a 10,000-step scenario (target <= 5 s).
 *  8. a VMM holding 1,000, 10,000 and 50,000 live pins: the cost of a step among them (pins,
 *     unpins, conversions; with observe + invariants) should not follow the number of pins.
 * `--pins` prints section 8 alone.
 * FOLIOSCOPE_BENCH_BUDGET_S (default 15) bounds each measurement: one over budget says how far it got.
 */
import {
  allRefs,
  apply,
  checkInvariants,
  create,
  encodeScenario,
  observe,
  PAGE,
  scenarioToJson,
  SIZE_1G,
  SIZE_2M,
  type GmemConfig,
  type GmemState,
  type Op,
} from '../index.ts';
import { spawnSync } from 'node:child_process';
import { benchNaive } from '../reference/naive.ts';
import { EXAMPLE_RUNS, WORKED_EXAMPLES } from '../race/examples.ts';
import { exploreSpec, type RaceSpec } from '../race/testkit.ts';
import { mb, quantile, sampleRuns, showSpread, spread, timeRuns } from './stats.ts';
import {
  benchConfig,
  GEOMETRIES,
  meaningfulOps,
  pinnedOps,
  prng,
  readAll,
  type Workload,
} from './workload.ts';

const budgetMs = Number(process.env['FOLIOSCOPE_BENCH_BUDGET_S'] ?? 15) * 1000;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const start = (c: GmemConfig): GmemState => {
  const s = create(c).state;
  if (s === null) throw new Error('bench: creation refused');
  return s;
};

/**
 * What a step derives from its state: nothing (apply alone); the observation and the
 * invariants, what the runner and the app derive at every step; or those and every list of the
 * observation read (an observation makes its lists when they are read: what a JSON trace
 * writer pays before it serialises them).
 */
type Derive = 'none' | 'derive' | 'read';

/** One step: apply, and what `derive` says the runner and the app derive from its state. */
function step(s: GmemState, op: Op, derive: Derive): GmemState {
  const next = apply(s, op).state;
  if (derive !== 'none') {
    const o = observe(next);
    if (derive === 'read') readAll(o);
    checkInvariants(next);
  }
  return next;
}

/** Ops per slice of a long stream (the 100k one's slices are timed one by one). */
const SLICE = 10_000;

/**
 * Applies the ops in order; stops at the deadline and returns how many were applied. With
 * `laps`, the time at the start and after every SLICE ops is pushed to it (a clock read per
 * 10k steps: nothing a figure would show).
 */
function applyAll(
  s0: GmemState,
  ops: readonly Op[],
  derive: Derive,
  deadline = Infinity,
  laps?: number[],
): number {
  let s = s0;
  laps?.push(performance.now());
  for (let i = 0; i < ops.length; i++) {
    s = step(s, ops[i] as Op, derive);
    if (laps !== undefined && ((i + 1) % SLICE === 0 || i + 1 === ops.length)) laps.push(performance.now());
    if (i % 64 === 63 && performance.now() > deadline) return i + 1;
  }
  return ops.length;
}

/** A measurement's printed figure, and its median when every run finished within the budget. */
interface Figure {
  readonly text: string;
  readonly median?: number;
}

/** A first (cold) run: how long it took, and how many ops it applied before the deadline. */
interface First {
  readonly ms: number;
  readonly done: number;
}

function firstRun(s0: GmemState, ops: readonly Op[], derive: Derive, lap?: number[]): First {
  const t = performance.now();
  const done = applyAll(s0, ops, derive, t + budgetMs, lap);
  return { ms: performance.now() - t, done };
}

const overBudget = (f: First, ops: readonly Op[]): Figure => ({
  text: `over budget: ${f.done.toLocaleString('en')} of ${ops.length.toLocaleString('en')} ops in ${(f.ms / 1000).toFixed(1)} s`,
});

/** Runs after the first: `runs` - 1, or 1 when that many would take over the budget. */
const moreRuns = (f: First, runs: number): number => (f.ms * runs > budgetMs ? 1 : runs - 1);

const figure = (times: readonly number[]): Figure => {
  const all = spread(times);
  return { text: `${showSpread(all)} of ${times.length} runs`, median: all.median };
};

/** A run-list maker for `laps` (see measure): each call adds one list, pushed to by one run. */
const lapper = (laps?: number[][]) => (): number[] | undefined => {
  if (laps === undefined) return undefined;
  const mine: number[] = [];
  laps.push(mine);
  return mine;
};

/** One timed run of the ops from s0, to the end. */
function runTimed(s0: GmemState, ops: readonly Op[], derive: Derive, lap?: number[]): number {
  const t = performance.now();
  applyAll(s0, ops, derive, Infinity, lap);
  return performance.now() - t;
}

/**
 * min/median/max of `runs` runs (every one counted, the first too), or how far the first run
 * got within the budget; a list whose runs would take over the budget runs twice. With
 * `laps`, each run's slice times (see applyAll) are pushed to it, one list per run.
 */
function measure(s0: GmemState, ops: readonly Op[], derive: Derive, runs = 5, laps?: number[][]): Figure {
  const lap = lapper(laps);
  const first = firstRun(s0, ops, derive, lap());
  if (first.done < ops.length) return overBudget(first, ops);
  return figure([
    first.ms,
    ...sampleRuns(moreRuns(first, runs), () => applyAll(s0, ops, derive, Infinity, lap())),
  ]);
}

/**
 * The figures of a short op list and a long one (a prefix of it), their runs interleaved:
 * S L S S L S S L ... (runsFor each, the first of each counted). Measured one list after the
 * other, the short runs came first, while V8 was still compiling the derivation and under
 * whatever load the machine had then: the long-over-short ratio (issue 11's linearity) moved
 * with the order, not with the core (10.2-11.6x interleaved where one after the other gave
 * 6.7-11.5x, the same day). `laps` as in measure, for the long runs.
 */
function interleaved(
  s0: GmemState,
  short: readonly Op[],
  long: readonly Op[],
  derive: Derive,
  laps?: number[][],
): Interleaved {
  const lap = lapper(laps);
  const s = firstRun(s0, short, derive);
  if (s.done < short.length)
    return {
      short: overBudget(s, short),
      long: measure(s0, long, derive, runsFor(long.length), laps),
      pairs: [],
    };
  const l = firstRun(s0, long, derive, lap());
  const shortMore = moreRuns(s, runsFor(short.length));
  if (l.done < long.length)
    return { short: measure(s0, short, derive, runsFor(short.length)), long: overBudget(l, long), pairs: [] };
  const longMore = moreRuns(l, runsFor(long.length));
  const st = [s.ms];
  const lt = [l.ms];
  // The first runs are left out: the first short one runs code V8 has not compiled yet.
  const pairs: number[] = [];
  // The short runs spread evenly among the long ones, the rest after the last.
  const per = Math.floor(shortMore / (longMore + 1));
  for (let k = 0; k < longMore; k++) {
    for (let i = 0; i < per; i++) st.push(runTimed(s0, short, derive));
    lt.push(runTimed(s0, long, derive, lap()));
    if (per > 0) pairs.push((lt[lt.length - 1] as number) / (st[st.length - 1] as number));
  }
  while (st.length < shortMore + 1) st.push(runTimed(s0, short, derive));
  return { short: figure(st), long: figure(lt), pairs };
}

/**
 * interleaved's figures, and the ratio of each long run after the first to the short run just
 * before it: two runs a moment apart share the machine's load of that moment, so the spread of
 * these ratios shows how far the ratio of the medians can be trusted.
 */
interface Interleaved {
  readonly short: Figure;
  readonly long: Figure;
  readonly pairs: readonly number[];
}

/** "9.8x" of two medians with the spread of the paired ratios, or why there is no ratio. */
function ratioLine(x: Interleaved): string {
  const r = ratio(x.long.median, x.short.median);
  if (x.pairs.length === 0) return r;
  const p = spread(x.pairs);
  return `${r} (run by run: ${p.median.toFixed(1)}x median, min ${p.min.toFixed(1)}, max ${p.max.toFixed(1)} of ${x.pairs.length} pairs)`;
}

/** "9.8x" of two medians, or why there is no ratio. */
const ratio = (big: number | undefined, small: number | undefined): string =>
  big === undefined || small === undefined ? 'n/a (over budget)' : `${(big / small).toFixed(1)}x`;

const SIZES: readonly (readonly [string, GmemConfig])[] = Object.values(GEOMETRIES);

/**
 * Runs per figure: 10 up to 10k ops, 5 for 100k. The 10k target is for a warm process, and V8
 * is still compiling the derivation's code through its first ~30k steps (10k rounds went
 * 103 / 88 / 80 / 58 / 60 ms in a fresh 64 MiB process, then 55-61): with 5 runs that warm-up
 * set the median. Every run still counts, the first one too.
 */
const runsFor = (n: number): number => (n <= 10_000 ? 10 : 5);

/** The 1k, 10k and 100k workloads of one stream (the same seed: each a prefix of the next). */
const streams = (s0: GmemState): readonly Workload[] =>
  [1_000, 10_000, 100_000].map((n) => meaningfulOps(s0, n, 1));

/**
 * One geometry's figures: 1k, 10k and 100k ops, their ratio, and the 100k stream's slices.
 * The op streams are prefixes of one another, so the 100k figure over the 10k one measures
 * the cost per step along one history (issue 11's linearity); their runs are interleaved.
 */
function geometry(name: string, cfg: GmemConfig): void {
  const s0 = start(cfg);
  const [w1, w10, w100] = streams(s0) as [Workload, Workload, Workload];
  const laps: number[][] = [];
  const aloneLong = interleaved(s0, w10.ops, w100.ops, 'none');
  const alone = [measure(s0, w1.ops, 'none', runsFor(1_000)), aloneLong.short, aloneLong.long];
  const derivedLong = interleaved(s0, w10.ops, w100.ops, 'derive', laps);
  const derived = [measure(s0, w1.ops, 'derive', runsFor(1_000)), derivedLong.short, derivedLong.long];
  const read = measure(s0, w10.ops, 'read', runsFor(10_000));
  [w1, w10, w100].forEach((w, k) => {
    const { accepted, refused, noop } = w.mix;
    console.log(
      `   ${name}, ${w.ops.length.toLocaleString('en')} ops (${accepted} accepted, ${refused} refused, ${noop} no-op):` +
        `\n     apply alone: ${alone[k]?.text}` +
        `\n     apply + observe + invariants: ${derived[k]?.text}` +
        (w === w10 ? `\n     the same, every list of every observation read: ${read.text}` : ''),
    );
  });
  console.log(
    `   ${name}, 100k over 10k (medians, their runs interleaved; target <= 10x): apply alone ${ratioLine(aloneLong)}, apply + observe + invariants ${ratioLine(derivedLong)}`,
  );
  console.log(`   ${name}, ${slices(s0, w100.ops, laps)}`);
}

/**
 * Each geometry in a process of its own, as the command line runs a scenario: V8's type
 * feedback and inlining from one geometry's workload slow the next one's (64 GiB after
 * 64 MiB: ~15-20% here, measured), which says which came first, not what a step costs. That
 * cost is not hidden: the last line measures 64 GiB after 64 MiB in one process.
 */
function workloads(): void {
  console.log(
    '1. meaningful workloads (one op stream per size: the 1k and 10k ops are the first of the 100k; each size in a process of its own)',
  );
  for (let g = 0; g < SIZES.length; g++) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1] as string, '--geometry', String(g)],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (r.status !== 0) throw new Error(`bench: the ${SIZES[g]?.[0]} workload exited ${r.status}`);
  }
  const { mib, gib } = GEOMETRIES;
  measure(start(mib[1]), meaningfulOps(start(mib[1]), 10_000, 1).ops, 'derive');
  const after = measure(start(gib[1]), meaningfulOps(start(gib[1]), 10_000, 1).ops, 'derive');
  console.log(
    `   ${gib[0]}, 10,000 ops, apply + observe + invariants, in one process right after ${mib[0]}'s 10k: ${after.text}`,
  );
}

/**
 * What a state holds that a step's cost follows: the runs its observation lists (what a step
 * that changes them copies), its references and its orphans (what a release, a pin or a
 * conversion reads on a folio).
 */
const held = (s: GmemState): string =>
  `${readAll(observe(s)).toLocaleString('en')} runs, ${allRefs(s.refs).length} reference records, ${s.orphans.length} orphans`;

/**
 * The 100k runs' times per 10k-op slice (median, min and max over the runs that finished),
 * with what the state holds at each slice's end: where the slices differ, the states do (the
 * history grows the same at each). The states come from a pass of apply alone, not timed.
 */
function slices(s0: GmemState, ops: readonly Op[], laps: readonly (readonly number[])[]): string {
  const whole = laps.filter((l) => l.length === Math.ceil(ops.length / SLICE) + 1);
  const times = (whole[0] ?? []).slice(1).map((_, k) => {
    const t = spread(whole.map((l) => (l[k + 1] as number) - (l[k] as number)));
    return `${t.median.toFixed(0)} (${t.min.toFixed(0)}-${t.max.toFixed(0)})`;
  });
  const states: string[] = [];
  let s = s0;
  for (let from = 0; from < ops.length; from += SLICE) {
    for (let i = from; i < Math.min(ops.length, from + SLICE); i++) s = apply(s, ops[i] as Op).state;
    states.push(held(s));
  }
  const timed =
    whole.length === 0
      ? 'no run finished within the budget'
      : `median (min-max) of ${whole.length} runs: ${times.join(' / ')} ms`;
  return `each 10k-op slice of the 100k stream, apply + observe + invariants, ${timed}; at each slice's end: ${states.join(' / ')}`;
}

function terabyte(): void {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const size = 1024 * SIZE_1G;
  let s = start(benchConfig(size, SIZE_1G));
  for (let g = 0; g < 1024; g++)
    s = apply(s, { op: 'convert', offset: g * SIZE_1G, length: PAGE, to: 'shared' }).state;
  s = apply(s, { op: 'allocate', offset: 0, length: size }).state;
  s = apply(s, { op: 'hostMap', offset: 0, length: size }).state;
  for (let g = 0; g < 1024; g++) s = apply(s, { op: 'hostAccess', offset: g * SIZE_1G, write: true }).state;
  const ms = performance.now() - t;
  const runs = observe(s).folios.length;
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  const rough = (globalThis as { gc?: unknown }).gc === undefined ? ' (no --expose-gc: rough)' : '';
  console.log(
    `2. 1 TiB of 1G folios, one shared 4K page per GiB, mapped and touched: ${ms.toFixed(0)} ms for 2,050 steps; ${runs} folio runs; heap ${mb(heap)}${rough} (target <= 50 MB)`,
  );
}

function naiveVsCore(): void {
  const cfg = benchConfig(SIZE_1G, SIZE_2M);
  const s0 = start(cfg);
  const w = meaningfulOps(s0, 10_000, 11);
  const core = timeRuns(3, () => applyAll(s0, w.ops, 'none'));
  const naive = timeRuns(3, () => benchNaive(cfg, w.ops));
  console.log(
    `3. the same 10,000 meaningful ops on 1 GiB of 2M folios, A/B in one process: core ${showSpread(core)}, naive per-4K model ${showSpread(naive)}; core is ${(naive.median / core.median).toFixed(0)}x faster (target >= 100x)`,
  );
}

function linkLengths(): void {
  const cfg = benchConfig(2 * SIZE_1G, SIZE_1G);
  const s0 = start(cfg);
  const r = prng(5);
  const lengths: number[] = [];
  for (let i = 0; i < 200; i++) {
    const steps = meaningfulOps(s0, 50, Math.floor(r() * 2 ** 31)).ops;
    lengths.push(`https://folioscope.example/#s=${encodeScenario({ config: cfg, steps })}&step=50`.length);
  }
  console.log(
    `4. share links of 200 random 50-step scenarios (whole URL, 30-character origin): median ${quantile(lengths, 0.5)}, max ${Math.max(...lengths)} characters`,
  );
}

/**
 * Steps among many live pins (pinnedOps): a step finds a page's references by a binary search
 * over how far the records reach, so its cost should barely move from 1,000 pins to 50,000.
 * Each timed run starts from a state already observed and checked (a step's derivations are
 * incremental, from the state before it); its observation and check after a run, what a seek
 * back to it pays, is printed on its own.
 */
function manyPins(): void {
  console.log(
    '8. a VMM holding many live pins (1 GiB of 4K pages, shared and mapped), 3,000 steps among them with observe + invariants:',
  );
  for (const pins of [1_000, 10_000, 50_000]) {
    const w = pinnedOps(start({ ...benchConfig(SIZE_1G, PAGE), initShared: true }), pins, 3_000, 9);
    const whole: number[] = [];
    const steps = Array.from({ length: 7 }, () => {
      const t = performance.now();
      observe(w.state);
      checkInvariants(w.state);
      whole.push(performance.now() - t);
      const u = performance.now();
      applyAll(w.state, w.ops, 'derive');
      return performance.now() - u;
    });
    const t = spread(steps);
    const us = (ms: number): string => ((ms * 1000) / w.ops.length).toFixed(1);
    const { accepted, refused, noop } = w.mix;
    console.log(
      `   ${w.pins.toLocaleString('en')} pins: ${us(t.median)} us a step, median (min ${us(t.min)}, max ${us(t.max)}) of 7 runs` +
        ` (${accepted} accepted, ${refused} refused, ${noop} no-op); observe + check of the start state after a run (a far seek) ${showSpread(spread(whole))}`,
    );
  }
}

/**
 * What a user of the command line pays: `folioscope run - --format text` on a 10,000-step
 * scenario, a process of its own each run (its start, tsx included), stdin in, stdout read.
 */
function cliText(): void {
  const cfg = benchConfig(64 * SIZE_1G, SIZE_1G);
  const steps = meaningfulOps(start(cfg), 10_000, 3).ops;
  const input = JSON.stringify(scenarioToJson({ config: cfg, steps }));
  let lines = 0;
  const times = sampleRuns(3, () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'core/cli.ts', 'run', '-', '--format', 'text'],
      {
        encoding: 'utf8',
        input,
        maxBuffer: 1 << 30,
      },
    );
    if (r.status !== 0) throw new Error(`folioscope run exited ${r.status}: ${r.stderr}`);
    lines = r.stdout.split('\n').length;
  });
  console.log(
    `7. the command line, run - --format text on a 10,000-step scenario (64 GiB): ${showSpread(spread(times))} of 3 runs, each a new process; ${lines.toLocaleString('en')} lines (target <= 5 s)`,
  );
}

function raceExamples(): void {
  console.log('6. race explorer, worked examples of races.md §8 (3 runs each):');
  for (const [name, knobs] of EXAMPLE_RUNS) {
    const spec = { ...(WORKED_EXAMPLES[name] as RaceSpec), ...(knobs === undefined ? {} : { knobs }) };
    let x = exploreSpec(spec);
    const t = timeRuns(3, () => {
      x = exploreSpec(spec);
    });
    const what = `(${name}) ${knobs === undefined ? 'default' : JSON.stringify(knobs)}`;
    console.log(
      `   ${what.padEnd(38)} ${String(x.states).padStart(4)} states, ${x.interleavings ?? '-'} interleavings (${x.violatingInterleavings ?? '-'} violating): ${showSpread(t)}`,
    );
  }
}

const only = process.argv.indexOf('--geometry');
if (process.argv.includes('--pins')) manyPins();
else if (only >= 0) {
  // A child of workloads(): one geometry's figures, then exit.
  const [name, cfg] = SIZES[Number(process.argv[only + 1])] ?? [];
  if (name === undefined || cfg === undefined) throw new Error('bench: --geometry 0, 1 or 2');
  geometry(name, cfg);
} else {
  workloads();
  terabyte();
  naiveVsCore();
  linkLengths();
  raceExamples();
  cliText();
  manyPins();
}

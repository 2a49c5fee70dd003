/**
 * apply's diagram transitions are computed where the step wrote, classifyPages in one sweep,
 * observe and checkInvariants incrementally (from the last answer, where the state shares
 * parts with it); here they are held, at every step of long random histories with many runs
 * and at states visited out of order, to the whole recomputation: the whole-file
 * classification diff (core/reference/transitions.ts), the point-by-point classification
 * (core/reference/classify.ts), observeWhole and the sweeps of core/reference/invariants.ts.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from './apply.ts';
import { classifyPages, eachPageState } from './classify.ts';
import { meaningfulOps } from './bench/workload.ts';
import { create } from './create.ts';
import { checkInvariants } from './invariants.ts';
import { observe, observeWhole } from './observe.ts';
import { plainObservation } from './observation.ts';
import { classifyPagesPointwise } from './reference/classify.ts';
import { checkInvariantsWhole } from './reference/invariants.ts';
import { diagramTransitionsWhole } from './reference/transitions.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';
import { assign, changedSpan, fromRuns, type RangeMap, type Run, type Span } from './state/rangeMap.ts';
import { allRefs, changedRefSpan, fromRefs } from './state/refIndex.ts';
import type { GmemConfig, GmemState, Op, Policy, RefRecord, Stage2, VmType } from './types.ts';
import { PAGE, SIZE_1G, SIZE_2M } from './units.ts';

const FUZZ = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 0);
const LIMIT = FUZZ > 0 ? 24 * 3600 * 1000 : 60_000;
const M = 1024 * 1024;

function config(vmType: VmType, size: number, pageSize: number, policy: Partial<Policy> = {}): GmemConfig {
  return { vmType, size, pageSize, mmap: true, initShared: false, policy: { ...DEFAULT_POLICY, ...policy } };
}

function start(c: GmemConfig): GmemState {
  const s = create(c).state;
  if (s === null) throw new Error(`creation refused: ${JSON.stringify(c)}`);
  return s;
}

/** Throws unless the incremental answers for s equal the whole recomputation. */
function agree(s: GmemState, where: string): number {
  // The classification's sweep equals the point-by-point reading, over the file and a window
  // starting and ending inside runs.
  const size = s.config.size;
  for (const [a, b] of [
    [0, size],
    [3 * PAGE, size / 2 + 5 * PAGE],
  ] as const)
    if (!isDeepStrictEqual(classifyPages(s, a, b), classifyPagesPointwise(s, a, b)))
      throw new Error(
        `classification of [${a}, ${b}) differs ${where}\n  sweep     ${JSON.stringify(classifyPages(s, a, b))}\n  pointwise ${JSON.stringify(classifyPagesPointwise(s, a, b))}`,
      );
  // The runs handed out one by one (the file view's bands) are the same runs.
  const each: { start: number; end: number; value: string }[] = [];
  eachPageState(s, 3 * PAGE, size / 2 + 5 * PAGE, (a, b, value) => each.push({ start: a, end: b, value }));
  if (!isDeepStrictEqual(each, classifyPagesPointwise(s, 3 * PAGE, size / 2 + 5 * PAGE)))
    throw new Error(`eachPageState differs from the pointwise classification ${where}`);
  const obs = plainObservation(observe(s));
  if (!isDeepStrictEqual(obs, plainObservation(observeWhole(s)))) {
    const whole = plainObservation(observeWhole(s)) as unknown as Record<string, unknown>;
    const inc = obs as unknown as Record<string, unknown>;
    const fields = Object.keys(whole).filter((k) => !isDeepStrictEqual(inc[k], whole[k]));
    throw new Error(
      `observation differs (${fields.join(', ')}) ${where}\n${fields.map((k) => `  incremental ${JSON.stringify(inc[k])}\n  whole       ${JSON.stringify(whole[k])}`).join('\n')}`,
    );
  }
  const vs = checkInvariants(s);
  const whole = checkInvariantsWhole(s);
  if (!isDeepStrictEqual(vs, whole))
    throw new Error(
      `invariants differ ${where}\n  incremental ${JSON.stringify(vs)}\n  whole ${JSON.stringify(whole)}`,
    );
  return vs.length;
}

/** Runs ops from s0, checking every state; then revisits states out of order. Returns the violations seen. */
function history(s0: GmemState, ops: readonly Op[], revisit: readonly number[]): number {
  const states = [s0];
  let violations = agree(s0, 'at creation');
  let s = s0;
  ops.forEach((op, i) => {
    const where = `after step ${i} ${JSON.stringify(op)} of ${JSON.stringify(ops.slice(0, i + 1))}`;
    const r = apply(s, op);
    // The transitions, classified where the step wrote, equal the whole-file classification diff.
    const whole = r.state === s ? [] : diagramTransitionsWhole(s, r.state, op, r.events[0]?.fn ?? op.op);
    if (!isDeepStrictEqual(r.transitions, whole))
      throw new Error(
        `transitions differ ${where}\n  fast  ${JSON.stringify(r.transitions)}\n  whole ${JSON.stringify(whole)}`,
      );
    s = r.state;
    states.push(s);
    violations += agree(s, where);
  });
  for (const k of revisit) {
    const at = k % states.length;
    agree(states[at] as GmemState, `revisiting state ${at} of ${JSON.stringify(ops)}`);
  }
  return violations;
}

// ------------------------------------------------------------------ the benchmark's workload

const KNOBS: Partial<Policy>[] = [
  {},
  { unsafeSkipZap: true },
  { unsafeSkipRefCheck: true },
  { leavesOnSplit: 'keep', splitPath: 'stepwise' },
  { mergeWhen: 'lastRef', crossBoundary: 'split', tdxRemovalFailure: 'bug' },
];
const VMS: VmType[] = ['sw_protected', 'tdx', 'snp', 'pkvm'];

describe('incremental observe and checkInvariants equal the whole recomputation', () => {
  it(
    'at every step of the benchmark workload (thousands of runs, every VM type, policy knobs)',
    () => {
      let violations = 0;
      for (const [i, knobs] of KNOBS.entries()) {
        const vm = VMS[i % VMS.length] as VmType;
        for (const [size, pageSize] of [
          [64 * M, PAGE],
          [64 * SIZE_1G, SIZE_1G],
        ] as const) {
          const s0 = start(config(vm, size, pageSize, knobs));
          const work = meaningfulOps(s0, 400, 7 + i);
          violations += history(s0, work.ops, [0, 399, 17, 200, 3]);
        }
      }
      // The unsafe knobs break invariants: the comparison is made on real violations too.
      expect(violations).toBeGreaterThan(0);
    },
    LIMIT,
  );

  it(
    'on random histories of every op over many pages and blocks, and at states visited out of order',
    () => {
      const geometry = fc.constantFrom(
        [16 * M, PAGE] as const,
        [64 * M, SIZE_2M] as const,
        [4 * SIZE_1G, SIZE_1G] as const,
      );
      const knobs = fc.record({
        unsafeSkipZap: fc.boolean(),
        unsafeSkipRefCheck: fc.boolean(),
        leavesOnSplit: fc.constantFrom('demote' as const, 'keep' as const),
        splitPath: fc.constantFrom('direct' as const, 'stepwise' as const),
        mergeWhen: fc.constantFrom('convert' as const, 'lastRef' as const, 'never' as const),
        crossBoundary: fc.constantFrom('zap' as const, 'split' as const),
        tdxRemovalFailure: fc.constantFrom('ref' as const, 'bug' as const),
      });
      const arb = fc
        .record({ vm: fc.constantFrom(...VMS), geometry, knobs })
        .chain(({ vm, geometry: [size, pageSize], knobs: k }) => {
          const c = config(vm, size, pageSize, k);
          return fc.record({
            c: fc.constant(c),
            ops: fc.array(opArb(c), { minLength: 50, maxLength: 160 }),
            revisit: fc.array(fc.nat(1000), { maxLength: 8 }),
          });
        });
      fc.assert(
        fc.property(arb, ({ c, ops, revisit }) => {
          // The whole file mapped and allocated first, so most ops do something.
          const setup: Op[] = [
            { op: 'hostMap', offset: 0, length: c.size },
            { op: 'allocate', offset: 0, length: c.size },
          ];
          history(start(c), [...setup, ...ops], revisit);
        }),
        { numRuns: FUZZ > 0 ? FUZZ : 40 },
      );
    },
    LIMIT,
  );
});

describe('a seek between versions far apart', () => {
  it('observes and checks again the whole reach of a long pin among many short ones', () => {
    // A: the file allocated, mapped and faulted in (one long pin taken and dropped), then 600
    // one-page pins. B: a long pin again, and 60 of the short ones dropped, spread out: the two
    // share few chunks of references, and the long pin ends far past the last short one.
    const c = { ...config('sw_protected', 64 * M, PAGE), initShared: true };
    const long = { offset: 10 * PAGE, length: 2990 * PAGE } as const;
    const short = Array.from({ length: 600 }, (_, i) => (100 + 2 * i) * PAGE);
    const ops: Op[] = [
      { op: 'allocate', offset: 0, length: 4000 * PAGE },
      { op: 'hostMap', offset: 0, length: c.size },
      { op: 'pin', ...long, holder: 'setup' },
      { op: 'unpin', ...long, holder: 'setup' },
      ...short.map((offset): Op => ({ op: 'pin', offset, length: PAGE, holder: 'vfio' })),
      { op: 'pin', ...long, holder: 'io_uring' },
      ...short
        .filter((_, i) => i % 10 === 0)
        .map((offset): Op => ({ op: 'unpin', offset, length: PAGE, holder: 'vfio' })),
    ];
    const a = 4 + short.length;
    // Every state in order, then A (before the long pin) and the last state, B, straight after.
    expect(history(start(c), ops, [a, ops.length])).toBe(0);
  });
});

/** The states after each op from s (s first). */
function replayAll(s: GmemState, ops: readonly Op[]): GmemState[] {
  const out = [s];
  for (const op of ops) out.push(apply(out[out.length - 1] as GmemState, op).state);
  return out;
}

/** Whether span `inner` lies inside `outer` (undefined: nothing, inside anything). */
const within = (inner: Span | undefined, outer: Span | undefined): boolean =>
  inner === undefined || (outer !== undefined && inner[0] >= outer[0] && inner[1] <= outer[1]);

/** The fields of a state that are range maps (every one: whatever the state grows). */
const mapFields = (s: GmemState): (keyof GmemState)[] =>
  (Object.keys(s) as (keyof GmemState)[]).filter((k) => {
    const v: unknown = s[k];
    return typeof v === 'object' && v !== null && 'chunks' in v && 'ends' in v;
  });

describe('two lineages of one history', () => {
  it(
    'a state replayed from a checkpoint and the next state of the first replay differ only where the step changed something',
    () => {
      // The app keeps a checkpoint every 64 steps and replays the states in between from it: the
      // state before a step may come from that replay, the state after from the first one (the
      // tip, a checkpoint). They share no chunk written since the checkpoint, yet are equal but
      // for the step.
      const narrowSteps: [boolean, number, number][] = [];
      for (const [size, pageSize, pins] of [
        [64 * M, PAGE, false],
        [64 * SIZE_1G, SIZE_1G, false],
        [64 * M, PAGE, true],
      ] as const) {
        const c = { ...config('sw_protected', size, pageSize), initShared: pins };
        const s0 = start(c);
        const ops: readonly Op[] = pins
          ? [
              { op: 'hostMap', offset: 0, length: size },
              ...Array.from({ length: 300 }, (_, i): Op => {
                const offset = ((i * 7919) % 16000) * PAGE;
                return { op: 'pin', offset, length: PAGE, holder: i % 2 === 0 ? 'vfio' : 'rdma' };
              }),
            ]
          : meaningfulOps(s0, 300, 5).ops;
        const first = replayAll(s0, ops);
        const fields = mapFields(s0);
        expect(fields).toContain('removalFailure');
        const CHECKPOINT = 100;
        const second = replayAll(first[CHECKPOINT] as GmemState, ops.slice(CHECKPOINT));
        let narrow = 0;
        for (let k = CHECKPOINT + 1; k < ops.length; k++) {
          const before = second[k - CHECKPOINT] as GmemState;
          const after = first[k + 1] as GmemState;
          const own = first[k] as GmemState;
          // By value, no wider than what the step rewrote in its own lineage.
          for (const f of fields) {
            const map = (x: GmemState) => x[f] as RangeMap<unknown>;
            const cross = changedSpan(map(before), map(after));
            expect(within(cross, changedSpan(map(own), map(after))), `${f} at step ${k}`).toBe(true);
          }
          const cross = changedRefSpan(before.refs, after.refs);
          expect(within(cross, changedRefSpan(own.refs, after.refs)), `refs at step ${k}`).toBe(true);
          if (cross !== undefined && cross[1] - cross[0] <= 4 * pageSize) narrow++;
          // Observed and checked from one lineage to the other, as the app's frames do.
          agree(before, `replayed state ${k} (${size}, pins ${pins})`);
          agree(after, `first replay's state ${k + 1} (${size}, pins ${pins})`);
        }
        narrowSteps.push([pins, narrow, ops.length - CHECKPOINT - 1]);
      }
      // The pins' history: at every step the references differ on the pinned page alone.
      const [pinned] = narrowSteps.filter(([pins]) => pins);
      expect(pinned?.[1]).toBe(pinned?.[2]);
    },
    LIMIT,
  );
});

describe('observed lists made when read', () => {
  it('equal the whole observation when read now and then, late or out of order', () => {
    // Observed at every step (as the runner and the app do), read at some: a list read is
    // made from the last one read of its kind, however many steps ago and in whichever order.
    for (const [vm, size, pageSize] of [
      ['sw_protected', 64 * SIZE_1G, SIZE_1G],
      ['tdx', 64 * M, PAGE],
    ] as const) {
      const s0 = start(config(vm, size, pageSize));
      const kept: [number, GmemState, ReturnType<typeof observe>][] = [];
      const differ: string[] = [];
      let s = s0;
      let read = 0;
      meaningfulOps(s0, 600, 11).ops.forEach((op, i) => {
        s = apply(s, op).state;
        const o = observe(s);
        if (i % 97 === 5) kept.push([i, s, o]);
        // Every 7th, then every 13th step, and now and then an observation made long ago.
        const late = i % 50 === 49 ? kept.shift() : undefined;
        const [at, st, ob] = late ?? [i, s, o];
        if (late !== undefined || i % (i < 300 ? 7 : 13) === 0) {
          read++;
          if (!isDeepStrictEqual(plainObservation(ob), plainObservation(observeWhole(st))))
            differ.push(`${vm}: the lists of step ${at}, read at step ${i}`);
        }
      });
      expect(differ).toEqual([]);
      expect(read).toBeGreaterThan(60);
    }
  });
});

const w = (weight: number, arbitrary: fc.Arbitrary<Op>): { weight: number; arbitrary: fc.Arbitrary<Op> } => ({
  weight,
  arbitrary,
});

/** Any op at page-aligned offsets all over the file, so that maps grow to many runs (chunks). */
function opArb(c: GmemConfig): fc.Arbitrary<Op> {
  const pages = c.size / PAGE;
  // Mostly near a few hot places (so ops meet each other's work), sometimes anywhere.
  const hot = [0, 0.25, 0.5, 0.75].map((f) => Math.floor(f * pages) * PAGE);
  const near = fc
    .tuple(fc.constantFrom(...hot), fc.nat(1023))
    .map(([h, p]) => Math.min(h + p * PAGE, c.size - PAGE));
  const off = fc.oneof(
    { weight: 3, arbitrary: near },
    { weight: 1, arbitrary: fc.nat(pages - 1).map((p) => p * PAGE) },
  );
  const len = fc.constantFrom(PAGE, PAGE, 2 * PAGE, 16 * PAGE, SIZE_2M, c.pageSize);
  const holder = fc.constantFrom('vfio', 'io_uring');
  const to = fc.constantFrom('shared' as const, 'private' as const);
  return fc.oneof(
    w(8, fc.record({ op: fc.constant('convert' as const), offset: off, length: len, to })),
    w(3, fc.record({ op: fc.constant('allocate' as const), offset: off, length: len })),
    w(3, fc.record({ op: fc.constant('punchHole' as const), offset: off, length: len })),
    w(6, fc.record({ op: fc.constant('guestAccess' as const), offset: off, write: fc.boolean() })),
    w(4, fc.record({ op: fc.constant('hostAccess' as const), offset: off, write: fc.boolean() })),
    w(3, fc.record({ op: fc.constant('hostMap' as const), offset: off, length: len })),
    w(1, fc.record({ op: fc.constant('hostUnmap' as const), offset: off, length: len })),
    w(1, fc.record({ op: fc.constant('madviseDontneed' as const), offset: off, length: len })),
    w(
      3,
      fc.record({
        op: fc.constant('pin' as const),
        offset: off,
        length: fc.constantFrom(PAGE, 4 * PAGE),
        holder,
      }),
    ),
    w(2, fc.record({ op: fc.constant('unpin' as const), offset: off, length: fc.constant(PAGE), holder })),
    w(3, fc.record({ op: fc.constant('getRef' as const), offset: off, holder })),
    w(2, fc.record({ op: fc.constant('putRef' as const), offset: off, holder })),
    w(2, fc.record({ op: fc.constant('split' as const), offset: off, to: fc.constantFrom(PAGE, SIZE_2M) })),
    w(
      2,
      fc.record({ op: fc.constant('merge' as const), offset: off, size: fc.constantFrom(SIZE_2M, SIZE_1G) }),
    ),
    w(1, fc.record({ op: fc.constant('memoryFailure' as const), offset: off })),
    w(1, fc.record({ op: fc.constant('injectRemovalFailure' as const), offset: off })),
    w(1, fc.constant({ op: 'close' as const })),
  );
}

// ------------------------------------------------------- stage-2 entries short of their leaf's end

describe('the stage-2 shape check looks back for leaves reaching past an entry', () => {
  // No op leaves a stage-2 entry ending inside its leaf (zaps and demotions take leaves whole),
  // but the check reads an entry's leaves whole: a state built by hand holds one, 1 GiB leaves
  // from 0 cut to 64 KiB, then 200 4K entries (several chunks) before the attribute change.
  it('finds the entry in an earlier chunk whose leaf covers the change', () => {
    const c = config('sw_protected', 2 * SIZE_1G, SIZE_1G);
    const s = apply(start(c), { op: 'allocate', offset: 0, length: 2 * SIZE_1G }).state;
    const entries: Run<Stage2>[] = [{ start: 0, end: 16 * PAGE, value: { kind: 'private', level: SIZE_1G } }];
    for (let i = 0; i < 200; i++) {
      const at = (32 + 2 * i) * PAGE;
      entries.push({
        start: at,
        end: at + PAGE,
        value: { kind: i % 2 === 0 ? 'shared' : 'private', level: PAGE },
      });
    }
    // Shared pages around the middle of the leaf: the change there rewrites a short run only.
    let attrs = s.attrs;
    for (const x of [SIZE_1G / 2 - 2 * PAGE, SIZE_1G / 2 + 2 * PAGE])
      attrs = assign(attrs, x, x + PAGE, 'shared');
    const before: GmemState = { ...s, stage2: fromRuns(entries), attrs };
    expect(before.stage2.chunks.length).toBeGreaterThan(2);
    expect(checkInvariants(before)).toEqual(checkInvariantsWhole(before));
    const after: GmemState = { ...before, attrs: assign(attrs, SIZE_1G / 2, SIZE_1G / 2 + PAGE, 'shared') };
    const mixed = checkInvariantsWhole(after).filter((x) => x.rule === 3);
    expect(mixed.map((x) => x.offset)).toEqual([0]);
    expect(checkInvariants(after)).toEqual(checkInvariantsWhole(after));
  });
});

// ------------------------------------------------------------ one part changed at a time

/** A file mapped and allocated, a shared page mapped by the host, stage-2 entries on it and on a private page. */
const base = (): GmemState => {
  const c = config('sw_protected', 16 * M, PAGE);
  let s = start(c);
  for (const op of [
    { op: 'hostMap', offset: 0, length: c.size },
    { op: 'allocate', offset: 0, length: c.size },
    { op: 'convert', offset: 0, length: 16 * PAGE, to: 'shared' },
    { op: 'hostAccess', offset: 0, write: true },
    { op: 'guestAccess', offset: 0, write: false },
    { op: 'guestAccess', offset: M, write: false },
  ] as const satisfies readonly Op[])
    s = apply(s, op).state;
  return s;
};
/** A reference on the private page at 1 MiB. */
const record = (id: number, holder: string, kind: RefRecord['kind']): RefRecord => ({
  id,
  kind,
  holder,
  longterm: kind === 'pin',
  start: M,
  end: M + PAGE,
  orphan: null,
});

describe('a change of one part reaches every check that reads it', () => {
  // The checks keep their findings outside the span where what they read changed, the span of
  // each part they read asked on its own (spanOf): a state built by hand changes one part only,
  // so a span taken from the wrong part (an unchanged one: nothing changed) keeps a stale
  // answer. Each part's change flips a check that does not read some other part, so that a
  // span read from any other part misses it in at least one case.
  const changes: [string, (s: GmemState) => GmemState][] = [
    // A private page under the host's PTE and a shared stage-2 entry (rules 1 and 2).
    ['attrs', (s) => ({ ...s, attrs: assign(s.attrs, 0, PAGE, 'private') })],
    // A PTE on a private page (rule 1).
    ['ptes', (s) => ({ ...s, ptes: assign(s.ptes, M, M + PAGE, true) })],
    // A pin on a private page (rule 1) and a reference with no holder (rule 7).
    [
      'refs',
      (s) => ({
        ...s,
        refs: fromRefs([...allRefs(s.refs), record(1000, 'vfio', 'pin'), record(1001, '', 'transient')]),
      }),
    ],
    // A PTE outside any VMA (rule 7).
    ['vmas', (s) => ({ ...s, vmas: assign(s.vmas, 0, PAGE, undefined) })],
    // A PTE and a stage-2 entry on a hole (rule 6).
    ['folios', (s) => ({ ...s, folios: assign(s.folios, 0, PAGE, undefined) })],
    // A shared stage-2 entry on a private page (rule 2).
    [
      'stage2',
      (s) => ({ ...s, stage2: assign(s.stage2, 2 * M, 2 * M + PAGE, { kind: 'shared', level: PAGE }) }),
    ],
    // A poisoned page mapped in stage-2 (rule 9).
    ['poisoned', (s) => ({ ...s, poisoned: assign(s.poisoned, M, M + PAGE, true) })],
  ];
  it.each(changes)('%s', (_, change) => {
    const before = base();
    const after = change(before);
    expect(checkInvariantsWhole(before)).toEqual([]);
    expect(checkInvariantsWhole(after)).not.toEqual([]);
    // Checked in order (the change found), then back (the violations gone).
    expect(checkInvariants(before)).toEqual([]);
    expect(checkInvariants(after)).toEqual(checkInvariantsWhole(after));
    expect(checkInvariants(before)).toEqual([]);
  });
});

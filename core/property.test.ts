import { allRefs } from './state/refIndex.ts';
import { toRuns } from './state/rangeMap.ts';
/**
 * Property tests of the core against the naive per-page oracle (core/reference/naive.ts).
 * Bounded by default; FOLIOSCOPE_FUZZ_RUNS=N runs N cases of each property instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from './apply.ts';
import { create } from './create.ts';
import { classifyBlocks, classifyPages } from './classify.ts';
import { BLOCK_MACHINE, PAGE_MACHINE, hasEdge } from './diagram.ts';
import { explore } from './diagram.paths.ts';
import { checkInvariants } from './invariants.ts';
import { checkInvariantsWhole } from './reference/invariants.ts';
import { observe, observeWhole } from './observe.ts';
import { plainObservation } from './observation.ts';
import { replay } from './replay.ts';
import { parseScenario } from './scenario/parse.ts';
import { DEFAULT_POLICY, POLICY_CHOICES } from './scenario/policy.ts';
import { naiveCreate } from './reference/naive.ts';
import { assign } from './state/rangeMap.ts';
import type { GmemConfig, GmemState, Op, Policy, VmType } from './types.ts';

const K = 1024;
const M = 1024 * K;
const G = 1024 * M;
const PAGE = 4 * K;

const FUZZ = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 0);
const runs = (n: number): number => (FUZZ > 0 ? FUZZ : n);
/** Per-test time limit: generous by default, none to speak of when fuzzing. */
const LIMIT = FUZZ > 0 ? 24 * 3600 * 1000 : 60_000;

/**
 * Whether apply's transition events must equal the classification diff over the whole file.
 * Off while two bugs outside the files this test owns stand (see the it.fails regressions):
 * classify.ts heldFolios ignores references outside the query window that sit on a folio
 * inside it, and apply.ts touched() does not cover folios whose references changed away from
 * the op's range (close; TDX removal failures under a huge folio). Turn on once both are fixed.
 */
const EXACT_TRANSITIONS = true;

// ------------------------------------------------------------------ running one scenario

interface Case {
  readonly config: GmemConfig;
  readonly steps: readonly Op[];
}

/** leavesOnSplit "keep" is the posted code: it breaks invariant 3 visibly, like the unsafe knobs. */
const safePolicy = (p: Policy): boolean =>
  !p.unsafeSkipRefCheck && !p.unsafeSkipZap && p.leavesOnSplit === 'demote';

/**
 * The only refusals that change the state, and exactly how (semantics.md, "Refused operations
 * can have side effects"): the VMM's PTEs of the op's range are zapped, nothing else.
 * - convert.unsafe-refcount: __kvm_gmem_set_attributes calls unmap_mapping_pages before
 *   kvm_gmem_is_safe_for_conversion and does not undo it on EAGAIN (IPC v7);
 * - madvise.unmapped: madvise_walk_vmas (mm/madvise.c) acts on every VMA of the range and
 *   answers -ENOMEM for the gap afterwards.
 */
const SIDE_EFFECTS: Readonly<Record<string, (s: GmemState, op: Op) => GmemState>> = {
  'convert.unsafe-refcount': (s, op) => zapPtesOf(s, op),
  'madvise.unmapped': (s, op) => zapPtesOf(s, op),
};

function zapPtesOf(s: GmemState, op: Op): GmemState {
  if (!('length' in op)) throw new Error(`no range in ${JSON.stringify(op)}`);
  return { ...s, ptes: assign(s.ptes, op.offset, op.offset + op.length, undefined) };
}

const show = (c: Case): string => JSON.stringify({ config: c.config, steps: c.steps });

/** The transitions between two states, recomputed over the whole file (page and block machines). */
function allTransitions(
  op: Op,
  before: GmemState,
  after: GmemState,
): { machine: string; edge: string; offset: number; length: number }[] {
  const size = before.config.size;
  const out: { machine: string; edge: string; offset: number; length: number }[] = [];
  const pairs = [
    ['page', classifyPages(before, 0, size), classifyPages(after, 0, size)],
    ['block', classifyBlocks(before, 0, size), classifyBlocks(after, 0, size)],
  ] as const;
  for (const [machine, a, b] of pairs)
    for (const r of a)
      for (const q of b) {
        const lo = Math.max(r.start, q.start);
        const hi = Math.min(r.end, q.end);
        if (lo >= hi || r.value === q.value) continue;
        const edge = `${op.op}:${r.value}->${q.value}`;
        const last = out[out.length - 1];
        if (
          last !== undefined &&
          last.machine === machine &&
          last.edge === edge &&
          last.offset + last.length === lo
        )
          last.length += hi - lo;
        else out.push({ machine, edge, offset: lo, length: hi - lo });
      }
  return out;
}

/** Throws, naming what differs (top-level fields), unless a and b are deeply equal. */
function same(what: string, actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  const a = actual as Record<string, unknown>;
  const b = expected as Record<string, unknown>;
  const fields =
    typeof a === 'object' && a !== null && typeof b === 'object' && b !== null
      ? [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !isDeepStrictEqual(a[k], b[k]))
      : [];
  const detail =
    fields.length === 0
      ? `core ${JSON.stringify(actual)}\noracle ${JSON.stringify(expected)}`
      : fields
          .map((k) => `${k}:\n  core   ${JSON.stringify(a[k])}\n  oracle ${JSON.stringify(b[k])}`)
          .join('\n');
  throw new Error(`${what}\n${detail}`);
}

/**
 * Runs a case through the core and the oracle side by side and throws at the first
 * disagreement: answers (ok/errno/exit), observations, invariants, purity, diagram edges.
 */
/** Diagram edges the random runs took (reported at the end: which drawn edges they never take). */
const TAKEN = new Set<string>();

function check(c: Case): void {
  const made = create(c.config);
  const oracle = naiveCreate(c.config);
  same(
    `create of ${show(c)}`,
    { ok: made.ok, errno: made.refusal?.errno },
    { ok: oracle.ok, errno: oracle.errno },
  );
  if (made.state === null || oracle.model === null) return;
  const model = oracle.model;
  let s = made.state;
  same(`initial state of ${show(c)}`, plainObservation(observe(s)), model.observe());
  const safe = safePolicy(c.config.policy);
  c.steps.forEach((op, i) => {
    const where = `step ${i} ${JSON.stringify(op)} of ${show(c)}`;
    const before = plainObservation(observe(s));
    const r = apply(s, op);
    const n = model.apply(op);
    if (r.refusal !== undefined && r.state !== s) {
      // A refusal changes nothing except its documented side effects, exactly those.
      const side = SIDE_EFFECTS[r.refusal.rule];
      if (side === undefined) throw new Error(`refused (${r.refusal.rule}), yet a new state: ${where}`);
      const expected = side(s, op);
      same(`refusal side effects (state): ${where}`, { ...r.state, ptes: [] }, { ...expected, ptes: [] });
      same(`refusal side effects (PTEs): ${where}`, r.state.ptes, expected.ptes);
      if (r.state.ptes === s.ptes || isDeepStrictEqual(r.state.ptes, s.ptes))
        throw new Error(`a refusal with no side effect returned a new state: ${where}`);
      if (!r.events.some((e) => e.type === 'pte_zap'))
        throw new Error(`a refusal's side effect has no event: ${where}`);
    }
    same(`apply mutated its input: ${where}`, plainObservation(observe(s)), before);
    same(
      `answer: ${where}`,
      { ok: r.refusal === undefined, errno: r.refusal?.errno, exit: r.refusal?.exit },
      { ok: n.ok, errno: n.errno, exit: n.exit },
    );
    if (safe) {
      same(`invariants: ${where}`, checkInvariants(r.state), []);
      // The diagram draws the safe design: the unsafe* knobs take edges it deliberately lacks.
      if (r.events.some((e) => e.type === 'transition'))
        throw new Error(`a transition among the kernel events: ${where}`);
      for (const e of r.transitions) {
        if (!hasEdge(e.edge)) throw new Error(`missing diagram edge ${e.edge} (${e.machine}): ${where}`);
        TAKEN.add(e.edge);
      }
    }
    same(`observation: ${where}`, plainObservation(observe(r.state)), model.observe());
    same(
      `incremental observation: ${where}`,
      plainObservation(observe(r.state)),
      plainObservation(observeWhole(r.state)),
    );
    same(`incremental invariants: ${where}`, checkInvariants(r.state), checkInvariantsWhole(r.state));
    if (EXACT_TRANSITIONS && (r.refusal === undefined || r.state !== s)) {
      const reported = r.transitions.map((e) => ({
        machine: e.machine,
        edge: e.edge,
        offset: e.offset,
        length: e.length,
      }));
      same(
        `transition events (vs the whole-file classification diff): ${where}`,
        reported,
        allTransitions(op, s, r.state),
      );
    }
    s = r.state;
  });
}

/** The core's state after the first `upto` steps of a case (its creation must succeed). */
function stateAfter(c: Case, upto = c.steps.length): GmemState {
  const made = create(c.config);
  if (made.state === null) throw new Error(`creation refused: ${show(c)}`);
  return c.steps.slice(0, upto).reduce((s, op) => apply(s, op).state, made.state);
}

/** The transition edges a case takes. */
function edgesOf(c: Case): string[] {
  let s = stateAfter(c, 0);
  const out: string[] = [];
  for (const op of c.steps) {
    const r = apply(s, op);
    for (const e of r.transitions) out.push(e.edge);
    s = r.state;
  }
  return out;
}

// ------------------------------------------------------------------ arbitraries

const vmTypeArb: fc.Arbitrary<VmType> = fc.constantFrom('sw_protected', 'tdx', 'tdx', 'snp', 'pkvm');

/** File geometries: small 4K and 2M files; 1G files (2G) only when `huge`. */
function geometryArb(huge: boolean): fc.Arbitrary<{ size: number; pageSize: number }> {
  const small = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        pageSize: fc.constant(PAGE),
        size: fc.constantFrom(4 * M, 8 * M, 4 * M + 16 * K, 6 * M + 4 * K, 16 * M),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        pageSize: fc.constant(2 * M),
        size: fc.constantFrom(4 * M, 6 * M, 8 * M, 16 * M),
      }),
    },
    // Creations the kernel refuses: unaligned or empty.
    {
      weight: 1,
      arbitrary: fc
        .record({ pageSize: fc.constantFrom(PAGE, 2 * M), size: fc.constantFrom(0, 3 * M, 4 * M + 100) })
        .filter((g) => g.size % g.pageSize !== 0),
    },
  );
  if (!huge) return small;
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ pageSize: fc.constant(G), size: fc.constantFrom(G, 2 * G) }) },
    { weight: 1, arbitrary: small },
  );
}

const policyArb: fc.Arbitrary<Policy> = fc.record({
  splitPath: fc.constantFrom(...POLICY_CHOICES.splitPath),
  mergeWhen: fc.constantFrom(...POLICY_CHOICES.mergeWhen),
  hostUnmap: fc.constantFrom(...POLICY_CHOICES.hostUnmap),
  partialPunch: fc.constantFrom(...POLICY_CHOICES.partialPunch),
  mainline: fc.constant(false),
  hostHugePages: fc.constant(null),
  unsafeSkipRefCheck: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
  unsafeSkipZap: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
  crossBoundary: fc.constantFrom(...POLICY_CHOICES.crossBoundary),
  leavesOnSplit: fc.integer({ min: 0, max: 9 }).map((x) => (x === 0 ? 'keep' : 'demote')),
  tdxRemovalFailure: fc.constantFrom(...POLICY_CHOICES.tdxRemovalFailure),
});

function configArb(huge: boolean): fc.Arbitrary<GmemConfig> {
  return fc
    .record({
      vmType: vmTypeArb,
      geometry: geometryArb(huge),
      mmap: fc.integer({ min: 0, max: 4 }).map((x) => x !== 0),
      initShared: fc.boolean(),
      mainline: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
      // The host's free huge pages: enough, or one short of the reservation (create: ENOMEM).
      short: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
      policy: policyArb,
    })
    .map(({ vmType, geometry, mmap, initShared, mainline, short, policy }) => ({
      vmType,
      ...geometry,
      mmap,
      // initShared without mmap is a refused creation: keep it rare.
      initShared: initShared && (mmap || geometry.size === 4 * M),
      policy: {
        ...policy,
        mainline,
        hostHugePages: short ? Math.max(0, Math.ceil(geometry.size / geometry.pageSize) - 1) : null,
      },
    }));
}

/** Offsets near the interesting places: block starts, 2M boundaries, EOF; some misaligned. */
function offsetArb(c: GmemConfig): fc.Arbitrary<number> {
  const B = Math.max(c.pageSize, 2 * M);
  const blocks = Math.max(1, Math.min(4, Math.ceil(c.size / B)));
  const aligned = fc
    .record({
      k: fc.integer({ min: 0, max: blocks }),
      d: fc.constantFrom(
        0,
        0,
        4 * K,
        8 * K,
        12 * K,
        M,
        2 * M - 4 * K,
        2 * M,
        2 * M + 4 * K,
        -4 * K,
        B - 4 * K,
        B - 2 * M,
      ),
    })
    .map(({ k, d }) => Math.max(0, k * B + d));
  return fc.oneof(
    { weight: 12, arbitrary: aligned },
    { weight: 1, arbitrary: fc.tuple(aligned, fc.constantFrom(1, 512, 2048)).map(([a, x]) => a + x) },
  );
}

function lengthArb(c: GmemConfig, max: number): fc.Arbitrary<number> {
  const B = Math.max(c.pageSize, 2 * M);
  const ls = [
    4 * K,
    4 * K,
    8 * K,
    12 * K,
    16 * K,
    64 * K,
    2 * M - 4 * K,
    2 * M,
    2 * M + 4 * K,
    4 * M,
    B,
    c.size,
  ].filter((l) => l > 0 && l <= max);
  return fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...ls) },
    { weight: 1, arbitrary: fc.constantFrom(0, 100, 4 * K + 1) },
  );
}

const holderArb = fc.constantFrom(undefined, undefined, 'vfio', 'io_uring');
const refHolderArb = fc.constantFrom(undefined, undefined, 'walker');
const attrArb = fc.constantFrom('shared' as const, 'private' as const);

/** A generated step: an op, or "release something taken earlier" resolved against the steps before it. */
type Gen =
  | Op
  | { readonly op: 'unpinEarlier'; readonly pick: number }
  | { readonly op: 'putRefEarlier'; readonly pick: number }
  | { readonly op: 'motif'; readonly steps: readonly Op[] };

const motif = (steps: fc.Arbitrary<Op[]>): fc.Arbitrary<Gen> =>
  steps.map((st) => ({ op: 'motif' as const, steps: st }));

/**
 * Short sequences that reach the rare paths random ops seldom find, at a random offset x
 * (they interleave with random steps): TDX removal failures on mapped (and referenced) pages,
 * a reference that blocks a merge until it drops (mergeWhen lastRef), truncation of pinned
 * memory (orphans) and its release, memory failure of mapped memory.
 */
function motifArb(c: GmemConfig): fc.Arbitrary<Gen> {
  const zap = (x: number): fc.Arbitrary<Op> =>
    fc.constantFrom<Op>(
      { op: 'convert', offset: x, length: PAGE, to: 'shared' },
      { op: 'punchHole', offset: x, length: PAGE },
      { op: 'punchHole', offset: downTo(x, c.pageSize), length: c.pageSize },
      { op: 'memoryFailure', offset: x },
      { op: 'close' },
    );
  const at = offsetArb(c).map((x) => downTo(x, PAGE));
  return fc.oneof(
    motif(
      at.chain((x) =>
        fc
          .tuple(fc.boolean(), zap(x))
          .map(([ref, z]): Op[] => [
            { op: 'guestAccess', offset: x },
            ...(ref ? [{ op: 'getRef' as const, offset: x }] : []),
            { op: 'injectRemovalFailure', offset: x },
            z,
          ]),
      ),
    ),
    motif(
      at.map((x): Op[] => [
        { op: 'convert', offset: x, length: PAGE, to: 'shared' },
        { op: 'guestAccess', offset: x + PAGE },
        { op: 'getRef', offset: x + PAGE },
        { op: 'convert', offset: x, length: PAGE, to: 'private' },
        { op: 'putRef', offset: x + PAGE },
      ]),
    ),
    motif(
      at.chain((x) =>
        zap(x).map((z): Op[] => [
          { op: 'hostMap', offset: 0, length: c.size },
          { op: 'convert', offset: x, length: PAGE, to: 'shared' },
          { op: 'pin', offset: x, length: PAGE, holder: 'vfio' },
          z,
          { op: 'unpin', offset: x, length: PAGE, holder: 'vfio' },
        ]),
      ),
    ),
    motif(
      at.chain((x) =>
        zap(x).map((z): Op[] => [
          { op: 'guestAccess', offset: x, write: true },
          { op: 'getRef', offset: x },
          z,
          { op: 'putRef', offset: x },
        ]),
      ),
    ),
  );
}

const downTo = (x: number, a: number): number => x - (x % a);

/** An op without its undefined optional fields (exactOptionalPropertyTypes). */
const clean = (o: Record<string, unknown>): Op =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Op;
const w = (weight: number, arbitrary: fc.Arbitrary<Op>): { weight: number; arbitrary: fc.Arbitrary<Op> } => ({
  weight,
  arbitrary,
});
const earlier = (op: 'unpinEarlier' | 'putRefEarlier'): fc.Arbitrary<Gen> =>
  fc.record({ op: fc.constant(op), pick: fc.nat(99) });

function opArb(c: GmemConfig): fc.Arbitrary<Op> {
  const off = offsetArb(c);
  const len = lengthArb(c, 2 * c.size + 4 * M);
  const small = lengthArb(c, 4 * M);
  return fc.oneof(
    w(9, fc.record({ op: fc.constant('allocate' as const), offset: off, length: len })),
    w(9, fc.record({ op: fc.constant('punchHole' as const), offset: off, length: len })),
    w(21, fc.record({ op: fc.constant('convert' as const), offset: off, length: len, to: attrArb })),
    w(
      18,
      fc
        .record({
          op: fc.constant('guestAccess' as const),
          offset: off,
          as: fc.constantFrom(undefined, undefined, undefined, 'shared' as const, 'private' as const),
          write: fc.option(fc.boolean(), { nil: undefined }),
        })
        .map(clean),
    ),
    w(9, fc.record({ op: fc.constant('hostMap' as const), offset: off, length: len })),
    w(3, fc.record({ op: fc.constant('hostUnmap' as const), offset: off, length: len })),
    w(
      15,
      fc
        .record({
          op: fc.constant('hostAccess' as const),
          offset: off,
          write: fc.option(fc.boolean(), { nil: undefined }),
        })
        .map(clean),
    ),
    w(6, fc.record({ op: fc.constant('madviseDontneed' as const), offset: off, length: len })),
    w(
      12,
      fc
        .record({
          op: fc.constant('pin' as const),
          offset: off,
          length: small,
          holder: holderArb,
          longterm: fc.option(fc.boolean(), { nil: undefined }),
        })
        .map(clean),
    ),
    w(
      2,
      fc
        .record({ op: fc.constant('unpin' as const), offset: off, length: small, holder: holderArb })
        .map(clean),
    ),
    w(9, fc.record({ op: fc.constant('getRef' as const), offset: off, holder: refHolderArb }).map(clean)),
    w(2, fc.record({ op: fc.constant('putRef' as const), offset: off, holder: refHolderArb }).map(clean)),
    w(
      6,
      fc.record({ op: fc.constant('split' as const), offset: off, to: fc.constantFrom(PAGE, PAGE, 2 * M) }),
    ),
    w(
      6,
      fc.record({
        op: fc.constant('merge' as const),
        offset: off,
        size: fc.constantFrom(2 * M, 2 * M, 2 * M, G),
      }),
    ),
    w(3, fc.record({ op: fc.constant('memoryFailure' as const), offset: off })),
    w(3, fc.record({ op: fc.constant('injectRemovalFailure' as const), offset: off })),
    w(1, fc.constant({ op: 'close' as const })),
  );
}

/** Unpin / putRef steps mostly release what an earlier pin / getRef took (partly, sometimes). */
function resolve(gen: readonly Gen[]): Op[] {
  const out: Op[] = [];
  for (const g of gen) {
    if (g.op === 'unpinEarlier') {
      const pins = out.filter((o): o is Extract<Op, { op: 'pin' }> => o.op === 'pin');
      const p = pins[g.pick % Math.max(1, pins.length)];
      if (p === undefined) continue;
      const length = g.pick % 3 === 0 ? PAGE : p.length;
      out.push(clean({ op: 'unpin', offset: p.offset, length, holder: p.holder }));
    } else if (g.op === 'putRefEarlier') {
      const refs = out.filter((o): o is Extract<Op, { op: 'getRef' }> => o.op === 'getRef');
      const r = refs[g.pick % Math.max(1, refs.length)];
      if (r !== undefined) out.push(clean({ op: 'putRef', offset: r.offset, holder: r.holder }));
    } else if (g.op === 'motif') out.push(...g.steps);
    else out.push(g);
  }
  return out;
}

/** Setup steps that make the random ones productive: map the file, share some of it. */
function prefixArb(c: GmemConfig): fc.Arbitrary<Op[]> {
  return fc
    .record({
      map: fc.nat(3).map((x) => x !== 0),
      share: fc.constantFrom(0, 0, PAGE, 2 * M + 8 * K, c.size),
      alloc: fc.boolean(),
    })
    .map(({ map, share, alloc }) => [
      ...(map ? [{ op: 'hostMap' as const, offset: 0, length: c.size }] : []),
      ...(share > 0 && share <= c.size
        ? [{ op: 'convert' as const, offset: 0, length: share, to: 'shared' as const }]
        : []),
      ...(alloc ? [{ op: 'allocate' as const, offset: 0, length: c.size }] : []),
    ]);
}

function caseArb(huge: boolean, maxSteps: number): fc.Arbitrary<Case> {
  return configArb(huge).chain((config) => {
    const gen: fc.Arbitrary<Gen> = fc.oneof(
      { weight: 24, arbitrary: opArb(config) },
      { weight: 2, arbitrary: earlier('unpinEarlier') },
      { weight: 2, arbitrary: earlier('putRefEarlier') },
      { weight: 2, arbitrary: motifArb(config) },
    );
    return fc
      .tuple(prefixArb(config), fc.array(gen, { minLength: 1, maxLength: maxSteps, size: 'max' }))
      .map(([prefix, steps]) => ({ config, steps: [...prefix, ...resolve(steps)] }));
  });
}

// ------------------------------------------------------------------ properties

describe('core against the naive per-page oracle', () => {
  it(
    'agrees step by step on 4K and 2M files (answers, observations, invariants, edges)',
    () => {
      fc.assert(
        fc.property(caseArb(false, 40), (c) => check(c)),
        { numRuns: runs(600) },
      );
    },
    LIMIT,
  );

  it(
    'agrees on 1G HugeTLB files',
    () => {
      fc.assert(
        fc.property(caseArb(true, 20), (c) => check(c)),
        { numRuns: runs(15) },
      );
    },
    LIMIT,
  );

  it(
    'replays a scenario to identical JSON',
    () => {
      fc.assert(
        fc.property(caseArb(false, 30), (c) => {
          const scenario = { config: c.config, steps: c.steps };
          expect(JSON.stringify(replay(scenario))).toBe(JSON.stringify(replay(scenario)));
        }),
        { numRuns: runs(50) },
      );
    },
    LIMIT,
  );

  // Runs after the random runs above (vitest keeps file order): a drawn edge they never took
  // must still be reachable, by a scenario the path test's search finds (diagram.paths.ts).
  it(
    'reports the drawn edges the random runs never took; each is reachable',
    () => {
      const never = [...PAGE_MACHINE.edges, ...BLOCK_MACHINE.edges]
        .map((e) => e.id)
        .filter((id) => !TAKEN.has(id));
      console.info(
        `diagram edges never taken by the random runs (${never.length}): ${never.join(', ') || 'none'}`,
      );
      const found = explore();
      const reachable = new Set([...found.page.keys(), ...found.block.keys()]);
      expect(never.filter((id) => !reachable.has(id))).toEqual([]);
    },
    LIMIT,
  );
});

// ------------------------------------------------------------------ regressions

const cfg = (over: Partial<Omit<GmemConfig, 'policy'>> & { policy?: Partial<Policy> } = {}): GmemConfig => ({
  vmType: 'sw_protected',
  size: 4 * M,
  pageSize: 2 * M,
  mmap: true,
  initShared: false,
  ...over,
  policy: { ...DEFAULT_POLICY, ...over.policy },
});

describe('regressions', () => {
  it('the example scenarios agree with the oracle', () => {
    const dir = new URL('../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const parsed = parseScenario(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) check(parsed.scenario);
    }
  });

  // core/state/rangeMap.ts assign left the uncut part of a run and an equal new value as two
  // runs: shareability [0, 1M) shared + [1M, 5M) shared (fast-check, seed 2057039160).
  it('assign keeps equal neighbouring runs merged', () => {
    const c: Case = {
      config: cfg({ vmType: 'tdx', pageSize: PAGE, size: 16 * M }),
      steps: [
        { op: 'convert', offset: 0, length: 4 * M, to: 'shared' },
        { op: 'convert', offset: M, length: 4 * M, to: 'shared' },
      ],
    };
    expect(() => check(c)).not.toThrow();
    expect(toRuns(stateAfter(c).attrs)).toEqual([
      { start: 0, end: 5 * M, value: 'shared' },
      { start: 5 * M, end: 16 * M, value: 'private' },
    ]);
  });

  // core/state/refs.ts firstUnsafeFolio only looked at references inside the range, so a
  // conversion to private touching a referenced huge folio away from the referenced page went
  // through; the kernel checks every folio in the range (fast-check, seed -1238138873).
  it('conversion to private checks every folio it touches, whole', () => {
    const convert: Op = { op: 'convert', offset: M, length: 2 * M, to: 'private' };
    const c: Case = {
      config: cfg({
        size: 8 * M,
        initShared: true,
        policy: { splitPath: 'stepwise', hostUnmap: 'require', partialPunch: 'refuse' },
      }),
      steps: [
        { op: 'convert', offset: 0, length: 2 * M, to: 'private' },
        { op: 'guestAccess', offset: 0 },
        { op: 'getRef', offset: 0 },
        convert,
      ],
    };
    expect(() => check(c)).not.toThrow();
    expect(apply(stateAfter(c, 3), convert).refusal).toMatchObject({
      errno: 'EAGAIN',
      rule: 'convert.unsafe-refcount',
      errorOffset: M,
    });
  });

  // core/state/release.ts takeRefs took the lowest id first, but a piece cut from an old
  // record gets a fresh id: unpin dropped the newer file pin instead of the older orphaned
  // one (pin, truncate, pin again, unpin the middle page, then the next page).
  it('unpin drops the oldest pin of a page first, even after its record was cut', () => {
    const c: Case = {
      config: cfg({ pageSize: PAGE, initShared: true }),
      steps: [
        { op: 'hostMap', offset: 0, length: 4 * M },
        { op: 'pin', offset: 8 * K, length: 12 * K },
        { op: 'punchHole', offset: 8 * K, length: 12 * K },
        { op: 'pin', offset: 8 * K, length: 12 * K },
        { op: 'unpin', offset: 12 * K, length: 4 * K },
        { op: 'unpin', offset: 16 * K, length: 4 * K },
      ],
    };
    expect(() => check(c)).not.toThrow();
    expect(observe(stateAfter(c)).folios).toEqual([
      {
        offset: 8 * K,
        count: 3,
        size: PAGE,
        mapcount: 1,
        pincount: 1,
        transient: 0,
        arch: 0,
        refcount: 1026,
      },
    ]);
  });

  // observe.ts vmemmapPages counted a folio run spanning several split blocks once: two split
  // 2M blocks of 4K folios reported 8 vmemmap pages instead of 16 (fast-check, 2M initShared).
  it('vmemmapPages counts every split block', () => {
    const c: Case = {
      config: cfg({ initShared: true }),
      steps: [{ op: 'allocate', offset: 0, length: 4 * M }],
    };
    expect(() => check(c)).not.toThrow();
    expect(observe(stateAfter(c)).pool?.vmemmapPages).toBe(16);
  });

  // Regression (EXACT_TRANSITIONS): classify.ts heldFolios once filtered references by the
  // query window before widening them to their folio, so apply, which classifies only the
  // changed extent, called a page of a referenced huge folio 'private' when the reference sat
  // on another page. It widens first now; this case keeps it so.
  it('memoryFailure on a referenced huge folio starts from private-referenced (classify.ts heldFolios)', () => {
    const c: Case = {
      config: cfg(),
      steps: [
        { op: 'allocate', offset: 0, length: 4 * K },
        { op: 'getRef', offset: 0 },
        { op: 'memoryFailure', offset: 8 * K },
      ],
    };
    expect(() => check(c)).not.toThrow();
    expect(edgesOf(c)).toContain('memoryFailure:private-referenced->poisoned');
  });

  // apply.ts touched() once widened changed references only around the op's own range, so a
  // release (no range) missed the pages a TDX removal failure leaks: the reference lands on a
  // huge folio whose other, unmapped pages turn leaked too. Since spec v2 the release runs at
  // the last file reference (here the munmap of the last VMA, kvm_gmem_release) and the inode
  // is evicted at once: the leaked page leaves the file as an orphan that TDX holds.
  it('the last munmap releases the file: a failed S-EPT removal leaves an orphan TDX holds', () => {
    const c: Case = {
      config: cfg({ vmType: 'tdx' }),
      steps: [
        { op: 'allocate', offset: 0, length: 4 * K },
        { op: 'split', offset: 0, to: PAGE },
        { op: 'guestAccess', offset: 4 * K },
        { op: 'injectRemovalFailure', offset: 4 * K },
        { op: 'merge', offset: 0, size: 2 * M },
        { op: 'hostMap', offset: 0, length: 4 * K },
        { op: 'close' },
        { op: 'hostUnmap', offset: 0, length: 4 * K },
      ],
    };
    expect(() => check(c)).not.toThrow();
    expect(edgesOf(c)).toContain('hostUnmap:private-mapped->private-hole');
    const s = stateAfter(c);
    expect(s.orphans).toHaveLength(1);
    expect(allRefs(s.refs)).toMatchObject([{ kind: 'arch', holder: 'tdx', start: 4 * K, end: 8 * K }]);
  });

  // Spec v2, "Refused operations can have side effects": check() accepts a changed state on a
  // refusal only for these two rules, and only the PTE zap; both cases agree with the oracle.
  it('refusals with side effects agree with the oracle, and change only the PTEs', () => {
    const convert: Case = {
      config: cfg({ pageSize: PAGE, initShared: true }),
      steps: [
        { op: 'hostMap', offset: 0, length: 4 * M },
        { op: 'hostAccess', offset: 0 },
        { op: 'pin', offset: 4 * K, length: 4 * K, holder: 'vfio' },
        { op: 'convert', offset: 0, length: 8 * K, to: 'private' },
      ],
    };
    const madvise: Case = {
      config: cfg({ initShared: true }),
      steps: [
        { op: 'hostMap', offset: 0, length: 8 * K },
        { op: 'hostAccess', offset: 0 },
        { op: 'madviseDontneed', offset: 0, length: 2 * M },
      ],
    };
    for (const c of [convert, madvise]) {
      expect(() => check(c)).not.toThrow();
      const before = stateAfter(c, c.steps.length - 1);
      const r = apply(before, c.steps[c.steps.length - 1] as Op);
      expect(r.refusal).toBeDefined();
      expect(toRuns(before.ptes)).not.toEqual([]);
      expect(toRuns(r.state.ptes)).toEqual([]);
      expect({ ...r.state, ptes: [] }).toEqual({ ...before, ptes: [] });
    }
  });

  // Edges found by the fuzzer and added to the diagram: each case takes its edge and agrees with the oracle.
  const tdx = (pageSize: number, steps: Op[]): Case => ({
    config: cfg({ vmType: 'tdx', pageSize }),
    steps: [
      { op: 'guestAccess', offset: 0 },
      { op: 'getRef', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
      ...steps,
    ],
  });
  // A TDX page mapped by a 4K leaf under a 2M folio merged back, its next removal failing.
  const leafUnderHugeFolio: Op[] = [
    { op: 'allocate', offset: 0, length: 4 * K },
    { op: 'split', offset: 0, to: PAGE },
    { op: 'guestAccess', offset: 4 * K },
    { op: 'injectRemovalFailure', offset: 4 * K },
    { op: 'merge', offset: 0, size: 2 * M },
  ];
  const pending: [string, Case][] = [
    [
      'convert:private-referenced->shared-referenced',
      {
        config: cfg({ pageSize: PAGE }),
        steps: [
          { op: 'allocate', offset: 0, length: 4 * K },
          { op: 'getRef', offset: 0 },
          { op: 'convert', offset: 0, length: 4 * K, to: 'shared' },
        ],
      },
    ],
    [
      'convert:private-referenced->leaked',
      tdx(PAGE, [{ op: 'convert', offset: 0, length: 4 * K, to: 'shared' }]),
    ],
    // Spec v2: TDX demotes the 2M leaf and zaps only the hole, so the hole must cover the page.
    ['punchHole:private-referenced->leaked', tdx(2 * M, [{ op: 'punchHole', offset: 0, length: 4 * K }])],
    ['memoryFailure:private-referenced->leaked', tdx(2 * M, [{ op: 'memoryFailure', offset: 4 * K }])],
    [
      'memoryFailure:private->leaked',
      {
        config: cfg({ vmType: 'tdx' }),
        steps: [...leafUnderHugeFolio, { op: 'memoryFailure', offset: 8 * K }],
      },
    ],
    [
      'punchHole:private->leaked',
      {
        config: cfg({ vmType: 'tdx' }),
        steps: [...leafUnderHugeFolio, { op: 'punchHole', offset: 4 * K, length: 4 * K }],
      },
    ],
  ];
  for (const [edge, c] of pending)
    it(`takes the edge ${edge}, which the diagram lists`, () => {
      expect(hasEdge(edge)).toBe(true);
      expect(() => check(c)).not.toThrow();
      expect(edgesOf(c)).toContain(edge);
    });
});

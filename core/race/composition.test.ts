/**
 * Acceptance check 1 of spec/races.md §10: running an actor's program alone to completion
 * equals apply() of its op — observation, errno, exit, error_offset, the refusal's sentence
 * and events (race-only event types removed) — over generated setups of every VM type,
 * including the refused conversion's side effect (§4.2). apply runs the programs with the
 * lean runner (race/solo.ts: no identity maps, no race-only references); this compares it
 * with the explorer's runner (identity synced after every step, the paths' own references
 * taken and dropped), so what the explorer shows of an actor alone is what apply answers.
 * That both are right is core/property.test.ts's business (the naive per-page oracle).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from '../apply.ts';
import { create } from '../create.ts';
import { observe } from '../observe.ts';
import { plainObservation } from '../observation.ts';
import { DEFAULT_POLICY } from '../scenario/policy.ts';
import type { GmemConfig, GmemState, Op, Refusal, VmType } from '../types.ts';
import { runTracked } from './testkit.ts';
import { RACE_EVENT_TYPES } from './types.ts';

const K = 1024;
const M = 1024 * K;
const FUZZ = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 0);
const RUNS = FUZZ > 0 ? FUZZ : 250;

/** ≤ 4 pages: four 4K pages, or four 2M blocks. */
const configArb: fc.Arbitrary<GmemConfig> = fc
  .record({
    vmType: fc.constantFrom<VmType>('sw_protected', 'tdx', 'snp', 'pkvm'),
    pageSize: fc.constantFrom(4 * K, 2 * M),
    initShared: fc.boolean(),
    mergeWhen: fc.constantFrom('convert', 'lastRef', 'never'),
    hostUnmap: fc.constantFrom('auto', 'require'),
    tdxRemovalFailure: fc.constantFrom('ref', 'bug'),
    crossBoundary: fc.constantFrom('zap', 'split'),
    splitPath: fc.constantFrom('direct', 'stepwise'),
  })
  .map(({ vmType, pageSize, initShared, ...p }) => ({
    vmType,
    size: 4 * pageSize,
    pageSize,
    mmap: true,
    initShared: initShared && vmType === 'pkvm' ? true : initShared,
    policy: { ...DEFAULT_POLICY, ...p } as GmemConfig['policy'],
  }));

/** A page offset of the file (now and then a byte offset, or the page past the end). */
const offsetArb = (c: GmemConfig) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .integer({ min: 0, max: 3 })
        // Mostly the first two pages (blocks), so that setup and actor meet.
        .map((i) => (i % 2) * c.pageSize + (c.pageSize > 4 * K && i > 1 ? 4 * K : 0)),
    },
    { weight: 1, arbitrary: fc.constantFrom(100, c.size) },
  );

const holderArb = fc.constantFrom(undefined, 'vfio');

/** The setup's ops: anything that builds references, mappings, attributes and failures. */
function setupOpArb(c: GmemConfig): fc.Arbitrary<Op> {
  const o = offsetArb(c);
  const len = fc.constantFrom(4 * K, c.pageSize, c.size);
  return fc.oneof(
    fc.record({ op: fc.constant('allocate'), offset: o, length: len }),
    fc.record({
      op: fc.constant('convert'),
      offset: o,
      length: len,
      to: fc.constantFrom('shared', 'private'),
    }),
    fc.record({ op: fc.constant('hostMap'), offset: fc.constant(0), length: fc.constant(c.size) }),
    fc.record({ op: fc.constant('hostAccess'), offset: o, write: fc.boolean() }),
    fc.record({ op: fc.constant('guestAccess'), offset: o, write: fc.boolean() }),
    // References weigh more: they are what refuses conversions and orphans truncated folios.
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('pin'),
        offset: o,
        length: fc.constant(4 * K),
        holder: holderArb,
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('getRef'), offset: o, holder: holderArb }) },
    fc.record({ op: fc.constant('injectRemovalFailure'), offset: o }),
    fc.record({ op: fc.constant('madviseDontneed'), offset: o, length: fc.constant(4 * K) }),
    fc.record({ op: fc.constant('punchHole'), offset: o, length: len }),
    fc.record({ op: fc.constant('memoryFailure'), offset: o }),
  ) as fc.Arbitrary<Op>;
}

/** The actor ops of §6.1 that have a v1 op, on one page. */
function actorOpArb(c: GmemConfig, kind: string): fc.Arbitrary<Op> {
  const o = offsetArb(c);
  const page = fc.constant(4 * K);
  const arbs: Record<string, fc.Arbitrary<unknown>> = {
    convert: fc.record({
      op: fc.constant('convert'),
      offset: o,
      length: page,
      to: fc.constantFrom('shared', 'private'),
    }),
    pin: fc.record({
      op: fc.constant('pin'),
      offset: o,
      length: page,
      holder: holderArb,
      longterm: fc.boolean(),
    }),
    unpin: fc.record({ op: fc.constant('unpin'), offset: o, length: page, holder: holderArb }),
    putRef: fc.record({ op: fc.constant('putRef'), offset: o, holder: holderArb }),
    hostAccess: fc.record({ op: fc.constant('hostAccess'), offset: o, write: fc.boolean() }),
    guestAccess: fc.record({
      op: fc.constant('guestAccess'),
      offset: o,
      as: fc.constantFrom(undefined, 'shared', 'private'),
      write: fc.boolean(),
    }),
    punchHole: fc.record({ op: fc.constant('punchHole'), offset: o, length: page }),
  };
  return arbs[kind] as fc.Arbitrary<Op>;
}

/** Drops undefined fields (fc.record makes them), as the parser never produces them. */
const clean = (op: Op): Op => Object.fromEntries(Object.entries(op).filter(([, v]) => v !== undefined)) as Op;

function setupState(c: GmemConfig, ops: readonly Op[]): GmemState | null {
  let s = create(c).state;
  if (s === null) return null;
  for (const op of ops) s = apply(s, clean(op)).state;
  return s;
}

const caseArb = (kind: string) =>
  configArb.chain((c) =>
    fc.record({
      c: fc.constant(c),
      // Mostly with the VMM's mapping first: GUP and host faults need a VMA.
      setup: fc
        .tuple(fc.boolean(), fc.array(setupOpArb(c), { maxLength: 7 }))
        .map(([vma, ops]) => (vma ? [{ op: 'hostMap', offset: 0, length: c.size } as Op, ...ops] : ops)),
      op: actorOpArb(c, kind),
    }),
  );

/** What the caller of an op learns besides the state. */
const answer = (r: { refusal?: Refusal } | null) => [
  r?.refusal?.errno,
  r?.refusal?.exit,
  r?.refusal?.errorOffset,
  r?.refusal?.reason,
];

const KINDS = ['convert', 'pin', 'unpin', 'putRef', 'hostAccess', 'guestAccess', 'punchHole'];

describe('composition: an actor alone is apply (races.md §4.1, §10.1)', () => {
  it.each(KINDS)('%s', (kind) => {
    fc.assert(
      fc.property(caseArb(kind), ({ c, setup, op: raw }) => {
        const s = setupState(c, setup);
        if (s === null) return;
        const op = clean(raw);
        const want = apply(s, op);
        const got = runTracked(s, op);
        expect(got).not.toBeNull();
        expect(plainObservation(observe(got?.state as GmemState))).toEqual(
          plainObservation(observe(want.state)),
        );
        expect(answer(got)).toEqual(answer(want));
        expect(got?.events).toEqual(want.events);
        // Race-only events (lock, recheck…) never reach an actor's core events.
        expect(got?.events.filter((e) => RACE_EVENT_TYPES.includes(e.type))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { explore } from './explore.ts';
import { WORKED_EXAMPLES } from './examples.ts';
import { exploreSpec, raceOf, type RaceSpec } from './testkit.ts';
import { raceFrom, raceTrace } from './trace.ts';

/** One actor of each kind (races.md §3) on page 0. */
const KINDS: Record<string, Record<string, unknown>> = {
  convertPrivate: { op: 'convert', offset: 0, length: '4K', to: 'private' },
  convertShared: { op: 'convert', offset: 0, length: '4K', to: 'shared' },
  pin: { op: 'pin', offset: 0, length: '4K', longterm: false },
  hostAccess: { op: 'hostAccess', offset: 0, write: true },
  guestAccess: { op: 'guestAccess', offset: 0 },
  punchHole: { op: 'punchHole', offset: 0, length: '4K' },
  unpin: { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' },
  faultConvert: { op: 'faultConvert', offset: 0 },
};

/** The canonical one-page setups: shared, mapped and pinned; private and mapped in stage-2. */
const SETUPS: Record<string, Pick<RaceSpec, 'setup' | 'initShared'>> = {
  shared: {
    setup: [
      { op: 'hostMap', offset: 0, length: '16K' },
      { op: 'hostAccess', offset: 0, write: true },
      { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
    ],
  },
  private: {
    initShared: false,
    setup: [
      { op: 'hostMap', offset: 0, length: '16K' },
      { op: 'guestAccess', offset: 0, write: true },
    ],
  },
};

const ids = ['A', 'B', 'D'];
const spec = (setup: string, kinds: string[]): RaceSpec => ({
  ...SETUPS[setup],
  actors: kinds.map((k, i) => ({ id: ids[i], ...KINDS[k] })),
});

/** Every multiset of `n` kinds. */
function combos(n: number, from = 0): string[][] {
  const names = Object.keys(KINDS);
  if (n === 0) return [[]];
  return names.slice(from).flatMap((k, i) => combos(n - 1, from + i).map((rest) => [k, ...rest]));
}

describe('no livelock (races.md §10.4): acyclic state graphs', () => {
  it.each(Object.keys(SETUPS))('every pair of actor kinds, %s page', (setup) => {
    for (const kinds of combos(2)) {
      const x = exploreSpec(spec(setup, kinds));
      expect([kinds, x.complete, x.livelocks]).toEqual([kinds, true, []]);
      expect(BigInt(x.interleavings ?? '0') > 0n).toBe(true);
    }
  });

  it.each(Object.keys(SETUPS))('every triple of actor kinds, %s page', (setup) => {
    for (const kinds of combos(3)) {
      const x = exploreSpec(spec(setup, kinds));
      expect([kinds, x.complete, x.livelocks]).toEqual([kinds, true, []]);
    }
  });
});

describe('determinism (races.md §10.5)', () => {
  const s = spec('shared', ['convertPrivate', 'pin', 'hostAccess']);
  it('exploring twice gives identical JSON', () => {
    expect(JSON.stringify(exploreSpec(s))).toBe(JSON.stringify(exploreSpec(s)));
  });

  it('every outcome example replays to that outcome; a schedule replays identically', () => {
    const race = raceOf(s);
    const x = exploreSpec(s);
    for (const o of x.outcomes) {
      const t = raceTrace(race, o.example);
      expect(t.stuck).toBeUndefined();
      const results = Object.fromEntries(
        Object.entries(t.results).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : [v.errno, v.exit].filter(Boolean).join(' '),
        ]),
      );
      expect(results).toEqual(o.results);
      expect(t.steps[t.steps.length - 1]?.state).toEqual(o.state);
      expect(JSON.stringify(raceTrace(race, o.example))).toBe(JSON.stringify(t));
    }
  });
});

describe('bounds (races.md §10.7)', () => {
  it('maxStates exceeded: complete false and no counts', () => {
    const race = raceOf(spec('shared', ['convertPrivate', 'pin', 'hostAccess']));
    const r = raceFrom(race);
    expect(r).not.toBeNull();
    const x = explore(r as NonNullable<typeof r>, { maxStates: 10, maxViolations: 20 });
    expect(x.complete).toBe(false);
    expect(x.states).toBe(10);
    expect([x.interleavings, x.violatingInterleavings, x.distinctFinalStates]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('the outcomes partition the interleavings (exact BigInt sums, decimal strings)', () => {
    const x = exploreSpec(spec('private', ['convertShared', 'guestAccess', 'guestAccess']));
    expect(x.deadlocks).toEqual([]);
    expect(x.interleavings).toMatch(/^[1-9][0-9]*$/);
    expect(String(x.outcomes.reduce((n, o) => n + BigInt(o.interleavings), 0n))).toBe(x.interleavings);
  });
});

describe('a fixed schedule (races.md §6.2)', () => {
  const s = spec('private', ['convertShared', 'hostAccess']);
  it('a step of a waiting actor ends the trace with stuck', () => {
    const t = raceTrace(raceOf(s), ['A', 'B', 'A']);
    expect(t.steps.map((x) => x.label)).toEqual(['C1']);
    expect(t.stuck).toEqual({
      index: 1,
      actor: 'B',
      reason: 'B waits at H1 for invalidate_lock (X, held by A)',
    });
    expect(t.results).toEqual({ A: 'running', B: 'running' });
  });

  it('a step that leaves an actor waiting records a wait event on its page, once per wait (§4.1)', () => {
    const t = raceTrace(raceOf(s), ['A', 'A', 'A']);
    const waits = t.steps.map((x) => x.events.filter((e) => e.type === 'wait' || e.type === 'spin'));
    expect(waits).toEqual([
      [
        {
          type: 'wait',
          fn: 'filemap_invalidate_lock_shared',
          offset: 0,
          length: 4096,
          detail: 'B waits at H1 for invalidate_lock (X, held by A)',
        },
      ],
      [],
      [],
    ]);
  });

  it('a spin is recorded as a spin event of the step that made the actor spin', () => {
    const g2 = raceOf({ ...(WORKED_EXAMPLES['g2'] as RaceSpec), knobs: { freezeWait: 'spin' } });
    const t = raceTrace(g2, ['C', 'C', 'C', 'C']);
    expect(t.steps.map((x) => x.label)).toEqual(['C1', 'C2', 'C5', 'C6']);
    expect(t.steps[3]?.events.filter((e) => e.type === 'spin')).toEqual([
      {
        type: 'spin',
        fn: 'hugetlb_restructuring_freeze_folio',
        offset: 0,
        length: 4096,
        detail: 'C spins at C6s for folio_ref_freeze of the folio at 0x0: 1 TDX reference (tdx)',
      },
    ]);
  });

  it('a schedule may stop early; the race view shows locks, seq and targets', () => {
    const t = raceTrace(raceOf(s), ['A', 'A', 'A']);
    const last = t.steps[t.steps.length - 1];
    expect(t.steps.map((x) => x.label)).toEqual(['C1', 'C2', 'C5']);
    expect(last?.race.locks.invalidate).toEqual({ x: 'A' });
    expect(last?.race.kvm).toEqual({ seq: 0, inProgress: 1, range: [0, 4096] });
    expect(last?.race.actors['B']).toMatchObject({ pc: 'H1', status: 'waiting' });
  });
});

describe('outcomes reached through a violation (the outcome table marks them)', () => {
  it.each([
    ['a', { gupFastRecheck: false }],
    ['c', { mmuSeqRetry: false }],
    ['d', { mmuSeqRetry: false }],
    ['e2', { faultConvertCheck: 'skip' }],
  ] as const)(
    '(%s) %j: the violating counts add up, each example replays through the named invariants',
    (name, knobs) => {
      const race = raceOf({ ...(WORKED_EXAMPLES[name] as RaceSpec), knobs });
      const x = exploreSpec({ ...(WORKED_EXAMPLES[name] as RaceSpec), knobs });
      const marked = x.outcomes.filter((o) => o.violating !== undefined);
      expect(marked.length).toBeGreaterThan(0);
      const sum = x.outcomes.reduce((n, o) => n + BigInt(o.violating?.interleavings ?? '0'), 0n);
      expect(String(sum)).toBe(x.violatingInterleavings);
      for (const o of marked) {
        const v = o.violating as NonNullable<typeof o.violating>;
        expect(BigInt(v.interleavings)).toBeGreaterThan(0n);
        expect(BigInt(v.interleavings)).toBeLessThanOrEqual(BigInt(o.interleavings));
        const t = raceTrace(race, v.example);
        expect(t.stuck).toBeUndefined();
        expect(t.steps[t.steps.length - 1]?.state).toEqual(o.state);
        const broken = new Set(t.steps.flatMap((s) => s.violations.map((b) => b.invariant)));
        expect(broken.size).toBeGreaterThan(0);
        for (const b of broken) expect(v.invariants).toContain(b);
      }
    },
  );

  it('(a) without the re-check: the pinned outcome violates 1 on all its schedules; default: none is marked', () => {
    const a = WORKED_EXAMPLES['a'] as RaceSpec;
    expect(exploreSpec(a).outcomes.some((o) => o.violating !== undefined)).toBe(false);
    const x = exploreSpec({ ...a, knobs: { gupFastRecheck: false } });
    const pinned = x.outcomes.find((o) => o.results['C'] === 'ok' && o.results['G'] === 'ok');
    expect(pinned?.violating).toEqual({
      interleavings: pinned?.interleavings,
      invariants: ['1'],
      // G reads the PTE before C3's zap, grabs and commits blindly after C is done.
      example: ['C', 'C', 'G', 'C', 'C', 'C', 'C', 'C', 'C', 'G', 'G'],
    });
  });
});

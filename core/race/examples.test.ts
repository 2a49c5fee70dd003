import { describe, expect, it } from 'vitest';
import { C, mapped, WORKED_EXAMPLES as examples } from './examples.ts';
import { exploreSpec, outcomeSet, raceOf, shortest, type RaceSpec } from './testkit.ts';
import { raceTrace } from './trace.ts';

/**
 * The worked examples of spec/races.md §8 and the sanity counts of §7 (acceptance checks 2,
 * 3): by default no violation and the listed outcomes; with the unsafe knob, the listed
 * shortest violating schedule, which replays to the violation at its last step.
 */
const run = (name: string, knobs?: Record<string, unknown>) =>
  exploreSpec({ ...(examples[name] as RaceSpec), ...(knobs === undefined ? {} : { knobs }) });

/** A fast-only FOLL_GET GUP (vmsplice-style) of page 0. */
const getFast = (id: string) => ({ id, op: 'pin', offset: 0, length: '4K', foll: 'get', path: 'fast' });

const EFAULT_EXIT = 'EFAULT KVM_EXIT_MEMORY_FAULT';

describe('worked examples (races.md §8), default knobs: no violation, the listed outcomes', () => {
  const cases: [string, Record<string, unknown> | undefined, string[]][] = [
    ['a', undefined, ['C=EAGAIN G=ok', 'C=EAGAIN G=ok', 'C=ok G=EFAULT']],
    ['b', undefined, ['C=EAGAIN H=ok', 'C=ok H=SIGBUS', 'C=ok H=ok']],
    ['c', undefined, [`C=ok V=${EFAULT_EXIT}`, 'C=ok V=ok']],
    ['d', undefined, ['P=ok V=ok', 'P=ok V=ok']],
    ['d', { vcpuFaultLock: false }, ['P=ok V=ok', 'P=ok V=ok']],
    ['e1', undefined, ['A=EAGAIN B=EAGAIN', 'A=EAGAIN B=ok', 'A=ok B=EAGAIN', 'A=ok B=ok']],
    ['e1', { faultConvertCheck: 'skip' }, ['A=ok B=ok']],
    ['e2', undefined, ['A=EAGAIN G=EFAULT', 'A=EAGAIN G=ok', 'A=ok G=EFAULT']],
    [
      'e3',
      undefined,
      [
        'C=EAGAIN V=ok W=ok',
        `C=ok V=${EFAULT_EXIT} W=${EFAULT_EXIT}`,
        `C=ok V=${EFAULT_EXIT} W=ok`,
        `C=ok V=ok W=${EFAULT_EXIT}`,
        'C=ok V=ok W=ok',
      ],
    ],
    [
      'e3',
      { vcpuRefAcrossMap: 'drop' },
      [
        `C=ok V=${EFAULT_EXIT} W=${EFAULT_EXIT}`,
        `C=ok V=${EFAULT_EXIT} W=ok`,
        `C=ok V=ok W=${EFAULT_EXIT}`,
        'C=ok V=ok W=ok',
      ],
    ],
    ['f', { tdxRemovalFailure: 'propagate' }, ['C=EIO H=SIGBUS']],
    ['g', undefined, ['C=EAGAIN V=ok', `C=ok V=${EFAULT_EXIT}`, 'C=ok V=ok']],
    ['g', { freezeWait: 'spin' }, [`C=ok V=${EFAULT_EXIT}`, 'C=ok V=ok']],
  ];
  it.each(cases)('(%s) %j', (name, knobs, outcomes) => {
    const x = run(name, knobs);
    expect(x.complete).toBe(true);
    expect(x.violatingInterleavings).toBe('0');
    expect(x.violations).toEqual([]);
    expect(x.deadlocks).toEqual([]);
    expect(outcomeSet(x)).toEqual(outcomes);
    expect(x.distinctFinalStates).toBe(outcomes.length);
  });

  it('(a) with longterm: true (io_uring) still no violation, and C may answer EAGAIN to the transient grab', () => {
    const spec = examples['a'] as RaceSpec;
    const x = exploreSpec({ ...spec, actors: [C('private'), { ...spec.actors[1], longterm: true }] });
    expect([x.violatingInterleavings, x.deadlocks]).toEqual(['0', []]);
    expect(outcomeSet(x)).toEqual(['C=EAGAIN G=ok', 'C=EAGAIN G=ok', 'C=ok G=EFAULT']);
  });

  it('(c) mirror, to private vs a shared vCPU fault: no violation by default', () => {
    expect(run('cMirror').violatingInterleavings).toBe('0');
  });

  it('(a) the two {C EAGAIN, G ok} outcomes differ by the PTE G faulted back', () => {
    const x = run('a');
    const eagain = x.outcomes.filter((o) => o.results['C'] === 'EAGAIN');
    expect(eagain.map((o) => o.state.hostMappings.length).toSorted()).toEqual([0, 1]);
  });

  it('(e3) with hold, only a vCPU reference held from V3 to V8 makes C answer EAGAIN', () => {
    expect(outcomeSet(run('e3')).filter((o) => o.startsWith('C=EAGAIN'))).toHaveLength(1);
    expect(
      outcomeSet(run('e3', { vcpuRefAcrossMap: 'drop' })).filter((o) => o.startsWith('C=EAGAIN')),
    ).toEqual([]);
  });
});

describe('worked examples (races.md §8), unsafe knobs: the listed shortest violating schedule', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['a', { gupFastRecheck: false }, 'C1 C2 G1 C3 C4 C5 C6 G2 G3', '1'],
    ['a', { convertOrder: 'checkThenUnmap' }, 'C1 C2 C4 G1 G2 G3 C3 C5 C6', '1'],
    ['b', { hostFaultLock: false }, 'C1 C2 C3 C4 C5 H2 C6 H3 H4 H6', '1'],
    ['c', { mmuSeqRetry: false }, 'V1 V2 V3 V4 V5 C1 C2 C5 C6 V6 V7', '2'],
    ['cMirror', { mmuSeqRetry: false }, 'C1 C2 C3 C4 V1 C5 C6 C7 C8 V2 V3 V4 V5 V6 V7', '2'],
    ['d', { mmuSeqRetry: false }, 'V1 V2 V3 V4 V5 P1 P2 P3 P4 P5 V6 V7', '6'],
    ['e2', { faultConvertCheck: 'skip' }, 'L1 L2 G1 G2 G3 L3 L4', '1'],
    ['f', { tdxRemovalFailure: 'ref' }, 'C1 C2 C5 C6 C7 C8 H1 H2 H3 H4 H5 H6', 'R1'],
    ['f', { tdxRemovalFailure: 'bug' }, 'C1 C2 C5 C6 C7 C8 H1 H2 H3 H4 H5 H6', 'R1'],
  ];
  it.each(cases)('(%s) %j', (name, knobs, labels, invariant) => {
    const x = run(name, knobs);
    expect(BigInt(x.violatingInterleavings ?? '0') > 0n).toBe(true);
    expect(shortest(x)).toEqual({ labels, invariant });
    // Replaying the schedule breaks the invariant at its last step, not before.
    const v = x.violations.find((y) => y.labels.join(' ') === labels);
    const t = raceTrace(raceOf({ ...(examples[name] as RaceSpec), knobs }), v?.schedule ?? []);
    expect(t.steps.map((s) => s.label).join(' ')).toBe(labels);
    expect(t.violations.map((y) => [y.step, y.invariant])).toContainEqual([
      labels.split(' ').length - 1,
      invariant,
    ]);
    expect(t.violations.every((y) => y.step === labels.split(' ').length - 1)).toBe(true);
  });

  it('(d) with both vcpuFaultLock and mmuSeqRetry off, the orphan is mapped', () => {
    expect(shortest(run('d', { vcpuFaultLock: false, mmuSeqRetry: false }))?.invariant).toBe('6');
  });

  it('(f) is not a race: exactly the one order in which H comes second violates R1', () => {
    const x = run('f');
    expect([x.interleavings, x.violatingInterleavings]).toEqual(['2', '1']);
  });

  it('(g2) split waiting for a reference only TDX holds: one deadlock at C6s', () => {
    const x = run('g2', { freezeWait: 'spin' });
    expect(x.deadlocks).toHaveLength(1);
    expect(x.deadlocks[0]?.labels).toEqual(['C1', 'C2', 'C5', 'C6']);
    expect(x.deadlocks[0]?.waiting.map((w) => [w.actor, w.label])).toEqual([['C', 'C6s']]);
    expect(x.deadlocks[0]?.waiting[0]).toMatchObject({
      resource: 'folio_ref_freeze',
      on: expect.stringMatching(/folio_ref_freeze.*tdx/),
    });
    expect(x.deadlocks[0]?.kind).toBe('spin');
  });
});

describe('sanity counts (races.md §7, §10.2)', () => {
  it('two fast-only FOLL_GET GUPs on one mapped page: 6!/(3!3!) = 20 interleavings, 1 outcome', () => {
    const x = exploreSpec({
      setup: [...mapped, { op: 'hostAccess', offset: 0 }],
      actors: [getFast('A'), getFast('B')],
    });
    expect([x.interleavings, x.distinctFinalStates]).toEqual(['20', 1]);
  });

  it('punchHole + unpin of its only pin: 8 interleavings, 1 outcome (the folio ends freed)', () => {
    const x = exploreSpec({
      setup: [...mapped, { op: 'pin', offset: 0, length: '4K' }],
      actors: [
        { id: 'P', op: 'punchHole', offset: 0, length: '4K' },
        { id: 'U', op: 'unpin', offset: 0, length: '4K' },
      ],
    });
    expect([x.interleavings, x.distinctFinalStates]).toEqual(['8', 1]);
    expect(x.outcomes[0]?.state.orphans).toEqual([]);
    expect(x.outcomes[0]?.state.folios).toEqual([]);
  });

  it('convert to private + unpin: 6 interleavings, 2 outcomes', () => {
    const x = exploreSpec({
      setup: [...mapped, { op: 'pin', offset: 0, length: '4K' }],
      actors: [C('private'), { id: 'U', op: 'unpin', offset: 0, length: '4K' }],
    });
    expect([x.interleavings, x.distinctFinalStates]).toEqual(['6', 2]);
  });
});

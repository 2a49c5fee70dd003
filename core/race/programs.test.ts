import { describe, expect, it } from 'vitest';
import { apply } from '../apply.ts';
import { observe } from '../observe.ts';
import { runAlone } from './alone.ts';
import { DEFAULT_RACE_KNOBS } from './knobs.ts';
import { programOf } from './programs/index.ts';
import { WORKED_EXAMPLES } from './examples.ts';
import { exploreSpec, raceOf, reachedSteps } from './testkit.ts';
import { raceFrom, raceTrace } from './trace.ts';
import type { ActorOp } from './types.ts';

const ACTORS: Record<string, [ActorOp, string[]]> = {
  C: [
    { op: 'convert', offset: 0, length: 4096, to: 'private' },
    ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'],
  ],
  G: [
    { op: 'pin', offset: 0, length: 4096 },
    ['G1', 'G2', 'G3', 'S1', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7'],
  ],
  H: [{ op: 'hostAccess', offset: 0 }, ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7']],
  V: [{ op: 'guestAccess', offset: 0 }, ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8']],
  P: [{ op: 'punchHole', offset: 0, length: 4096 }, ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']],
  U: [{ op: 'unpin', offset: 0, length: 4096 }, ['U1']],
  L: [{ op: 'faultConvert', offset: 0 }, ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']],
};

const race = raceOf({ actors: [{ id: 'A', op: 'hostAccess', offset: 0 }] });
const config = raceFrom(race)?.start.g.config;

/** The labels of a 4K conversion's program on a file of `pageSize` pages. */
const convertLabels = (pageSize: string, to: 'private' | 'shared', knobs = DEFAULT_RACE_KNOBS) => {
  const size = pageSize === '4K' ? '16K' : '2M';
  const r = raceFrom(raceOf({ size, pageSize, actors: [{ id: 'A', op: 'hostAccess', offset: 0 }] }));
  const g = r?.start.g as NonNullable<typeof r>['start']['g'];
  const op = { op: 'convert', offset: 0, length: 4096, to } as const;
  return programOf({ actor: { id: 'A', op }, knobs, config: g.config }).map((s) => s.label);
};

describe('actor programs (races.md §3)', () => {
  it.each(Object.entries(ACTORS))(
    '%s: the spec table labels, at most 12, each naming a kernel function',
    (_, [op, labels]) => {
      const p = programOf({
        actor: { id: 'A', op },
        knobs: DEFAULT_RACE_KNOBS,
        config: config as NonNullable<typeof config>,
      });
      expect(p.map((s) => s.label)).toEqual(labels);
      expect(p.length).toBeLessThanOrEqual(12);
      for (const s of p) expect(s.fn).toMatch(/^[a-z_][a-z0-9_]*$/);
    },
  );

  it('knobs remove steps: no H1/H5 without hostFaultLock, no V2/V5 without vcpuFaultLock', () => {
    const knobs = { ...DEFAULT_RACE_KNOBS, hostFaultLock: false, vcpuFaultLock: false };
    const labels = (op: ActorOp) =>
      programOf({ actor: { id: 'A', op }, knobs, config: config as NonNullable<typeof config> }).map(
        (s) => s.label,
      );
    expect(labels({ op: 'hostAccess', offset: 0 })).toEqual(['H2', 'H3', 'H4', 'H6', 'H7']);
    expect(labels({ op: 'guestAccess', offset: 0 })).toEqual(['V1', 'V3', 'V4', 'V6', 'V7', 'V8']);
  });

  it('a conversion lists only the steps it can run: C3–C4 only to private, C6s only on HugeTLB', () => {
    expect(convertLabels('4K', 'shared')).toEqual(['C1', 'C2', 'C5', 'C6', 'C7', 'C8']);
    expect(convertLabels('2M', 'shared')).toEqual(['C1', 'C2', 'C5', 'C6', 'C6s', 'C7', 'C8']);
    expect(convertLabels('2M', 'private')).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C6s', 'C7', 'C8']);
    const checkFirst = { ...DEFAULT_RACE_KNOBS, convertOrder: 'checkThenUnmap' } as const;
    expect(convertLabels('4K', 'private', checkFirst)).toEqual([
      'C1',
      'C2',
      'C4',
      'C3',
      'C5',
      'C6',
      'C7',
      'C8',
    ]);
  });

  it.each(Object.keys(WORKED_EXAMPLES))(
    'worked example (%s), default knobs: every step a lane shows runs in some interleaving',
    (name) => {
      const r = raceFrom(raceOf(WORKED_EXAMPLES[name] as NonNullable<(typeof WORKED_EXAMPLES)[string]>));
      if (r === null) throw new Error('creation refused');
      const ran = reachedSteps(r);
      const shown = r.order.flatMap((a) => (r.programs[a] ?? []).map((s) => `${a}:${s.label}`));
      expect(shown.filter((s) => !ran.has(s))).toEqual([]);
    },
  );

  it('refused conversion alone keeps its side effect (§4.2): the PTE zapped before the refcount check stays zapped', () => {
    const r = raceFrom(
      raceOf({
        setup: [
          { op: 'hostMap', offset: 0, length: '16K' },
          { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
        ],
        actors: [{ id: 'A', op: 'hostAccess', offset: 0 }],
      }),
    );
    const s = r?.start.g;
    expect(s).toBeDefined();
    const op = { op: 'convert', offset: 0, length: 4096, to: 'private' } as const;
    const got = runAlone(s as NonNullable<typeof s>, op);
    const want = apply(s as NonNullable<typeof s>, op);
    expect([got?.refusal?.errno, got?.refusal?.errorOffset]).toEqual(['EAGAIN', 0]);
    expect(observe(got?.state as NonNullable<typeof s>).hostMappings).toEqual([]);
    expect(got?.events.map((e) => e.type)).toEqual(want.events.map((e) => e.type));
    expect(got?.events.map((e) => e.type)).toContain('pte_zap');
  });

  it('GUP paths: fast-only finds no PTE and pins nothing; the slow path faults the page in', () => {
    const setup = [{ op: 'hostMap', offset: 0, length: '16K' }];
    const fast = exploreSpec({
      setup,
      actors: [{ id: 'G', op: 'pin', offset: 0, length: '4K', path: 'fast' }],
    });
    expect(fast.outcomes.map((o) => o.results)).toEqual([{ G: 'EFAULT' }]);
    const slow = raceOf({
      setup,
      actors: [{ id: 'G', op: 'pin', offset: 0, length: '4K', path: 'slow' }],
      schedule: Array.from({ length: 9 }, () => 'G'),
    });
    const t = raceTrace(slow);
    expect(t.steps.map((x) => x.label)).toEqual(['S1', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'S1']);
    expect(t.results).toEqual({ G: 'ok' });
    expect(t.steps[8]?.state.folios[0]).toMatchObject({ mapcount: 1, pincount: 1 });
  });
});

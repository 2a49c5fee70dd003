import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../scenario/codec.ts';
import { parseScenario } from '../scenario/parse.ts';
import { EXAMPLE_RUNS, WORKED_EXAMPLES as examples } from './examples.ts';
import { parseRace, type RaceScenario } from './format.ts';
import { RACE_KNOB_CHOICES } from './knobs.ts';
import { decodeRaceLink } from './link.ts';
import { encodeRaceLink, longestRaceLink, raceLinkBytes } from './linkWrite.ts';
import { exploreSpec, raceJson, raceOf, type RaceSpec } from './testkit.ts';

/** Codec v4: a race, its knobs, a schedule and a cursor in one share link. */
const runs = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 200);

/** Each example with its unsafe knob (§8) and the schedule that matters: the shortest violation, else an outcome's. */
const UNSAFE: [string, Record<string, unknown>][] = [
  ['a', { gupFastRecheck: false }],
  ['a', { convertOrder: 'checkThenUnmap' }],
  ['b', { hostFaultLock: false }],
  ['c', { mmuSeqRetry: false }],
  ['cMirror', { mmuSeqRetry: false }],
  ['d', { mmuSeqRetry: false }],
  ['d', { vcpuFaultLock: false, mmuSeqRetry: false }],
  ['e2', { faultConvertCheck: 'skip' }],
  ['f', { tdxRemovalFailure: 'bug' }],
  ['g2', { freezeWait: 'spin' }],
];
const CASES = [...EXAMPLE_RUNS, ...UNSAFE].map(([name, knobs]) => {
  const spec = { ...(examples[name] as RaceSpec), ...(knobs === undefined ? {} : { knobs }) };
  const x = exploreSpec(spec);
  const schedule = x.violations[0]?.schedule ?? x.deadlocks[0]?.schedule ?? x.outcomes[0]?.example ?? [];
  return { label: `(${name}) ${JSON.stringify(knobs ?? {})}`, race: raceOf(spec), schedule };
});

const bytesOf = (link: string): number[] => [...Buffer.from(link.slice(2), 'base64url')];
const linkOf = (bytes: number[], version = 4): string =>
  `${version}.${Buffer.from(bytes).toString('base64url')}`;
const errorOf = (link: string): string => {
  const r = decodeRaceLink(link);
  return r.ok ? 'decoded' : r.error;
};
/** The knob count of a race's link with an empty schedule (4th byte from the end). */
const knobCount = (x: RaceScenario) => bytesOf(encodeRaceLink({ race: x, schedule: [] })).at(-4);
/** A decoded link is canonical, a refused one says why: nothing else (no throw). */
const check = (link: string) => {
  const r = decodeRaceLink(link);
  if (r.ok) expect(encodeRaceLink(r)).toBe(link);
  else expect(typeof r.error).toBe('string');
};
const A = raceOf({ ...(examples['a'] as RaceSpec), knobs: { gupFastRecheck: false } });
const A_SCHEDULE = ['C', 'C', 'G', 'C', 'C', 'C', 'C', 'G', 'G'];
const A_LINK = encodeRaceLink({ race: A, schedule: A_SCHEDULE });

describe('race links (codec v4): every worked example round-trips with its schedule, knobs and cursor', () => {
  it.each(CASES.map((c) => [c.label, c] as const))('%s', (_l, c) => {
    expect(c.schedule.length).toBeGreaterThan(0);
    for (const cursor of [undefined, 0, Math.floor(c.schedule.length / 2), c.schedule.length]) {
      const link = encodeRaceLink({
        race: c.race,
        schedule: c.schedule,
        ...(cursor === undefined ? {} : { cursor }),
      });
      expect(link.startsWith('4.')).toBe(true);
      const back = decodeRaceLink(link);
      expect(back).toEqual({
        ok: true,
        race: c.race,
        schedule: c.schedule,
        cursor: cursor ?? c.schedule.length,
      });
      if (!back.ok) return;
      expect(encodeRaceLink(back)).toBe(link);
      expect(link.length).toBeLessThanOrEqual(longestRaceLink(c.race));
    }
  });

  it('writes (a) with gupFastRecheck off and its violating schedule as a short link', () => {
    expect(A_LINK).toBe('4.MICAAQAAAAEHb2RpcmVjdAIEAAgGAAICAAFDAgACAgABRwgAAgEBAQ0ACRBAAQA');
    expect(A_LINK.length).toBeLessThan(80);
  });

  it('keeps what a race file may say: labels, pin path/foll/write, bounds, texts, policy, an empty schedule', () => {
    const r = raceOf({
      vm: 'tdx',
      initShared: false,
      policy: { tdxRemovalFailure: 'bug', mergeWhen: 'never' },
      setup: [{ op: 'hostMap', offset: 0, length: '16K', note: 'the VMM maps ✓' }],
      actors: [
        { id: 'Conv_1', op: 'convert', offset: '4K', length: '4K', to: 'shared', label: 'VMM ioctl' },
        {
          id: 'g',
          op: 'pin',
          offset: 0,
          length: '4K',
          holder: 'io_uring',
          path: 'slow',
          foll: 'get',
          write: false,
        },
        { id: 'H', op: 'hostAccess', offset: '8K', write: true },
      ],
      knobs: { tdxRemovalFailure: 'propagate', freezeWait: 'spin', hostFaultLock: false },
    });
    const withBounds: RaceScenario = { ...r, title: 'T', explore: { maxStates: 5000, maxViolations: 3 } };
    const parsed = parseRace({
      ...raceJson({ ...(examples['a'] as RaceSpec) }),
      title: 'T',
      description: 'why',
      explore: { maxStates: 5000 },
    });
    const pairs: [RaceScenario, string[][]][] = [
      [r, [[], ['H'], ['Conv_1', 'g', 'H', 'H', 'g']]],
      [parsed.ok ? parsed.race : r, [[], ['G', 'C']]],
    ];
    for (const [x, schedules] of pairs) {
      for (const schedule of schedules)
        expect(decodeRaceLink(encodeRaceLink({ race: x, schedule }))).toEqual({
          ok: true,
          race: x,
          schedule,
          cursor: schedule.length,
        });
    }
    // The explore bounds and the title live in the link (the title as the setup's).
    const t = { ...withBounds, setup: { ...withBounds.setup, title: 'T' } };
    expect(decodeRaceLink(encodeRaceLink({ race: t, schedule: [] }))).toMatchObject({
      ok: true,
      race: { explore: { maxStates: 5000, maxViolations: 3 }, setup: { title: 'T' } },
    });
  });

  it('writes only knobs that differ from their default; the TDX knob defaults to the policy', () => {
    const plain = raceOf(examples['f'] as RaceSpec);
    const bug = raceOf({ ...(examples['f'] as RaceSpec), policy: { tdxRemovalFailure: 'bug' } });
    const bugKnob = raceOf({
      ...(examples['f'] as RaceSpec),
      policy: { tdxRemovalFailure: 'bug' },
      knobs: { tdxRemovalFailure: 'bug' },
    });
    expect(bugKnob).toEqual(bug);
    expect(knobCount(plain)).toBe(0);
    expect(knobCount(bug)).toBe(0);
    const refOnBug = raceOf({
      ...(examples['f'] as RaceSpec),
      policy: { tdxRemovalFailure: 'bug' },
      knobs: { tdxRemovalFailure: 'ref' },
    });
    expect(decodeRaceLink(encodeRaceLink({ race: refOnBug, schedule: [] }))).toMatchObject({
      ok: true,
      race: { knobs: { tdxRemovalFailure: 'ref' } },
    });
  });
});

describe('race links: any knobs, bounds, labels, schedule and cursor round-trip (property)', () => {
  const knobs = fc.record(
    Object.fromEntries(
      Object.entries(RACE_KNOB_CHOICES).map(([k, v]) => [k, fc.constantFrom(...(v as readonly unknown[]))]),
    ),
    { requiredKeys: [] },
  );
  it('decode(encode(x)) is x, and the link is what encode writes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(examples)),
        knobs,
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        fc.array(fc.nat(2), { maxLength: 60 }),
        fc.nat(),
        (name, k, maxStates, label, picks, c) => {
          const spec = examples[name] as RaceSpec;
          const actors = spec.actors.map((a, i) => (i === 0 && label !== undefined ? { ...a, label } : a));
          const raw = {
            ...raceJson({ ...spec, actors, knobs: k }),
            ...(maxStates === undefined ? {} : { explore: { maxStates } }),
          };
          const parsed = parseRace(raw);
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
          const ids = parsed.race.actors.map((a) => a.id);
          const schedule = picks.map((p) => ids[p % ids.length] as string);
          const cursor = c % (schedule.length + 1);
          const link = encodeRaceLink({ race: parsed.race, schedule, cursor });
          expect(decodeRaceLink(link)).toEqual({ ok: true, race: parsed.race, schedule, cursor });
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('race links: versions and the scenario codec', () => {
  it('v1-v3 scenario links are not races, and a race is not a scenario', () => {
    const s = parseScenario({ format: 'folioscope-scenario', version: 1, gmem: { size: '16K' }, steps: [] });
    if (!s.ok) throw new Error('bad scenario');
    expect(errorOf(encodeScenario(s.scenario))).toBe('the link holds a scenario (link format 1), not a race');
    expect(errorOf(`3.${A_LINK.slice(2)}`)).toBe('the link holds a scenario (link format 3), not a race');
    const r = decodeScenario(A_LINK);
    expect(r.ok ? 'decoded' : r.error).toBe(
      'the link holds a race (link format 4), not a scenario: the race explorer opens it',
    );
    expect(errorOf(`5.${A_LINK.slice(2)}`)).toBe(
      'the link was made by a newer Folioscope (link format 5; this one reads up to 4)',
    );
    expect(errorOf(`04.${A_LINK.slice(2)}`)).toContain('leading zero');
    expect(errorOf('')).toBe('the link holds no race');
  });
});

describe('race links: every malformed or non-canonical part is refused with a message naming it', () => {
  const b = bytesOf(A_LINK);
  // Offsets in (a)'s bytes: the schedule and cursor are the last 5 bytes (9, 3 packed bytes, 0).
  const tail = b.length;
  const at = (i: number, v: number) => b.map((x, j) => (j === i ? v : x));
  it.each([
    ['cut short', b.slice(0, -1), 'the link is cut short (in its cursor)'],
    ['cut in the schedule', b.slice(0, -3), 'the link is cut short (in its schedule)'],
    ['trailing data', [...b, 0], 'the link has unexpected data after its cursor (was it edited?)'],
    [
      'cursor past the start',
      at(tail - 1, 10),
      "the link's cursor stands 10 micro-steps before the end of a schedule of 9",
    ],
    [
      'schedule too long',
      [...b.slice(0, tail - 5), 0xe9, 0x07],
      'micro-steps (at most 1,000, limit raceSchedule = 1,000)',
    ],
    [
      'schedule entry naming no actor',
      at(tail - 4, b[tail - 4]! | 3),
      'schedule entry 1 of the link names no actor',
    ],
    [
      'unused schedule bits set',
      at(tail - 2, b[tail - 2]! | 0xc),
      "the link's schedule is not written the way Folioscope writes it",
    ],
    [
      'padded cursor',
      [...b.slice(0, -1), 0x80, 0x00],
      'a number in the link is padded with extra bytes (in its cursor)',
    ],
  ])('%s', (_n, bytes, message) => {
    expect(errorOf(linkOf(bytes))).toContain(message);
  });

  /** (a)'s bytes with its race part (after the setup steps) replaced. */
  const setupEnd = raceLinkBytes({ race: A, schedule: A_SCHEDULE }).ends.find(
    ([p]) => p === 'setup steps',
  )?.[1];
  const head = b.slice(0, setupEnd);
  const part = b.slice(setupEnd);
  it('finds the race part where the test expects it', () => {
    // 2 actors; C: no flags, id "C", convert; G: no flags, id "G", pin; one knob; bounds; schedule; cursor.
    expect(part).toEqual([2, 0, 1, 67, 2, 0, 2, 2, 0, 1, 71, 8, 0, 2, 1, 1, 1, 13, 0, 9, 16, 64, 1, 0]);
  });
  const withKnobs = (knobs: number[]) => linkOf([...head, ...part.slice(0, 16), ...knobs, ...part.slice(18)]);
  it.each([
    [
      'a knob at its default',
      [2, 0x0c, 0x0d],
      "the link's knobs is not written the way Folioscope writes it",
    ],
    ['knobs out of order', [2, 0x0d, 0x09], "the link's knobs is not written the way Folioscope writes it"],
    ['an unknown knob', [1, 0x40], 'the link sets an unknown race knob (number 16)'],
    [
      'a knob value it does not have',
      [1, 0x0e],
      'the link gives the knob gupFastRecheck a value it does not have',
    ],
    ['too many knobs', [10], 'the link sets 10 knobs (there are 9)'],
  ])('%s', (_n, knobs, message) => {
    expect(errorOf(withKnobs(knobs))).toContain(message);
  });

  it.each([
    ['no actor', [0], 'the link has 0 actors (1 to 3, limit raceActors = 3)'],
    ['four actors', [4], 'the link has 4 actors (1 to 3, limit raceActors = 3)'],
    ['an unknown op code', [1, 0, 1, 67, 31], 'actor 1 has an unknown operation code (in its actors)'],
    ['a pin path on a convert', [1, 4, 1, 67, ...part.slice(4, 8)], 'actors[0].path: unknown field'],
    ['an op no actor runs', [1, 0, 1, 67, 16], 'actors[0].op: unknown op for an actor "close"'],
    ['a bad actor id', [1, 0, 1, 49, ...part.slice(4, 8)], 'actors[0].id: expected an id'],
    [
      'foll value 3',
      [1, 0x30, 1, 71, ...part.slice(11, 16)],
      "the link's actors is not written the way Folioscope writes it",
    ],
  ])('actors: %s', (_n, actors, message) => {
    expect(errorOf(linkOf([...head, ...actors, 0, 0, 0, 0]))).toContain(message);
  });

  it('exploration bounds: unknown flags, a default value, a bound past the limit', () => {
    const tailFrom = (explore: number[]) => linkOf([...head, ...part.slice(0, 18), ...explore, 0, 0]);
    expect(part[18]).toBe(0);
    expect(errorOf(tailFrom([4]))).toBe('the link has malformed exploration bounds');
    expect(errorOf(tailFrom([2, 20]))).toContain("the link's exploration bounds is not written the way");
    expect(errorOf(tailFrom([1, 0xa1, 0x8d, 0x06]))).toContain(
      'explore.maxStates: expected an integer from 1 to 100,000',
    );
  });

  it('a link cut inside the actors, knobs or bounds names that part', () => {
    expect(errorOf(linkOf([...head, 1, 0, 1]))).toBe('the link is cut short (in its actors)');
    expect(errorOf(linkOf([...head, ...part.slice(0, 16), 2, 0x0d]))).toBe(
      'the link is cut short (in its knobs)',
    );
    expect(errorOf(linkOf([...head, ...part.slice(0, 18), 1]))).toBe(
      'the link is cut short (in its exploration bounds)',
    );
  });

  it('configuration, holders and setup: the shared readers name the part', () => {
    expect(errorOf(linkOf([b[0]! | 0x0c, ...b.slice(1)]))).toBe('the link has a malformed configuration');
    expect(errorOf(linkOf(at(6, 8)))).toBe('the link has a malformed configuration (in its configuration)');
    expect(errorOf(linkOf(b.slice(0, 3)))).toBe('the link is cut short (in its configuration)');
    const unusedHolder = [...b.slice(0, 7), 2, ...b.slice(8, 16), 1, 120, ...b.slice(16)];
    expect(errorOf(linkOf(unusedHolder))).toBe(
      "the link's holder table is not written the way Folioscope writes it (was it edited?)",
    );
    expect(errorOf(linkOf(b.slice(0, 8)))).toBe('the link is cut short (in its holder table)');
    expect(errorOf(linkOf(b.slice(0, 17)))).toBe('the link is cut short (in its setup steps)');
    expect(errorOf(linkOf([...b.slice(0, 16), 2, 31, ...b.slice(18)]))).toBe(
      'setup step 0 has an unknown operation code (in its setup steps)',
    );
  });

  it('a race the file format refuses is refused naming its field', () => {
    // gmem.size 65 pages (LEB128 of 266,240): one page past the race limit.
    const over = [b[0]!, 0x80, 0xa0, 0x10, ...b.slice(4)];
    expect(errorOf(linkOf(over))).toBe(
      "the link's race is invalid: gmem.size: a race file holds at most 64 pages (limit racePages = 64)",
    );
  });

  it('the last character must be the one Folioscope writes', () => {
    const last = A_LINK.at(-1) === 'A' ? 'B' : 'A';
    expect(errorOf(A_LINK.slice(0, -1) + last)).toMatch(/not the one Folioscope writes|not written the way/);
  });
});

describe('race links: random input never throws, and every accepted link is canonical', () => {
  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => check(s)),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => check(`4.${s}`)),
      { numRuns: runs },
    );
  });
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (u) => check(linkOf([...u]))),
      { numRuns: runs },
    );
  });
  it('valid links with bytes changed, removed or added', () => {
    const links = CASES.map((c) => encodeRaceLink({ race: c.race, schedule: c.schedule, cursor: 1 }));
    fc.assert(
      fc.property(
        fc.constantFrom(...links),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(2),
        (l, i, v, how) => {
          const bytes = bytesOf(l);
          const j = i % bytes.length;
          if (how === 0) bytes[j] = v;
          else if (how === 1) bytes.splice(j, 1);
          else bytes.splice(j, 0, v);
          check(linkOf(bytes));
        },
      ),
      { numRuns: runs * 5 },
    );
  });
});

describe('parseRace: a race it accepts can always be shared', () => {
  it('refuses a schedule longer than the limit', () => {
    const r = parseRace(
      raceJson({ ...(examples['a'] as RaceSpec), schedule: Array.from({ length: 1001 }, () => 'C') }),
    );
    expect(r.ok ? [] : r.errors).toEqual([
      {
        path: 'schedule',
        message: 'a schedule has at most 1,000 micro-steps (limit raceSchedule = 1,000), got 1,001',
      },
    ]);
  });

  it('refuses a race whose link could pass the link-length limit, though its setup alone fits', () => {
    const note = 'n'.repeat(9_990);
    const setup = Array.from({ length: 149 }, () => ({ op: 'hostMap', offset: 0, length: '4K', note }));
    const label = 'l'.repeat(9_990);
    const spec = (labels: boolean): RaceSpec => ({
      setup,
      actors: ['A', 'B', 'C'].map((id) => ({
        id,
        op: 'hostAccess',
        offset: 0,
        ...(labels ? { label } : {}),
      })),
    });
    const fits = parseRace(raceJson(spec(false)));
    expect(fits.ok).toBe(true);
    expect(fits.ok ? longestRaceLink(fits.race) : 0).toBeGreaterThan(1_950_000);
    const r = parseRace(raceJson(spec(true)));
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^the race is too large to share: its link would be up to 2,0\d\d,\d\d\d characters; at most 2,000,000/,
      ),
    ]);
  });
});

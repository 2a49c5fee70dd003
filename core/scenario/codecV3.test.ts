import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Op } from '../types.ts';
import { decodeScenario, encodeScenario } from './codec.ts';
import { LIMITS } from './limits.ts';
import { linkLength } from './linkSize.ts';
import { parseScenario, scenarioLimitProblem, validateStep } from './parse.ts';
import { OP, RAW_SCENARIO } from './testArbitraries.ts';
import type { LinkBranch, Scenario } from './types.ts';

/** Codec v3: the branches (lines the user left) travel with the scenario. */
const runs = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 200);

function scenario(raw: Record<string, unknown>): Scenario {
  const r = parseScenario({ format: 'folioscope-scenario', version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

function op(raw: Record<string, unknown>): Op {
  const r = validateStep(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.op;
}

const base = scenario({
  title: 'branches',
  gmem: { size: '2G', pageSize: '1G', mmap: true },
  steps: [
    { op: 'convert', offset: 0, length: '4K', to: 'shared' },
    { op: 'hostMap', offset: 0, length: '2G' },
    { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
  ],
});
const [s0, s1] = base.steps as [Op, Op, Op];
const split = op({ op: 'split', offset: 0, to: '2M' });
const getRef = op({ op: 'getRef', offset: '4K', holder: 'io_uring' });
/** The old future of step 1, and a line that parted after step 2 and named a new holder. */
const BRANCHES: LinkBranch[] = [
  { steps: [s0, split], forkAt: 1 },
  { steps: [s0, s1, getRef], forkAt: 2 },
];

const bytesOf = (link: string): number[] => [...Buffer.from(link.slice(2), 'base64url')];
const linkOf = (version: number, bytes: number[]): string =>
  `${version}.${Buffer.from(bytes).toString('base64url')}`;
const errorOf = (link: string): string => {
  const r = decodeScenario(link);
  return r.ok ? 'decoded' : r.error;
};

describe('share-link codec v3: branches', () => {
  it('writes v3 only when there are branches, and reads them back whole', () => {
    expect(encodeScenario(base, [])).toBe(encodeScenario(base));
    expect(encodeScenario(base).startsWith('1.')).toBe(true);
    const link = encodeScenario(base, BRANCHES);
    expect(link.startsWith('3.')).toBe(true);
    expect(decodeScenario(link)).toEqual({ ok: true, scenario: base, branches: BRANCHES });
    expect(linkLength(base, BRANCHES)).toBe(link.length);
  });

  it('stores a branch as the prefix it shares with the line and its own steps (exact bytes)', () => {
    // prettier-ignore
    expect(bytesOf(encodeScenario(base, BRANCHES))).toEqual([
      88, 128, 128, 128, 128, 8, 0, 0, // config, size 2G, policy, hostHugePages + 1 (as in v1)
      0, // the v2 policy byte, always present in v3
      8, ...Buffer.from('branches'), // title
      2, 4, ...Buffer.from('vfio'), 8, ...Buffer.from('io_uring'), // holders: the line's, then the branches'
      3, 2, 0, 2, 1, 4, 0, 128, 128, 64, 8, 0, 2, 1, 0, // the line's 3 steps, as in v1
      2, // two branches
      1, 1, 1, 12, 0, 128, 8, // fork 1, shares 1 step, 1 own: split 0x0 to 2M
      2, 2, 1, 10, 2, 2, // fork 2, shares 2 steps, 1 own: getRef 4K by holder 2 (io_uring)
    ]);
  });

  it('round-trips random scenarios with random branches, at the computed length', () => {
    const branch = fc.record({
      keep: fc.nat({ max: 40 }),
      own: fc.array(OP, { maxLength: 6 }),
      forkAt: fc.nat({ max: 50 }),
    });
    fc.assert(
      fc.property(RAW_SCENARIO, fc.array(branch, { minLength: 1, maxLength: 4 }), (r, raws) => {
        const parsed = parseScenario(
          JSON.parse(JSON.stringify({ format: 'folioscope-scenario', version: 1, ...r })),
        );
        if (!parsed.ok) throw new Error('arbitrary scenario does not parse');
        const s = parsed.scenario;
        const branches: LinkBranch[] = raws.map((b) => ({
          steps: [...s.steps.slice(0, b.keep), ...b.own.map((x) => op(JSON.parse(JSON.stringify(x))))],
          forkAt: b.forkAt,
        }));
        const link = encodeScenario(s, branches);
        expect(link.startsWith('3.')).toBe(true);
        expect(link.length).toBe(linkLength(s, branches));
        expect(decodeScenario(link)).toEqual({ ok: true, scenario: s, branches });
      }),
      { numRuns: runs },
    );
  });

  it('refuses non-canonical v3 links: one link per document', () => {
    const line = bytesOf(encodeScenario(base));
    // Version 3 without a branch: the encoder writes v1 (here) or v2 then.
    expect(errorOf(linkOf(3, [...line.slice(0, 8), 0, ...line.slice(8), 0]))).toBe(
      'the link is written as version 3 but carries no branch',
    );
    // The holder table in another order than first use (io_uring is used after vfio), the
    // steps' indices swapped to match: the same document, but not the link the encoder writes.
    const v3 = bytesOf(encodeScenario(base, BRANCHES));
    const at = v3.indexOf(4); // the table: 2, 4 "vfio", 8 "io_uring"
    const table = [8, ...Buffer.from('io_uring'), 4, ...Buffer.from('vfio')];
    const reordered = [...v3.slice(0, at), ...table, ...v3.slice(at + table.length)];
    reordered[reordered.length - 16] = 2; // the pin's holder: now index 2
    reordered[reordered.length - 1] = 1; // the getRef's holder: now index 1
    expect([v3.at(-16), v3.at(-1)]).toEqual([1, 2]); // the holder bytes edited above
    expect(errorOf(linkOf(3, reordered))).toMatch(/lists holders that its steps do not use in that order/);
  });

  it('refuses a branch that repeats a shared step instead of sharing it', () => {
    // Branch [s0, split] written as sharing 0 steps and owning [s0, split].
    const line = bytesOf(encodeScenario(base));
    const split2M = [12, 0, 0x80, 0x08];
    const s0Bytes = [2, 0, 2, 1];
    const bytes = [...line.slice(0, 8), 0, ...line.slice(8), 1, 1, 0, 2, ...s0Bytes, ...split2M];
    expect(errorOf(linkOf(3, bytes))).toBe(
      "branch 1 repeats the line's step 1 instead of sharing it (was the link edited?)",
    );
    // Written canonically (sharing 1), it decodes.
    const good = [...line.slice(0, 8), 0, ...line.slice(8), 1, 1, 1, 1, ...split2M];
    expect(decodeScenario(linkOf(3, good))).toEqual({
      ok: true,
      scenario: base,
      branches: [{ steps: [s0, split], forkAt: 1 }],
    });
  });

  it('hostile v3 links give a clear message and never throw', () => {
    const line = bytesOf(encodeScenario(base));
    const pre = [...line.slice(0, 8), 0, ...line.slice(8)];
    const cases: [number[], RegExp][] = [
      [[...pre, 101], /too many branches \(101; at most 100, limit branches = 100\)/],
      [[...pre, 1, 0, 9, 0], /branch 1 shares 9 steps with a line of 3/],
      [[...pre, 1, 0, 0, 0xff, 0xff, 0x7f], /branch 1 has too many steps/],
      [[...pre, 1, 0xff, 0xff, 0x7f, 0, 0], /branch 1 has too many steps/],
      [[...pre, 1, 0, 3, 2, 12, 0], /cut short/],
      [[...pre, 1, 0, 3, 1, 31], /branch 1 step 4 has an unknown operation code/],
      [[...pre, 1, 0, 3, 1, 10, 0, 9], /branch 1 step 4 names a holder the link does not define/],
      [
        [...pre, 1, 0, 3, 1, 12, 0, 0x80, 0x04],
        /branch 1 is invalid at its step 4: step.to: expected "2M" or "4K"/,
      ],
      [[...pre, 1, 0, 3, 0, 7], /unexpected data/],
    ];
    for (const [bytes, why] of cases) expect(errorOf(linkOf(3, bytes))).toMatch(why);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (junk) => {
        expect(() => decodeScenario(linkOf(3, [...pre, ...junk]))).not.toThrow();
        expect(() => decodeScenario(linkOf(3, [...junk]))).not.toThrow();
      }),
      { numRuns: runs },
    );
  });

  it('checks each branch against the work limit (it becomes the open line when switched to)', () => {
    const big = scenario({ gmem: { size: '1T', pageSize: '1G' }, steps: [] });
    const close = op({ op: 'close' });
    // Each close visits 1 + 1,024 blocks: 489 of them pass 500,000.
    const many = Array.from({ length: Math.ceil(LIMITS.blockVisits / 1025) }, () => close);
    const link = encodeScenario(big, [{ steps: many, forkAt: 0 }]);
    expect(errorOf(link)).toMatch(/branch 1 visits 500,\d{3} huge-page blocks; at most 500,000/);
  });

  it('the app refuses a step that would make the document unsavable: branches are counted', () => {
    const one: LinkBranch = { steps: [s0, split], forkAt: 1 };
    expect(
      scenarioLimitProblem(
        base,
        Array.from({ length: LIMITS.branches }, () => one),
      ),
    ).toBeUndefined();
    expect(
      scenarioLimitProblem(
        base,
        Array.from({ length: LIMITS.branches + 1 }, () => one),
      ),
    ).toEqual({
      path: 'branches',
      message: '101 branches; at most 100 are kept (limit branches = 100)',
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from './codec.ts';
import { linkLength } from './linkSize.ts';
import { parseScenario } from './parse.ts';
import { RAW_SCENARIO } from './testArbitraries.ts';
import type { Scenario } from './types.ts';

const runs = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 200);

function scenario(raw: Record<string, unknown>): Scenario {
  const r = parseScenario({ format: 'folioscope-scenario', version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const pinnedRaw = {
  title: 'Pinned page blocks conversion to private',
  vm: { type: 'sw_protected' },
  gmem: { size: '2G', pageSize: '1G', mmap: true },
  steps: [
    { op: 'convert', offset: 0, length: '4K', to: 'shared' },
    { op: 'hostMap', offset: 0, length: '2G' },
    { op: 'hostAccess', offset: 0, write: true },
    { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
    { op: 'convert', offset: 0, length: '4K', to: 'private', note: 'refused: <b>pinned</b>' },
  ],
};
const pinned = scenario(pinnedRaw);

/** Links made by this version: they must decode to the same scenario in every later version. */
const GOLDEN: [string, Scenario][] = [
  [
    '1.WICAgIAIAAAoUGlubmVkIHBhZ2UgYmxvY2tzIGNvbnZlcnNpb24gdG8gcHJpdmF0ZQEEdmZpbwUCAAIBBACAgEAGAAIIAAIBACIAAgIWcmVmdXNlZDogPGI-cGlubmVkPC9iPg',
    pinned,
  ],
];

describe('share-link codec', () => {
  it('round-trips a scenario', () => {
    expect(decodeScenario(encodeScenario(pinned))).toEqual({ ok: true, scenario: pinned });
  });

  // Codec v2 (issue 10, rule 9): v1 stays frozen; the encoder keeps writing v1 while the new
  // knobs have their defaults, so links of existing scenarios do not change by one character.
  it('writes v1 while the v2 knobs are at their defaults, byte for byte the golden link', () => {
    expect(encodeScenario(pinned)).toBe(GOLDEN[0]?.[0]);
  });

  it('writes v2 for crossBoundary, leavesOnSplit and tdxRemovalFailure, and reads it back', () => {
    for (const policy of [
      { crossBoundary: 'split' },
      { leavesOnSplit: 'keep' },
      { tdxRemovalFailure: 'bug' },
      { crossBoundary: 'split', leavesOnSplit: 'keep', tdxRemovalFailure: 'bug', mainline: true },
    ]) {
      const s = scenario({ ...pinnedRaw, policy });
      const link = encodeScenario(s);
      expect(link.startsWith('2.')).toBe(true);
      expect(decodeScenario(link)).toEqual({ ok: true, scenario: s });
    }
  });

  it('refuses a v2 link with unknown bits in its v2 policy byte', () => {
    const link = encodeScenario(scenario({ ...pinnedRaw, policy: { crossBoundary: 'split' } }));
    const bytes = Buffer.from(link.slice(2), 'base64url');
    // config byte, size varint (2G: 5 bytes), policy byte, hostHugePages varint, v2 byte.
    const at = 1 + 5 + 1 + 1;
    expect(bytes[at]).toBe(1);
    bytes[at] = 0x81;
    const r = decodeScenario(`2.${bytes.toString('base64url')}`);
    expect(r.ok ? 'decoded' : r.error).toMatch(/malformed configuration/);
  });

  it('refuses a v2 link that sets no v2 knob (the encoder writes v1 then: one link per scenario)', () => {
    const link = encodeScenario(scenario({ ...pinnedRaw, policy: { crossBoundary: 'split' } }));
    const bytes = Buffer.from(link.slice(2), 'base64url');
    bytes[1 + 5 + 1 + 1] = 0;
    const r = decodeScenario(`2.${bytes.toString('base64url')}`);
    expect(r.ok ? 'decoded' : r.error).toBe('the link is written as version 2 but sets no version 2 knob');
  });

  it('computes the link length of v2 scenarios exactly, as for v1', () => {
    for (const policy of [
      {},
      { crossBoundary: 'split' },
      { tdxRemovalFailure: 'bug', leavesOnSplit: 'keep' },
    ]) {
      const s = scenario({ ...pinnedRaw, policy });
      expect(linkLength(s)).toBe(encodeScenario(s).length);
    }
  });

  it('golden links decode to the same scenario forever', () => {
    for (const [link, s] of GOLDEN) expect(decodeScenario(link)).toEqual({ ok: true, scenario: s });
  });

  it('a 50-step scenario without notes fits in 400 characters', () => {
    const steps = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? { op: 'convert', offset: `${i * 4}K`, length: '4K', to: 'shared' }
        : { op: 'pin', offset: `${i * 4}K`, length: '4K', holder: 'vfio' },
    );
    const link = encodeScenario(scenario({ gmem: { size: '2G', pageSize: '1G', mmap: true }, steps }));
    expect(link.length).toBeLessThanOrEqual(400);
  });

  it('hostile links give a clear message and never throw', () => {
    const good = encodeScenario(pinned);
    const cases: [string, RegExp][] = [
      ['', /holds no scenario/],
      ['abc', /codec version/],
      ['9.AAAA', /newer Folioscope/],
      ['5.AAAA', /newer Folioscope/],
      ['4.AAAA', /holds a race \(link format 4\), not a scenario/],
      ['1.', /cut short/],
      ['1.$$$$', /characters that are not part/],
      [good.slice(0, good.length - 7), /cut short|malformed|invalid|unexpected/],
      [`${good}AAAA`, /unexpected data/],
      ['1.' + 'A'.repeat(2_000_001), /too large/],
      ['1.AAB__w', /cut short|too many|invalid/],
      ['0.AAAA', /codec version/],
      ['-1.AAAA', /codec version/],
      ['1e0.AAAA', /codec version/],
      [' 1.AAAA', /codec version/],
      ['1.5.AAAA', /characters/],
    ];
    for (const [link, why] of cases) {
      const r = decodeScenario(link);
      expect(r.ok ? 'decoded' : r.error).toMatch(why);
    }
  });

  it('never throws on random strings', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({
          unit: fc.constantFrom(
            ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
          ),
        }),
        (junk, b64) => {
          expect(() => decodeScenario(junk)).not.toThrow();
          expect(() => decodeScenario(`1.${b64}`)).not.toThrow();
        },
      ),
      { numRuns: runs },
    );
  });

  it('round-trips random valid scenarios', () => {
    fc.assert(
      fc.property(RAW_SCENARIO, (r) => {
        const json = JSON.parse(JSON.stringify({ format: 'folioscope-scenario', version: 1, ...r }));
        const parsed = parseScenario(json);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(decodeScenario(encodeScenario(parsed.scenario))).toEqual(parsed);
      }),
      { numRuns: runs },
    );
  });
});

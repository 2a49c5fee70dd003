/**
 * The parser's whole accepted range round-trips through the share link: sizes up to the
 * file limit for every page size, offsets up to 2^53, any Unicode text up to the byte limit
 * (texts exactly at the limit in every script), holder names of any allowed form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from './codec.ts';
import { LIMITS, isWellFormed, utf8Length } from './limits.ts';
import { parseScenario } from './parse.ts';
import { opOf } from './testArbitraries.ts';

const runs = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 100);

/** One character of each width in UTF-8 and each direction. */
const SCRIPTS = ['a', 'é', 'Ж', 'ש', 'ع', 'क', '中', 'ア', '한', '😀', '𝕏', '\u0301', '\uFEFF', '\u202E'];

/** Exactly `LIMITS.textBytes` bytes of one script (padded with ASCII to the exact limit). */
const atLimit = (ch: string): string => {
  const w = utf8Length(ch);
  const n = Math.floor(LIMITS.textBytes / w);
  return ch.repeat(n) + 'x'.repeat(LIMITS.textBytes - n * w);
};

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).filter(isWellFormed),
  fc.constantFrom(...SCRIPTS).map(atLimit),
);
const offset = fc.oneof(
  fc.nat({ max: 2 ** 28 }).map((p) => p * 4096),
  fc.maxSafeNat(),
);
const holder = fc.stringMatching(/^[A-Za-z0-9_.:@/+-]{1,64}$/);
const size = fc.constantFrom(4096, 2 ** 21, 2 ** 30).chain((page) => {
  const maxBlocks =
    page === 4096 ? LIMITS.fileSize / page : Math.min(LIMITS.blocksPerStep, LIMITS.fileSize / page);
  return fc.record({ pageSize: fc.constant(page), size: fc.nat({ max: maxBlocks }).map((b) => b * page) });
});

const step = opOf(offset, holder, text, 3);

const scenario = fc.record({
  title: fc.option(text, { nil: undefined }),
  description: fc.option(text, { nil: undefined }),
  vm: fc.record({ type: fc.constantFrom('sw_protected', 'tdx', 'snp', 'pkvm') }),
  gmem: fc
    .tuple(size, fc.boolean(), fc.boolean())
    .map(([s, mmap, initShared]) => ({ ...s, mmap, initShared })),
  policy: fc.record({
    splitPath: fc.constantFrom('direct', 'stepwise'),
    mergeWhen: fc.constantFrom('convert', 'lastRef', 'never'),
    hostHugePages: fc.option(fc.nat({ max: LIMITS.hugePages }), { nil: undefined }),
  }),
  steps: fc.array(step, { maxLength: 12 }),
});

describe('round trip over the whole accepted range', () => {
  it('every scenario the parser accepts decodes back from its link, unchanged', () => {
    fc.assert(
      fc.property(scenario, (raw) => {
        const json = JSON.parse(JSON.stringify({ format: 'folioscope-scenario', version: 1, ...raw }));
        const parsed = parseScenario(json);
        expect(parsed.ok ? 'ok' : parsed.errors).toBe('ok');
        if (!parsed.ok) return;
        const link = encodeScenario(parsed.scenario);
        expect(link.length).toBeLessThanOrEqual(LIMITS.linkLength);
        expect(decodeScenario(link)).toEqual(parsed);
      }),
      { numRuns: runs },
    );
  });

  it.each(SCRIPTS.map((c) => [c.codePointAt(0)?.toString(16) ?? '', c] as const))(
    'a title, description and note exactly at the byte limit in script U+%s',
    (_hex, ch) => {
      const t = atLimit(ch);
      expect(utf8Length(t)).toBe(LIMITS.textBytes);
      const parsed = parseScenario({
        format: 'folioscope-scenario',
        version: 1,
        title: t,
        description: t,
        gmem: { size: '4K' },
        steps: [{ op: 'close', note: t }],
      });
      const back = parsed.ok ? decodeScenario(encodeScenario(parsed.scenario)) : parsed;
      expect(back).toEqual(parsed);
      expect(parsed.ok).toBe(true);
    },
  );
});

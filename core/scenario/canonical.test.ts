import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from './codec.ts';
import { parseScenario } from './parse.ts';
import type { Scenario } from './types.ts';

const runs = Number(process.env['FOLIOSCOPE_FUZZ_RUNS'] ?? 200);

const parsed = parseScenario({
  format: 'folioscope-scenario',
  version: 1,
  title: 'pins',
  gmem: { size: '2G', pageSize: '1G', mmap: true },
  steps: [
    { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
    { op: 'getRef', offset: '4K', holder: 'io_uring' },
    { op: 'allocate', offset: 12345, length: '2M' },
  ],
});
if (!parsed.ok) throw new Error('fixture does not parse');
const s: Scenario = parsed.scenario;
const link = encodeScenario(s);
const bytesOf = (l: string): number[] => [...Buffer.from(l.slice(2), 'base64url')];
const linkOf = (bytes: number[]): string => `1.${Buffer.from(bytes).toString('base64url')}`;
const errorOf = (l: string): string => {
  const r = decodeScenario(l);
  return r.ok ? 'decoded' : r.error;
};
/** A 4K file of 2 pages (size 8192 = varint 0x80 0x40), no title, no holders, the given steps. */
const plain = (steps: number[], count: number): number[] => [0, 0x80, 0x40, 0, 0, 0, count, ...steps];

describe('canonical links: decoding accepts exactly what encoding writes', () => {
  it('the canonical link decodes, and the fixture bytes are what the tests below edit', () => {
    expect(decodeScenario(link)).toEqual({ ok: true, scenario: s });
    expect(decodeScenario(linkOf(plain([0, 0, 2], 1))).ok).toBe(true);
  });

  it('refuses a version written with a leading zero', () => {
    expect(errorOf(`01.${link.slice(2)}`)).toBe('the link\'s version "01" is written with a leading zero');
    expect(errorOf(`001.${link.slice(2)}`)).toMatch(/leading zero/);
  });

  it('refuses unused bits set after the last byte', () => {
    // The last base64url character carries 2 or 4 bits that no byte uses: they must be zero.
    const body = link.slice(2);
    const last = body.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) + 1] as string;
    expect(body.length % 4).not.toBe(0);
    expect(errorOf(`1.${body.slice(0, -1)}${twin}`)).toMatch(
      /ends with a character that is not the one Folioscope writes/,
    );
  });

  it('refuses a number padded with an extra byte', () => {
    // 8192 as 0x80 0xC0 0x00 instead of 0x80 0x40.
    expect(errorOf(linkOf([0, 0x80, 0xc0, 0x00, 0, 0, 0]))).toBe(
      'a number in the link is padded with extra bytes',
    );
    expect(errorOf(linkOf(plain([0, 0x80, 0x00, 2], 1)))).toMatch(/padded/);
  });

  it('refuses a page-aligned size written in its long form', () => {
    // allocate offset 0 (as 1 + 0), length 4K.
    expect(errorOf(linkOf(plain([0, 1, 0, 2], 1)))).toBe(
      'a size in the link is written in its long form although it is page aligned',
    );
  });

  it('refuses a holder table with a name no step uses', () => {
    const b = [0, 0x80, 0x40, 0, 0, 1, 4, ...Buffer.from('vfio'), 1, 0, 0, 2];
    expect(errorOf(linkOf(b))).toBe(
      'the link lists holders that its steps do not use in that order (was it edited?)',
    );
  });

  it('refuses a holder table in another order than first use', () => {
    // Table [b, a]; step 0 names a (index 2), step 1 names b (index 1).
    const b = [0, 0x80, 0x40, 0, 0, 2, 1, 98, 1, 97, 2, 10, 0, 2, 10, 0, 1];
    expect(errorOf(linkOf(b))).toMatch(/do not use in that order/);
    const good = [0, 0x80, 0x40, 0, 0, 2, 1, 97, 1, 98, 2, 10, 0, 1, 10, 0, 2];
    expect(decodeScenario(linkOf(good)).ok).toBe(true);
  });

  it('refuses a holder listed twice', () => {
    const b = [0, 0x80, 0x40, 0, 0, 2, 1, 97, 1, 97, 2, 10, 0, 1, 10, 0, 2];
    expect(errorOf(linkOf(b))).toMatch(/do not use in that order/);
  });

  it('keeps a leading U+FEFF that a title really holds', () => {
    const r = parseScenario({
      format: 'folioscope-scenario',
      version: 1,
      title: '\uFEFFx',
      gmem: { size: '4K' },
      steps: [],
    });
    const back = r.ok ? decodeScenario(encodeScenario(r.scenario)) : r;
    expect(back).toEqual(r);
    expect(r.ok && r.scenario.title).toBe('\uFEFFx');
  });

  it('every link that decodes is the one its scenario encodes to (random edits of a link)', () => {
    const bytes = bytesOf(link);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: bytes.length + 2 }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (edits) => {
          const b = [...bytes];
          for (const [at, v] of edits) b[Math.min(at, b.length)] = v;
          const edited = linkOf(b);
          const r = decodeScenario(edited);
          // A refusal is fine; an acceptance must be the canonical link of what it opened.
          expect(r.ok ? encodeScenario(r.scenario) : edited).toBe(edited);
        },
      ),
      { numRuns: runs * 10 },
    );
  });
});

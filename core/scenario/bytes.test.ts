import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes.ts';
import { tooDeep } from './limits.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The previous decoder (character by character, indexOf), kept to bind the table-driven one. */
function fromBase64UrlReference(s: string): Uint8Array | undefined {
  if (s.length % 4 === 1) return undefined;
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const chunk = s.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = chunk[j];
      const v = ch === undefined ? 0 : B64.indexOf(ch);
      if (v < 0) return undefined;
      n = n * 64 + v;
    }
    out.push(Math.floor(n / 65536) % 256);
    if (chunk.length > 2) out.push(Math.floor(n / 256) % 256);
    if (chunk.length > 3) out.push(n % 256);
  }
  return Uint8Array.from(out);
}

/** The previous depth check (every path spelled as it went), kept to bind the lazy one. */
function tooDeepReference(raw: unknown, max: number): string | undefined {
  const stack: [unknown, number, string][] = [[raw, 1, '']];
  while (stack.length > 0) {
    const [v, d, path] = stack.pop() as [unknown, number, string];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return path === '' ? '(top level)' : path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, d + 1, `${path}[${i}]`]));
    else
      for (const k of Object.keys(v))
        stack.push([(v as Record<string, unknown>)[k], d + 1, path === '' ? k : `${path}.${k}`]);
  }
  return undefined;
}

describe('base64url', () => {
  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('answers every string as the previous decoder did (bytes, or undefined for a bad character or length)', () => {
    const alphabet = fc.constantFrom(...B64, ...'+/=. é\u00ff\u{1F600}A');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(fromBase64Url(s)).toEqual(fromBase64UrlReference(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of ['', 'A', 'AA', 'AAA', 'AAAA', '____', '-_-', 'ab=c', 'abc\u0141']) {
      expect([s, fromBase64Url(s)]).toEqual([s, fromBase64UrlReference(s)]);
    }
  });
});

describe('tooDeep', () => {
  const nested = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(1, 'a', null, true),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('', 'a', 'steps', 'note', '0'), tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  it('reports the same path as the previous check, for any nesting and limit', () => {
    fc.assert(
      fc.property(nested, fc.integer({ min: 0, max: 5 }), (raw, max) => {
        expect(tooDeep(raw, max)).toBe(tooDeepReference(raw, max));
      }),
      { numRuns: 3000 },
    );
  });

  it('spells a path through arrays and objects', () => {
    expect(tooDeep({ steps: [{ a: { b: [[1]] } }] }, 4)).toBe('steps[0].a.b');
    expect(tooDeep([[[]]], 2)).toBe('[0][0]');
    expect(tooDeep({}, 0)).toBe('(top level)');
  });
});

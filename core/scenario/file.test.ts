import { describe, expect, it } from 'vitest';
import { prng } from '../bench/workload.ts';
import { decodeFileText } from './file.ts';

/** The offset decodeFileText names in its error, or undefined when the bytes decode. */
function named(bytes: number[]): number | undefined {
  const r = decodeFileText(Uint8Array.from(bytes));
  if (r.ok) return undefined;
  const m = /first invalid byte at offset ([\d,]+)/.exec(r.error);
  return m === null ? Number.NaN : Number(m[1]?.replaceAll(',', ''));
}

/** The largest n whose first n bytes are valid UTF-8 or a valid prefix of it (one decoder each). */
function reference(bytes: number[]): number {
  let n = 0;
  for (let k = 1; k <= bytes.length; k++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes.slice(0, k)), { stream: true });
      n = k;
    } catch {
      break;
    }
  }
  return n;
}

/** Whether the bytes are UTF-8 text as a whole. */
function valid(bytes: number[]): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    return true;
  } catch {
    return false;
  }
}

describe('a file that is not UTF-8', () => {
  it('names the first byte that breaks the text (not one a previous probe left pending)', () => {
    // U+4000 (3 bytes), then a continuation byte with no lead at offset 3.
    expect(named([0xe4, 0x80, 0x80, 0x98, 0x80, 0xe4, 0xb8, 0x41])).toBe(3);
    expect(named([0x41, 0x42, 0xff])).toBe(2);
  });

  it('agrees with a byte-by-byte search on random bytes', () => {
    const r = prng(7);
    const wrong: { bytes: number[]; named: number | undefined; expected: number | undefined }[] = [];
    for (let i = 0; i < 3000; i++) {
      const bytes = Array.from({ length: 1 + Math.floor(r() * 12) }, () =>
        r() < 0.5 ? 0x41 : Math.floor(r() * 256),
      );
      // Bytes that decode as a whole are no error; a valid prefix cut short at the end is one.
      const expected = valid(bytes) ? undefined : reference(bytes);
      const got = named(bytes);
      if (got !== expected) wrong.push({ bytes, named: got, expected });
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Byte writer and reader for the link codec: unsigned varints up to 2^53 (LEB128, computed
 * with arithmetic since JS bit operations are 32-bit) and length-prefixed UTF-8 strings.
 * The reader never throws: it records the first problem and returns zeros after it.
 */
export class ByteWriter {
  private readonly bytes: number[] = [];
  byte(b: number): void {
    this.bytes.push(b & 0xff);
  }
  uint(n: number): void {
    let x = n;
    while (x >= 128) {
      this.bytes.push((x % 128) + 128);
      x = Math.floor(x / 128);
    }
    this.bytes.push(x);
  }
  text(s: string): void {
    const u = new TextEncoder().encode(s);
    this.uint(u.length);
    for (const b of u) this.bytes.push(b);
  }
  /** Bytes written so far (where the next part starts). */
  get size(): number {
    return this.bytes.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export class ByteReader {
  private at = 0;
  problem: string | undefined;
  constructor(private readonly bytes: Uint8Array) {}
  private fail(why: string): number {
    this.problem ??= why;
    return 0;
  }
  get atEnd(): boolean {
    return this.at >= this.bytes.length;
  }
  byte(): number {
    if (this.problem !== undefined) return 0;
    const b = this.bytes[this.at++];
    return b === undefined ? this.fail('the link is cut short') : b;
  }
  uint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      if (this.problem !== undefined) return 0;
      n += (b % 128) * scale;
      // Canonical form: a final 0 byte after a continuation pads the number (LEB128 allows it).
      if (b === 0 && i > 0) return this.fail('a number in the link is padded with extra bytes');
      if (b < 128) return Number.isSafeInteger(n) ? n : this.fail('a number in the link is too large');
      scale *= 128;
    }
    return this.fail('a number in the link is too long');
  }
  text(max: number): string {
    const n = this.uint();
    if (this.problem !== undefined) return '';
    if (n > max || this.at + n > this.bytes.length) {
      this.fail(n > max ? 'a text in the link is too long' : 'the link is cut short');
      return '';
    }
    const s = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    try {
      // ignoreBOM keeps a leading U+FEFF that the text really holds (the default strips it).
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(s);
    } catch {
      this.fail('a text in the link is not valid UTF-8');
      return '';
    }
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (URL-fragment safe). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = a * 65536 + (b ?? 0) * 256 + (c ?? 0);
    out += B64[Math.floor(n / 262144) % 64] as string;
    out += B64[Math.floor(n / 4096) % 64] as string;
    if (b !== undefined) out += B64[Math.floor(n / 64) % 64] as string;
    if (c !== undefined) out += B64[n % 64] as string;
  }
  return out;
}

/**
 * Why `s` is not base64url exactly as toBase64Url writes it: the bits after the last byte
 * must be zero (else several strings would decode to the same bytes).
 */
export function base64TailProblem(s: string): string | undefined {
  const last = s.length % 4 === 0 ? undefined : B64.indexOf(s.charAt(s.length - 1));
  if (last === undefined || last < 0) return undefined;
  const unused = s.length % 4 === 2 ? last % 16 : s.length % 4 === 3 ? last % 4 : 0;
  return unused === 0
    ? undefined
    : 'the link ends with a character that is not the one Folioscope writes (was it edited?)';
}

/** Each ASCII code's 6-bit value in base64url, or -1 outside the alphabet. */
const B64_VALUE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

/**
 * Decodes base64url; undefined when a character is not in the alphabet or the length is
 * impossible. By char codes through a table into bytes allocated once: a 10,000-step link is
 * ~90,000 characters, decoded while the page opens.
 */
export function fromBase64Url(s: string): Uint8Array | undefined {
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    // A short last chunk reads as if padded with 'A' (0), as before.
    let n = 0;
    for (let j = i; j < i + 4; j++) {
      const code = j < s.length ? s.charCodeAt(j) : 65;
      const v = code < 128 ? (B64_VALUE[code] as number) : -1;
      if (v < 0) return undefined;
      n = n * 64 + v;
    }
    const left = s.length - i;
    out[o++] = (n >>> 16) & 255;
    if (left > 2) out[o++] = (n >>> 8) & 255;
    if (left > 3) out[o++] = n & 255;
  }
  return out;
}

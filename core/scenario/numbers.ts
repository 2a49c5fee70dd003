/** The written form of a size: decimal or 0x hex digits, then an optional binary suffix. */
const SIZE_TEXT = /^(0x[0-9a-fA-F]+|[0-9]+)([KMGT]?)$/;

const SUFFIX: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/**
 * A size or offset in bytes: a non-negative JSON integer, or a string of decimal or 0x hex
 * digits with an optional binary suffix K, M, G or T ("4K", "0x200000", "1536K").
 * Returns undefined for anything else, or for a value past 2^53 (not exact in JSON).
 * @example parseSize('2M') // 2097152
 */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = SIZE_TEXT.exec(v.trim());
  if (m === null) return undefined;
  const digits = m[1] as string;
  const n = digits.startsWith('0x') ? parseInt(digits.slice(2), 16) : parseInt(digits, 10);
  const bytes = n * (SUFFIX[m[2] as string] ?? 1);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** Why a typed size is not one, for a form to say in its own words. */
export type SizeProblem = 'empty' | 'negative' | 'too large' | 'not a size';

/**
 * What is wrong with `text` as a size (undefined when parseSize reads it): written as a size
 * but past 2^53 is "too large", not a typo.
 * @example sizeProblem('-4K') // 'negative'
 */
export function sizeProblem(text: string): SizeProblem | undefined {
  if (parseSize(text) !== undefined) return undefined;
  const t = text.trim();
  if (t === '') return 'empty';
  if (t.startsWith('-')) return 'negative';
  return SIZE_TEXT.test(t) ? 'too large' : 'not a size';
}

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
  const m = /^(0x[0-9a-fA-F]+|[0-9]+)([KMGT]?)$/.exec(v.trim());
  if (m === null) return undefined;
  const digits = m[1] as string;
  const n = digits.startsWith('0x') ? parseInt(digits.slice(2), 16) : parseInt(digits, 10);
  const bytes = n * (SUFFIX[m[2] as string] ?? 1);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

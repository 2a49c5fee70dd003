/** Byte sizes the model works in. x86-64 base pages are 4 KiB (PAGE_SIZE). */
export const PAGE = 4096;
export const SIZE_2M = 2 * 1024 * 1024;
export const SIZE_1G = 1024 * 1024 * 1024;

/** The folio / stage-2 levels, largest first. */
export const LEVELS = [SIZE_1G, SIZE_2M, PAGE] as const;

export const alignDown = (x: number, a: number): number => x - (x % a);
export const alignUp = (x: number, a: number): number => {
  const r = x % a;
  return r === 0 ? x : x + (a - r);
};

/** 0x1f000-style hex, the way kernel developers write offsets. */
export const hex = (x: number): string => `0x${x.toString(16)}`;

/**
 * An integer with thousands separators, as toLocaleString('en-US') writes it (12,345), without
 * Intl: in a browser tab its first call loads the locale data (60-160 ms, in the task that
 * draws a long history's first picture) and every call costs ~35 us (a label per folio run).
 */
export function grouped(n: number): string {
  const [int = '', frac] = String(n).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
}

/** "1 event", "12,345 events": a count and its noun (an English plural in -s). */
export const plural = (n: number, word: string): string => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;

/** "4K", "2M", "1G", "1T" when exact, else bytes in hex. */
export const sizeName = (x: number): string => {
  const units: [number, string][] = [
    [1024 ** 4, 'T'],
    [SIZE_1G, 'G'],
    [SIZE_2M / 2, 'M'],
    [1024, 'K'],
  ];
  for (const [u, s] of units) if (x >= u && x % u === 0) return `${x / u}${s}`;
  return `${x}B`;
};

/** "[0x0, 0x1000)" for a byte range. */
export const rangeName = (start: number, end: number): string => `[${hex(start)}, ${hex(end)})`;

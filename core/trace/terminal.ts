/** Text for a terminal: what it would act on shown escaped, and the columns text takes. */

/**
 * Characters a terminal acts on instead of printing (C0 and C1 controls, DEL, line and
 * paragraph separators, bidirectional overrides and isolates): a scenario's title or note
 * could recolour the terminal, retitle the window or reorder a line. Shown as \uXXXX.
 */
export const isControl = (c: number): boolean =>
  c < 0x20 ||
  (c >= 0x7f && c <= 0x9f) ||
  c === 0x2028 ||
  c === 0x2029 ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069);

/** `s` with every control character written as \uXXXX (see isControl). */
export function escapeControls(s: string): string {
  let k = 0;
  while (k < s.length && !isControl(s.charCodeAt(k))) k++;
  // Most text holds none: it is answered as it is, without a copy.
  if (k === s.length) return s;
  let out = s.slice(0, k);
  for (; k < s.length; k++) {
    const c = s.charCodeAt(k);
    out += isControl(c) ? `\\u${c.toString(16).padStart(4, '0')}` : s[k];
  }
  return out;
}

/**
 * Whether a code point takes two columns in a terminal (East Asian Wide and Fullwidth: Hangul
 * Jamo, CJK and its punctuation, Hangul syllables, compatibility ideographs, fullwidth forms,
 * emoji, the supplementary ideographic planes).
 */
const wide = (c: number): boolean =>
  (c >= 0x1100 && c <= 0x115f) ||
  (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
  (c >= 0xac00 && c <= 0xd7a3) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0xfe30 && c <= 0xfe4f) ||
  (c >= 0xff00 && c <= 0xff60) ||
  (c >= 0xffe0 && c <= 0xffe6) ||
  (c >= 0x1f300 && c <= 0x1f64f) ||
  (c >= 0x1f900 && c <= 0x1f9ff) ||
  (c >= 0x20000 && c <= 0x3fffd);

/** The columns `s` takes in a terminal (a code point one, a wide one two). */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s) n += wide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return n;
}

/** The longest head of `s` that fits in `cols` columns. */
export function fitColumns(s: string, cols: number): string {
  let n = 0;
  let out = '';
  for (const ch of s) {
    n += wide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (n > cols) break;
    out += ch;
  }
  return out;
}

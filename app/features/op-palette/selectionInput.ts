/**
 * The typed selection, read without silent clamping: an unaligned offset or length is
 * corrected and the correction said in words; an offset outside the file is refused with the
 * kernel's errno, as the kernel itself would refuse an op there.
 */
import { PAGE, alignDown, alignUp, hex, parseSize, sizeName, sizeProblem } from '../../../core/index.ts';

export type SelectionInput =
  | { readonly ok: true; readonly start: number; readonly end: number; readonly note?: string }
  /** `field`: the one that is wrong (the form marks it). */
  | { readonly ok: false; readonly message: string; readonly field: 'offset' | 'length' };

/** Why `text` is not a size, in words (it is not one: parseSize answered undefined). */
function notASize(text: string): string {
  const t = text.trim();
  switch (sizeProblem(text)) {
    case 'empty':
      return 'is empty: type a size like 0x1000, 4K or 2M';
    case 'negative':
      return `(“${t}”) is negative: it counts bytes from the start of the file`;
    case 'too large':
      return `(“${t}”) is too large: at most ${hex(Number.MAX_SAFE_INTEGER)} bytes`;
    default:
      return `(“${t.slice(0, 24)}”) is not a size: write it like 0x1000, 4K or 2M`;
  }
}

export function readSelection(offsetText: string, lengthText: string, size: number): SelectionInput {
  const o = parseSize(offsetText);
  const l = parseSize(lengthText);
  if (o === undefined) return { ok: false, field: 'offset', message: `The offset ${notASize(offsetText)}.` };
  if (l === undefined) return { ok: false, field: 'length', message: `The length ${notASize(lengthText)}.` };
  if (l === 0)
    return {
      ok: false,
      field: 'length',
      message: 'EINVAL: a length of 0 selects nothing (the kernel refuses empty ranges).',
    };
  if (o >= size)
    return {
      ok: false,
      field: 'offset',
      message: `EINVAL: offset ${hex(o)} is past the end of the ${sizeName(size)} file (its last page starts at ${hex(size - PAGE)}); the kernel refuses ranges outside the file. Nothing was selected.`,
    };
  const start = alignDown(o, PAGE);
  const wanted = alignUp(o + l, PAGE);
  const end = Math.min(size, wanted);
  const notes: string[] = [];
  if (start !== o)
    notes.push(
      `offset ${hex(o)} is not 4K-aligned (the kernel would answer EINVAL): rounded down to ${hex(start)}`,
    );
  if (wanted !== o + l) notes.push(`the range was widened to whole 4K pages, up to ${hex(wanted)}`);
  if (end !== wanted) notes.push(`the range passed the end of the file: it stops at ${hex(size)}`);
  return notes.length === 0
    ? { ok: true, start, end }
    : { ok: true, start, end, note: `Selected ${hex(start)}–${hex(end)}: ${notes.join('; ')}.` };
}

/**
 * Text in an exported SVG: SVG has no line wrapping, so the caption's sentences are broken into
 * lines and the legend's entries flowed into rows here, with a width measure the caller gives
 * (a canvas in the browser, a fixed advance in tests). Pure.
 */

/** Width in px of `text` at `size` px. */
export type Measure = (text: string, size: number) => number;

/** `text` broken at spaces into lines no wider than `width` (a word longer than that gets a line of its own). */
export function wrapText(text: string, width: number, size: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export interface Flowed<T> {
  readonly item: T;
  readonly x: number;
  readonly y: number;
}

/**
 * Legend entries (a swatch and a label each) flowed left to right into rows of at most
 * `width`; returns where each goes and the height used.
 */
export function flowLegend<T extends { label: string }>(
  items: readonly T[],
  width: number,
  o: { size: number; swatch: number; gap: number; rowHeight: number; measure: Measure },
): { placed: Flowed<T>[]; height: number } {
  const placed: Flowed<T>[] = [];
  let x = 0;
  let y = 0;
  for (const item of items) {
    const w = o.swatch + 5 + o.measure(item.label, o.size);
    if (x > 0 && x + w > width) {
      x = 0;
      y += o.rowHeight;
    }
    placed.push({ item, x, y });
    x += w + o.gap;
  }
  return { placed, height: items.length === 0 ? 0 : y + o.rowHeight };
}

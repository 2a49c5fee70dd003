import { describe, expect, it } from 'vitest';
import { flowLegend, wrapText } from './svgText.ts';

/** Every character 0.5 em wide. */
const measure = (t: string, size: number) => t.length * size * 0.5;

describe('SVG text layout', () => {
  it('wraps a sentence at spaces within the width', () => {
    expect(wrapText('folio at 0x0 has 1 long-term pin', 100, 10, measure)).toEqual([
      'folio at 0x0 has 1',
      'long-term pin',
    ]);
    expect(wrapText('  ', 100, 10, measure)).toEqual([]);
  });
  it('gives a word wider than the line a line of its own', () => {
    expect(wrapText('a kvm_gmem_is_safe_for_conversion b', 50, 10, measure)).toEqual([
      'a',
      'kvm_gmem_is_safe_for_conversion',
      'b',
    ]);
  });
  it('flows legend entries into rows', () => {
    const items = [{ label: 'aaaa' }, { label: 'bbbb' }, { label: 'cccc' }];
    // Each entry: 10 swatch + 5 + 20 label = 35, then a gap of 10.
    const r = flowLegend(items, 80, { size: 10, swatch: 10, gap: 10, rowHeight: 16, measure });
    expect(r.placed.map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [45, 0],
      [0, 16],
    ]);
    expect(r.height).toBe(32);
    expect(flowLegend([], 80, { size: 10, swatch: 10, gap: 10, rowHeight: 16, measure }).height).toBe(0);
  });
});

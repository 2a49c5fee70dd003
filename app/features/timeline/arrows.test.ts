import { describe, expect, it } from 'vitest';
import { arrows } from './arrows.ts';

describe('arrows on screen', () => {
  it('draws the text trace’s " -> " as one glyph, and leaves other dashes alone', () => {
    expect(arrows('2M -> 4K folios (it holds shared pages); 1G -> 2M')).toBe(
      '2M → 4K folios (it holds shared pages); 1G → 2M',
    );
    expect(arrows('x->y, pre-zeroed, -1')).toBe('x->y, pre-zeroed, -1');
  });
});

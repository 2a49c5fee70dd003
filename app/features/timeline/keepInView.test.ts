import { describe, expect, it } from 'vitest';
import { keepInView } from './keepInView.ts';

describe('keepInView', () => {
  it('leaves a visible item where it is', () => {
    expect(keepInView(100, 200, 150, 20)).toBe(100);
  });
  it('scrolls up to an item above the view', () => {
    expect(keepInView(100, 200, 40, 20)).toBe(40);
  });
  it('scrolls down just enough for an item below the view', () => {
    expect(keepInView(0, 200, 800, 20)).toBe(620);
  });
  it('shows the top of an item taller than the view', () => {
    expect(keepInView(0, 10, 50, 20)).toBe(60);
    expect(keepInView(100, 10, 50, 20)).toBe(50);
  });
});

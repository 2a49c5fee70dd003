import { describe, expect, it } from 'vitest';
import { genericFont } from './svgClone.ts';

describe('exported fonts', () => {
  it('are generic families, which every SVG reader has', () => {
    expect(genericFont('system-ui, -apple-system, "Segoe UI", sans-serif')).toBe('sans-serif');
    expect(genericFont("ui-monospace, 'DejaVu Sans Mono', monospace")).toBe('monospace');
    expect(genericFont('Menlo')).toBe('monospace');
    expect(genericFont('')).toBe('sans-serif');
  });
});

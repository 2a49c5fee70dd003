import { describe, expect, it } from 'vitest';
import { labelX } from './labelX.ts';

describe("an orphan's label", () => {
  it('goes after the piece, else inside it, else before it: never past the view', () => {
    expect(labelX({ x0: 10, x1: 50 }, 100, 1000)).toBe(53);
    // The piece runs to the edge (framed by a tour): inside it.
    expect(labelX({ x0: 100, x1: 1000 }, 100, 1000)).toBe(103);
    expect(labelX({ x0: -500, x1: 1400 }, 100, 1000)).toBe(3);
    // A narrow piece at the edge: before it.
    expect(labelX({ x0: 960, x1: 1000 }, 100, 1000)).toBe(857);
  });
});

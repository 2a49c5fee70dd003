import { describe, expect, it } from 'vitest';
import { labelX } from './labelX.ts';

describe("an orphan's label", () => {
  it('goes after the piece, else inside it (in the ink for fills), else before it: never past the view', () => {
    expect(labelX({ x0: 10, x1: 50 }, 100, 1000)).toEqual({ x: 53, inside: false });
    // The piece runs to the edge (framed by a tour): inside it.
    expect(labelX({ x0: 100, x1: 1000 }, 100, 1000)).toEqual({ x: 103, inside: true });
    expect(labelX({ x0: -500, x1: 1400 }, 100, 1000)).toEqual({ x: 3, inside: true });
    // A narrow piece at the edge: before it.
    expect(labelX({ x0: 960, x1: 1000 }, 100, 1000)).toEqual({ x: 857, inside: false });
  });
});

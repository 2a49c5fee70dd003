import { describe, expect, it } from 'vitest';
import { apply, create, type GmemState } from '../../../core/index.ts';
import { PHASES } from '../../animation/frame.ts';
import { SHARE_0, testScenario } from '../../store/testScenario.ts';
import { frameBands, rowBands } from './bands.ts';

const config = testScenario().config;
const before = create(config).state as GmemState;
const after = apply(before, SHARE_0).state;
const frame = (t: number) => ({ step: 1, t, prev: before, next: after, outcome: undefined, held: before });

describe('frameBands', () => {
  it('morphs from the state before the step while the shapes move', () => {
    const mid = frameBands(frame((PHASES.shapes[0] + PHASES.shapes[1]) / 2));
    expect(mid?.prev).toBe(before);
    expect(mid?.a).toBe(rowBands(before));
    expect(mid?.b).toBe(rowBands(after));
    // The share made the row differ: the morph has something to draw.
    expect(mid?.a.pages).not.toEqual(mid?.b.pages);
  });

  it('looks at the new state only once the shapes have morphed (a seek lands there)', () => {
    for (const t of [PHASES.shapes[1], 1]) {
      const settled = frameBands(frame(t));
      expect(settled?.t).toBe(1);
      expect(settled?.prev).toBe(after);
      expect(settled?.a).toBe(settled?.b);
    }
  });
});

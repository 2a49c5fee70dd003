import { describe, expect, it } from 'vitest';
import { WORKED_EXAMPLES } from './examples.ts';
import { explore, PROGRESS_EVERY } from './explore.ts';
import { raceFrom } from './trace.ts';
import { raceOf } from './testkit.ts';

describe('explore progress', () => {
  it('is told the states found every PROGRESS_EVERY states, and the result is the same without it', () => {
    const race = raceFrom(raceOf(WORKED_EXAMPLES['e3']!));
    if (race === null) throw new Error('creation refused');
    const seen: number[] = [];
    const x = explore(race, undefined, (n) => seen.push(n));
    expect(seen).toHaveLength(4); // (e3) has 420 states
    expect(seen).toEqual(
      Array.from({ length: Math.floor(x.states / PROGRESS_EVERY) }, (_, i) => (i + 1) * PROGRESS_EVERY),
    );
    expect(explore(race)).toEqual(x);
  });
});

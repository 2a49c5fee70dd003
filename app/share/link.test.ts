import { describe, expect, it } from 'vitest';
import { encodeScenario } from '../../core/index.ts';
import { initialScenario } from '../initialScenario.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { resolveOpening } from './boot.ts';
import { readHash } from './hash.ts';
import { fragmentFor } from './link.ts';

const open = (hash: string) => resolveOpening(hash, null, initialScenario);

describe('scenario links in the URL fragment', () => {
  const s = testScenario([ALLOC_0, SHARE_0]);

  it('round-trips a scenario and its step', () => {
    const hash = fragmentFor(s, 1);
    expect(hash).toMatch(/^#s=1\.[A-Za-z0-9_-]+&step=1$/);
    const r = open(hash);
    expect(r.error).toBeUndefined();
    expect(r.scenario.steps).toEqual(s.steps);
    expect(r.cursor).toBe(1);
  });

  it('opens at the end without a step, and clamps a step past the end', () => {
    expect(open(`#s=${encodeScenario(s)}`).cursor).toBeUndefined();
    expect(open(`#s=${encodeScenario(s)}&step=99`).cursor).toBe(2);
    expect(readHash('#s=x&step=-3')).toMatchObject({ kind: 's', value: 'x', step: undefined });
  });

  it('reads each fragment afresh, though it keeps the last one read', () => {
    const a = readHash('#s=a&step=1');
    expect(readHash('#s=a&step=1')).toBe(a);
    expect(readHash('#tour=basics&step=2')).toMatchObject({ kind: 'tour', value: 'basics', step: 2 });
    expect(readHash('#about')).toBeNull();
    // Built anew (not the same string object), equal in content: the same reading.
    expect(readHash(['#s=a', 'step=1'].join('&'))).toMatchObject({ kind: 's', value: 'a', step: 1 });
    expect(readHash('#s=b&step=1')).toMatchObject({ value: 'b' });
  });

  it('opens the default scenario for a fragment without a scenario', () => {
    expect(open('').scenario).toEqual(initialScenario());
    expect(open('#about').error).toBeUndefined();
  });

  it("falls back to the default scenario with the decoder's message", () => {
    for (const bad of ['#s=', '#s=2.AAAA', '#s=1.%%%', `#s=${encodeScenario(s).slice(0, -3)}`]) {
      const r = open(bad);
      expect(r.scenario).toEqual(initialScenario());
      expect(r.error).toMatch(
        /^This link could not be opened: .+\. The default scenario is shown instead\.$/,
      );
    }
    expect(open('#s=5.AAAA').error).toContain('newer Folioscope');
    expect(open('#s=4.AAAA').error).toContain('holds a race');
  });
});

import { describe, expect, it } from 'vitest';
import { encodeScenario } from '../../core/index.ts';
import { initialScenario } from '../initialScenario.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { fragmentFor, loadFragment, readFragment } from './link.ts';

describe('scenario links in the URL fragment', () => {
  const s = testScenario([ALLOC_0, SHARE_0]);

  it('round-trips a scenario and its step', () => {
    const hash = fragmentFor(s, 1);
    expect(hash).toMatch(/^#s=1\.[A-Za-z0-9_-]+&step=1$/);
    const r = loadFragment(hash, initialScenario);
    expect(r?.error).toBeUndefined();
    expect(r?.scenario.steps).toEqual(s.steps);
    expect(r?.cursor).toBe(1);
  });

  it('opens at the end without a step, and clamps a step past the end', () => {
    expect(loadFragment(`#s=${encodeScenario(s)}`, initialScenario)?.cursor).toBeUndefined();
    expect(loadFragment(`#s=${encodeScenario(s)}&step=99`, initialScenario)?.cursor).toBe(2);
    expect(readFragment('#s=x&step=-3')).toEqual({ link: 'x', step: undefined });
  });

  it('ignores a fragment without a scenario', () => {
    expect(loadFragment('', initialScenario)).toBeNull();
    expect(loadFragment('#about', initialScenario)).toBeNull();
  });

  it("falls back to the default scenario with the decoder's message", () => {
    for (const bad of ['#s=', '#s=2.AAAA', '#s=1.%%%', `#s=${encodeScenario(s).slice(0, -3)}`]) {
      const r = loadFragment(bad, initialScenario);
      expect(r?.scenario).toEqual(initialScenario());
      expect(r?.error).toMatch(/^This link could not be opened: .+\. The default scenario is shown instead\.$/);
    }
    expect(loadFragment('#s=2.AAAA', initialScenario)?.error).toContain('newer Folioscope');
  });
});

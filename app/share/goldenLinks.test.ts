import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../../core/index.ts';
import { GOLDEN_LINKS } from '../../e2e/fixtures/golden-links.ts';

/**
 * Knobs added after these links were made (spec v2, codec v2): a v1 link predates them, so it
 * means their defaults; the frozen fixtures stay as they were written.
 */
const LATER_KNOBS = { crossBoundary: 'zap', leavesOnSplit: 'demote', tdxRemovalFailure: 'ref' } as const;

function withLaterKnobs(scenario: unknown): unknown {
  const s = scenario as { config: { policy: Record<string, unknown> } };
  return { ...s, config: { ...s.config, policy: { ...LATER_KNOBS, ...s.config.policy } } };
}

describe('golden links: links made by an earlier build still open as they did', () => {
  it('has a diverse set', () => {
    expect(GOLDEN_LINKS.length).toBeGreaterThanOrEqual(5);
  });
  for (const g of GOLDEN_LINKS) {
    it(`decodes ${g.name}`, () => {
      const r = decodeScenario(g.link);
      if (!r.ok) throw new Error(r.error);
      expect(r.scenario).toEqual(withLaterKnobs(g.scenario));
    });
    it(`re-encodes ${g.name} to the same link`, () => {
      const r = decodeScenario(g.link);
      if (!r.ok) throw new Error(r.error);
      expect(encodeScenario(r.scenario)).toBe(g.link);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../../core/index.ts';
import { GOLDEN_LINKS } from '../../e2e/fixtures/golden-links.ts';

describe('golden links: links made by an earlier build still open as they did', () => {
  it('has a diverse set', () => {
    expect(GOLDEN_LINKS.length).toBeGreaterThanOrEqual(5);
  });
  for (const g of GOLDEN_LINKS) {
    it(`decodes ${g.name}`, () => {
      const r = decodeScenario(g.link);
      if (!r.ok) throw new Error(r.error);
      expect(r.scenario).toEqual(g.scenario);
    });
    it(`re-encodes ${g.name} to the same link`, () => {
      const r = decodeScenario(g.link);
      if (!r.ok) throw new Error(r.error);
      expect(encodeScenario(r.scenario)).toBe(g.link);
    });
  }
});

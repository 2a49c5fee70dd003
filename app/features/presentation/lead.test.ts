import { describe, expect, it } from 'vitest';
import { TOURS } from '../../../core/index.ts';
import { lead } from './lead.ts';

describe('the first sentence of an introduction', () => {
  it('ends at a period before a capital, not inside parentheses or quotes', () => {
    expect(lead('A huge folio splits (see mmu.c. Then). It merges "back. Later". Sources: x.')).toBe(
      'A huge folio splits (see mmu.c. Then).',
    );
    expect(lead('no period at all')).toBe('no period at all');
    expect(lead('Ends here.')).toBe('Ends here.');
  });

  it.each(TOURS.map((t) => [t.name, t.scenario.description ?? ''] as const))(
    'is one short sentence of the tour %s, without its citations',
    (_name, description) => {
      const first = lead(description);
      expect(description.startsWith(first)).toBe(true);
      expect(first).toMatch(/\.$/);
      expect(first.length).toBeLessThanOrEqual(260);
      expect(first).not.toMatch(/Sources:|\(\w+ \w+, \d{4}-\d\d-\d\d\)/);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { RACE_TOURS } from '../../../core/index.ts';
import { firstSentence, tourMinutes } from '../welcome/tourLines.ts';
import { RACE_TOUR_LINES, raceTourEnd, raceTourLine } from './raceTourLines.ts';

describe('race tour lines (the welcome)', () => {
  it("every race tour has its own line and says where it ends; a description's first sentence", () => {
    const ends = RACE_TOURS.map(raceTourEnd);
    expect(ends).toContain('invariant 1 breaks');
    expect(ends).toContain('the kernel hangs');
    for (const t of RACE_TOURS) {
      const first = firstSentence(t.description);
      expect(first).toMatch(/\.$/);
      expect(t.description.startsWith(first)).toBe(true);
      expect(first.length).toBeLessThan(t.description.length);
    }
    expect([tourMinutes(0), tourMinutes(5), tourMinutes(11)]).toEqual([1, 2, 4]);
    expect(Object.keys(RACE_TOUR_LINES).toSorted()).toEqual(RACE_TOURS.map((t) => t.name).toSorted());
    const gup = RACE_TOURS.find((t) => t.name === 'race-gup-fast-recheck');
    expect(gup === undefined ? '' : raceTourLine(gup)).toBe(
      'GUP-fast pins a page while the VMM converts it to private: its PTE re-check keeps the pin off. Ends where invariant 1 breaks.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { RACE_TOURS } from '../../../core/index.ts';
import { firstSentence, tourMinutes } from '../welcome/tourLines.ts';
import { RACE_TOUR_LINES, raceTourEnd, raceTourLine } from './raceTourLines.ts';
import { raceTourSummary } from './RaceTourList.tsx';

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

  it('the race picker’s cards say the same in one line each, with the length first', () => {
    const lock = RACE_TOURS.find((t) => t.name === 'race-host-fault-lock');
    expect(lock === undefined ? '' : raceTourSummary(lock)).toBe(
      '5 steps, ending where invariant 1 breaks. A host fault asks “is it shared?” under the invalidate_lock, so no conversion slips in between.',
    );
    for (const t of RACE_TOURS) expect(raceTourSummary(t).length).toBeLessThan(150);
  });
});

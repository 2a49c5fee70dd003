import { describe, expect, it } from 'vitest';
import { TOUR_INDEX, tourByName } from '../../../core/index.ts';
import { AUTOSAVE_KEY } from '../../share/boot.ts';
import { isFirstVisit, markWelcomed, WELCOME_KEY, type KeyValue } from './firstVisit.ts';
import { TOUR_LINES, tourSummary } from './tourLines.ts';

const storage = (entries: Record<string, string> = {}): KeyValue & { data: Map<string, string> } => {
  const data = new Map(Object.entries(entries));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

describe('the welcome greets a first visit only', () => {
  it('greets with no link, no autosave and no earlier welcome', () => {
    expect(isFirstVisit('', storage())).toBe(true);
    expect(isFirstVisit('', null)).toBe(true);
  });

  it('stays away when the address carries a link or a tour', () => {
    expect(isFirstVisit('#s=1.abc&step=2', storage())).toBe(false);
    expect(isFirstVisit('#tour=share-4k-in-2m', storage())).toBe(false);
  });

  it('stays away when there is autosaved work, or once it was used', () => {
    expect(isFirstVisit('', storage({ [AUTOSAVE_KEY]: '{}' }))).toBe(false);
    const s = storage();
    markWelcomed(s);
    expect(s.data.get(WELCOME_KEY)).toBe('1');
    expect(isFirstVisit('', s)).toBe(false);
  });

  it('greets when storage cannot be read', () => {
    const broken: KeyValue = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(isFirstVisit('', broken)).toBe(true);
    expect(() => markWelcomed(broken)).not.toThrow();
  });
});

describe('tour lines', () => {
  it('every tour has its own line and a length', () => {
    for (const t of TOUR_INDEX) {
      expect(TOUR_LINES[t.name]).toBeDefined();
      const s = tourSummary(t);
      expect(s.line).toBe(TOUR_LINES[t.name]);
      expect(s.steps).toBe(tourByName(t.name)?.scenario.steps.length);
      expect(s.minutes).toBeGreaterThanOrEqual(1);
    }
    expect(Object.keys(TOUR_LINES).toSorted()).toEqual(TOUR_INDEX.map((t) => t.name).toSorted());
  });
});

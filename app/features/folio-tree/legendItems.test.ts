import { describe, expect, it } from 'vitest';
import { replayStates } from '../../../core/index.ts';
import { testScenario } from '../../store/testScenario.ts';
import { legendItems } from './legendItems.ts';

const after = (steps: unknown[]) => {
  const t = replayStates(testScenario(steps));
  const s = t?.states.at(-1);
  if (s === undefined) throw new Error('no state');
  return s;
};

describe('legend of one picture', () => {
  it('lists only the folio sizes and page states present', () => {
    const keys = legendItems(after([]), true).map((i) => i.key);
    // Nothing allocated: no folio at all, only holes.
    expect(keys).toEqual(['state-private-hole']);
  });
  it('explains stripes, red outlines and dashes when the state has them', () => {
    const s = after([
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '4K' },
      { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
    ]);
    const items = legendItems(s, true);
    expect(items.map((i) => i.key).slice(0, 3)).toEqual(['stripes', 'held', 'split']);
    expect(items.find((i) => i.key === 'state-shared-pinned')?.label).toBe('shared, pinned');
    expect(items.find((i) => i.key === 'split')?.label).toContain('block');
  });
  it('names the page data present when the picture draws its row, and none when it does not', () => {
    const s = after([{ op: 'guestAccess', offset: 0, write: true }]);
    const data = (d: boolean) =>
      legendItems(s, true, d)
        .filter((i) => i.key.startsWith('data-'))
        .map((i) => i.label);
    // The first use zeroed the 1G folio, then the guest wrote page 0.
    expect(data(true)).toEqual(['data: zero', 'data: guest data']);
    expect(data(false)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseScenario, replayStates } from '../../../core/index.ts';
import { frameCuts, stateCuts, touchedRange } from './focus.ts';

describe('focus boundaries', () => {
  const p = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    gmem: { size: '2G', pageSize: '1G', mmap: true },
    steps: [
      { op: 'allocate', offset: 0, length: '2G' },
      { op: 'convert', offset: 0x601c2000, length: '4K', to: 'shared' },
    ],
  });
  if (!p.ok) throw new Error('fixture');
  const r = replayStates(p.scenario);
  const [before, after] = [r?.states[1], r?.states[2]];

  it('takes run boundaries only: a few cuts for a 2G file, the shared page among them', () => {
    if (after === undefined) throw new Error('no state');
    const cuts = stateCuts(after);
    expect(cuts.length).toBeLessThan(40);
    expect(cuts).toContain(0x601c2000);
    expect(cuts).toContain(0x601c3000);
  });

  it('spans the events of a step, and is null for a step that touched nothing', () => {
    expect(touchedRange(r?.results[1])).toEqual({ start: 0x40000000, end: 0x80000000 });
    expect(touchedRange({ events: [], transitions: [] })).toBeNull();
  });

  it('keeps both states of a step and the focus ranges', () => {
    const cuts = frameCuts(before, after, [{ start: 4096, end: 8192 }, null]);
    expect(cuts).toEqual(expect.arrayContaining([0x601c2000, 4096, 8192]));
  });
});

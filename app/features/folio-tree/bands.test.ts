import { describe, expect, it } from 'vitest';
import { apply, create, type GmemState } from '../../../core/index.ts';
import { PHASES } from '../../animation/frame.ts';
import { SHARE_0, testScenario } from '../../store/testScenario.ts';
import { dataBands, dataLabel, dataSalience, frameBands, rowBands } from './bands.ts';
import { bandTitle } from '../../animation/morph.ts';
import { CONTENT_COLOR } from '../theme.ts';

const config = testScenario().config;
const before = create(config).state as GmemState;
const after = apply(before, SHARE_0).state;
const frame = (t: number) => ({ step: 1, t, prev: before, next: after, outcome: undefined, held: before });

describe('frameBands', () => {
  it('morphs from the state before the step while the shapes move', () => {
    const mid = frameBands(frame((PHASES.shapes[0] + PHASES.shapes[1]) / 2));
    expect(mid?.prev).toBe(before);
    expect(mid?.a).toBe(rowBands(before));
    expect(mid?.b).toBe(rowBands(after));
    // The share made the row differ: the morph has something to draw.
    expect(mid?.a.pages).not.toEqual(mid?.b.pages);
  });

  it('looks at the new state only once the shapes have morphed (a seek lands there)', () => {
    for (const t of [PHASES.shapes[1], 1]) {
      const settled = frameBands(frame(t));
      expect(settled?.t).toBe(1);
      expect(settled?.prev).toBe(after);
      expect(settled?.a).toBe(settled?.b);
    }
  });
});

describe('the page data row', () => {
  it('draws what the uptodate pages hold, and nothing where no page was used yet', () => {
    const s0 = create(testScenario([], { size: '4M', pageSize: '2M' }).config).state as GmemState;
    const written = apply(s0, { op: 'guestAccess', offset: 0x2000, write: true }).state;
    const zeroed = apply(written, { op: 'punchHole', offset: 0x2000, length: 0x1000 }).state;
    expect(dataBands(s0)).toEqual([]);
    const w = dataBands(written);
    const guest = w.find((b) => dataLabel(b) === 'guest data');
    expect(guest).toMatchObject({ start: 0x2000, end: 0x3000, fill: CONTENT_COLOR.guest });
    expect(bandTitle(guest as (typeof w)[number])).toBe(
      'Page data guest data at 0x2000+4K: last written by the guest',
    );
    // Written data stands out among zeroed pages too thin to tell apart.
    const zero = w.find((b) => dataLabel(b) === 'zero');
    expect(dataSalience(guest as (typeof w)[number])).toBeGreaterThan(
      dataSalience(zero as (typeof w)[number]),
    );
    // A punch hole that frees nothing zeroes what it covers.
    expect(dataBands(zeroed).map(dataLabel)).not.toContain('guest data');
  });
});

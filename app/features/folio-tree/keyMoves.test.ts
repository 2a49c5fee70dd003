import { beforeAll, describe, expect, it } from 'vitest';
import { tourScenario } from '../../share/boot.ts';
import { loadTours } from '../../share/tourLoader.ts';
import { createSimStore } from '../../store/store.ts';
import { moveSideways, narrow, nextChange, widen } from './keyMoves.ts';

// The tours load on demand in the app (tourLoader.ts): these tests play them.
beforeAll(() => loadTours());

const K4 = 4096;
const M2 = 2 ** 21;
const G1 = 2 ** 30;
const G2 = 2 * G1;
const sel = (start: number, end: number) => ({ start, end, anchor: start });

describe('the arrow keys in the folio tree', () => {
  it('Left and Right move by the unit selected: a page, a 2M folio, a 1G block', () => {
    expect(moveSideways(sel(0, K4), 1, G2)).toEqual(sel(K4, 2 * K4));
    expect(moveSideways(sel(M2, 2 * M2), 1, G2)).toEqual(sel(2 * M2, 3 * M2));
    expect(moveSideways(sel(M2, 2 * M2), -1, G2)).toEqual(sel(0, M2));
    expect(moveSideways(sel(0, G1), 1, G2)).toEqual(sel(G1, G2));
    expect(moveSideways(null, 1, G2)).toEqual(sel(0, K4));
  });

  it('a selection of no whole unit moves by pages from its ends; the file’s ends stop it', () => {
    expect(moveSideways(sel(0, 3 * K4), 1, G2)).toEqual(sel(3 * K4, 4 * K4));
    expect(moveSideways(sel(K4, 3 * K4), -1, G2)).toEqual(sel(0, K4));
    expect(moveSideways(sel(G1, G2), 1, G2)).toEqual(sel(G1, G2));
    expect(moveSideways(sel(0, K4), -1, G2)).toEqual(sel(0, K4));
  });

  it('Up widens to the unit holding the selection, Down narrows to the first unit inside', () => {
    const page = sel(0x601c2000, 0x601c3000);
    const folio = widen(page, G2);
    expect(folio).toEqual(sel(0x60000000, 0x60200000));
    expect(widen(folio, G2)).toEqual(sel(0x40000000, 0x80000000));
    expect(widen(sel(0x40000000, 0x80000000), G2)).toEqual(sel(0x40000000, 0x80000000));
    expect(narrow(sel(0x40000000, 0x80000000))).toEqual(sel(0x40000000, 0x40200000));
    expect(narrow(folio)).toEqual(sel(0x60000000, 0x60001000));
    expect(narrow(page)).toEqual(page);
    // A 2M file has no 1G unit to widen to.
    expect(widen(sel(0, M2), M2)).toEqual(sel(0, M2));
  });
});

describe('period and comma in the folio tree', () => {
  it('jump to the next and the previous page whose state differs', () => {
    const r = tourScenario('share-4k-in-1g');
    if (!r.ok) throw new Error(r.error);
    // Step 2 shares 0x201000 inside a private 1G folio.
    const s = createSimStore(r.scenario, { cursor: 2 }).getState().replay.states.at(2);
    if (s === undefined) throw new Error('no state');
    const shared = nextChange(s, sel(0, K4), 1);
    expect(shared).toEqual(sel(0x201000, 0x202000));
    expect(nextChange(s, shared, 1)).toEqual(sel(0x202000, 0x203000));
    expect(nextChange(s, sel(0x202000, 0x203000), -1)).toEqual(shared);
    expect(nextChange(s, shared, -1)).toEqual(sel(0x200000, 0x201000));
    // Nothing differs after the last change: the selection stays.
    expect(nextChange(s, sel(0x202000, 0x203000), 1)).toEqual(sel(0x202000, 0x203000));
  });
});

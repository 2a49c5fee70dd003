import { beforeAll, describe, expect, it } from 'vitest';
import { tourScenario } from '../../share/boot.ts';
import { loadTours } from '../../share/tourLoader.ts';
import { createSimStore } from '../../store/store.ts';
import { byNote, consequences } from './notable.ts';

// The tours load on demand in the app (tourLoader.ts): these tests play them.
beforeAll(() => loadTours());

/** The events of step `i` of a tour. */
function eventsOf(name: string, i: number) {
  const r = tourScenario(name);
  if (!r.ok) throw new Error(r.error);
  return createSimStore(r.scenario).getState().replay.results[i - 1]?.events ?? [];
}

/** An event of `type` (its function named after it). */
const at = (type: string) => ({ type, fn: type });

describe('the events a short list shows first', () => {
  it('names the split of a 1G folio right after the entry point', () => {
    const events = eventsOf('share-4k-in-1g', 2);
    const fns = byNote(events).map((e) => e.fn);
    expect(fns[0]).toBe(events[0]?.fn);
    expect(fns.slice(1, 3)).toEqual(['kvm_gmem_split_folio_in_filemap', 'kvm_gmem_split_folio_in_filemap']);
    expect(fns.toSorted()).toEqual(events.map((e) => e.fn).toSorted());
    expect(consequences(events)).toEqual([]);
  });

  it('an orphan, a leak and a block left split are consequences; a split is not', () => {
    expect(
      consequences([
        at('folio_split'),
        at('folio_orphan'),
        at('folio_merge_skipped'),
        at('removal_failed'),
      ]).map((e) => e.type),
    ).toEqual(['folio_orphan', 'folio_merge_skipped', 'removal_failed']);
    expect(byNote([])).toEqual([]);
  });
});

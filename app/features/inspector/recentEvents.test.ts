import { describe, expect, it } from 'vitest';
import type { CoreEvent, StepOutcome, Transition } from '../../../core/index.ts';
import { recentEvents } from './recentEvents.ts';
import { eventParts } from '../timeline/eventText.ts';

/** An event as EventLine spells it, its parts joined. */
const eventText = (e: CoreEvent): string => {
  const p = eventParts(e);
  return `${p.fn}${p.where === '' ? '' : ` ${p.where}`}${p.what}`;
};
const said = (r: ReturnType<typeof recentEvents>): [number, string][] =>
  r.map((x) => [x.step, eventText(x.event)]);

describe('recentEvents', () => {
  const moved: Transition = {
    type: 'transition',
    fn: 'x',
    machine: 'page',
    edge: 'hostAccess:shared->shared-mapped',
    from: 'shared',
    to: 'shared-mapped',
    offset: 8192,
    length: 4096,
  };
  const results: StepOutcome[] = [
    {
      events: [{ type: 'folio_alloc', fn: 'kvm_gmem_get_folio', offset: 0, length: 2097152 }],
      transitions: [],
    },
    {
      events: [{ type: 'pte_map', fn: 'kvm_gmem_fault_user_mapping', offset: 8192, length: 4096 }],
      transitions: [moved],
    },
    { events: [{ type: 'mmap', fn: 'kvm_gmem_mmap', offset: 4194304, length: 4096 }], transitions: [] },
    {
      events: [{ type: 'folio_split', fn: 'kvm_gmem_split_folio', offset: 8192, detail: '2M -> 4K folios' }],
      transitions: [],
    },
  ];

  it('lists the newest events touching the range, without transitions, up to the cursor', () => {
    expect(said(recentEvents(results, 3, 8192, 12288))).toEqual([
      [2, 'kvm_gmem_fault_user_mapping 0x2000+4K pte_map'],
      [1, 'kvm_gmem_get_folio 0x0+2M folio_alloc'],
    ]);
    expect(said(recentEvents(results, 1, 8192, 12288))).toEqual([
      [1, 'kvm_gmem_get_folio 0x0+2M folio_alloc'],
    ]);
    expect(recentEvents(results, 3, 8192, 12288, 1)).toHaveLength(1);
  });

  it('spells an event as the events list does: its detail with the arrow as one glyph, the offset alone without a length', () => {
    expect(said(recentEvents(results, 4, 8192, 12288, 1))).toEqual([
      [4, 'kvm_gmem_split_folio 0x2000: 2M → 4K folios'],
    ]);
  });
});

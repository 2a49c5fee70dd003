import { describe, expect, it } from 'vitest';
import type { StepOutcome, Transition } from '../../../core/index.ts';
import { recentEvents } from './recentEvents.ts';

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
  ];

  it('lists the newest events touching the range, without transitions, up to the cursor', () => {
    expect(recentEvents(results, 3, 8192, 12288)).toEqual([
      { step: 2, text: 'kvm_gmem_fault_user_mapping 0x2000+4K' },
      { step: 1, text: 'kvm_gmem_get_folio 0x0+2M' },
    ]);
    expect(recentEvents(results, 1, 8192, 12288)).toEqual([{ step: 1, text: 'kvm_gmem_get_folio 0x0+2M' }]);
    expect(recentEvents(results, 3, 8192, 12288, 1)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { recentEvents } from './recentEvents.ts';

describe('recentEvents', () => {
  const results = [
    { events: [{ type: 'folio_alloc', fn: 'kvm_gmem_get_folio', offset: 0, length: 2097152 }] },
    {
      events: [
        { type: 'pte_map', fn: 'kvm_gmem_fault_user_mapping', offset: 8192, length: 4096 },
        { type: 'transition', fn: 'x', offset: 8192, length: 4096 },
      ],
    },
    { events: [{ type: 'mmap', fn: 'kvm_gmem_mmap', offset: 4194304, length: 4096 }] },
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

import { describe, expect, it } from 'vitest';
import type { Transition } from '../../../core/index.ts';
import { eventParts } from './eventText.ts';

const transition = (machine: 'page' | 'block', from: string, to: string): Transition => ({
  type: 'transition',
  fn: 'kvm_gmem_get_pfn',
  machine,
  edge: `guestAccess:${from}->${to}`,
  from,
  to,
  offset: 0x200000,
  length: 4096,
});

describe('an event in words', () => {
  it('names a transition’s states as the diagram does, not by the trace’s ids', () => {
    expect(eventParts(transition('page', 'private', 'private-mapped'))).toEqual({
      fn: 'kvm_gmem_get_pfn',
      where: '0x200000+4K',
      what: ' page: private → private, guest-mapped',
    });
    expect(eventParts(transition('page', 'shared-pinned', 'shared-hole')).what).toBe(
      ' page: shared, pinned → shared, no memory',
    );
    expect(eventParts(transition('block', 'huge', 'split')).what).toBe(' block: huge folio → split');
  });
});

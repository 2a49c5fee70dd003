import { tour, type Tour } from './types.ts';

/** Tours of references: why a conversion to private is refused, and how userspace gets past it. */
export const REF_TOURS: readonly Tour[] = [
  tour({
    name: 'vfio-pin-blocks-conversion',
    title: 'Conversion to private refused by a VFIO long-term pin',
    description:
      'A page pinned while shared can never become private while the pin is held: conversion needs every folio "safe" (only the page ' +
      'cache holds it) and answers EAGAIN with error_offset. IPC v7 api.rst: "userspace is expected to figure out how to remove all known ' +
      'refcounts ... A possible source ... is if the guest_memfd memory was pinned in IOMMU page tables". Exclusive pins were debated in seed 000.',
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'convert',
        offset: '0',
        length: '64K',
        to: 'shared',
        note: 'The guest shares a 64K DMA buffer. Nothing is allocated yet: only the attributes change.',
      },
      {
        op: 'hostMap',
        offset: '0',
        length: '4M',
        note: 'The VMM maps the file, as QEMU does for guest RAM it hands to VFIO.',
      },
      {
        op: 'pin',
        offset: '0',
        length: '64K',
        holder: 'vfio',
        note: 'VFIO_IOMMU_MAP_DMA pins the buffer (FOLL_LONGTERM). GUP faults it in: the block is allocated already split. A 4K pin adds 1024 to refcount.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '64K',
        to: 'private',
        note: "The guest wants the buffer back: EAGAIN, error_offset 0, holder vfio. Attributes stay, but the VMM's PTEs, zapped before the refcount check, stay zapped. See hostMappings.",
      },
      {
        op: 'unpin',
        offset: '0',
        length: '64K',
        holder: 'vfio',
        note: 'The VMM tears the DMA mapping down (VFIO_IOMMU_UNMAP_DMA): the pins are gone, and the PTEs went with the refused conversion.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '64K',
        to: 'private',
        note: 'Retry: every folio is safe, the block is wholly private again and merges back to 2M.',
      },
    ],
  }),
  tour({
    name: 'transient-ref-retry',
    title: 'Refused by a transient reference, then retried',
    description:
      'Speculative references (GUP-fast folio_try_get, page-cache and PFN walkers, per-CPU LRU batches) come and go at any time. David ' +
      'Hildenbrand in seed 003 ("mm: guest_memfd: Add ability for mmap\'ing pages"): "likely we\'ll need some retry magic". The IPC v7 ' +
      'series answers EAGAIN (after one lru_add_drain_all, patch 14/42) and its selftests retry.',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    steps: [
      {
        op: 'convert',
        offset: '0',
        length: '8K',
        to: 'shared',
        note: 'The guest shares two pages for a virtio buffer.',
      },
      { op: 'hostMap', offset: '0', length: '64K', note: 'The VMM maps the file.' },
      {
        op: 'hostAccess',
        offset: '0',
        write: true,
        note: 'The VMM writes the buffer: a folio and a PTE. A PTE is no obstacle: conversion unmaps it.',
      },
      {
        op: 'getRef',
        offset: '0',
        holder: 'gup-fast',
        note: 'At this instant GUP-fast on another CPU holds the folio (folio_try_get). Look at transient: 1.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '8K',
        to: 'private',
        note: "The guest asks for the pages back: the folio at 0 is not safe, so EAGAIN with error_offset 0. Only the VMM's PTE went: the conversion unmapped it before the check.",
      },
      {
        op: 'putRef',
        offset: '0',
        holder: 'gup-fast',
        note: 'A moment later the speculative reference is dropped.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '8K',
        to: 'private',
        note: 'The VMM retries the same ioctl and it succeeds: pages private, contents preserved.',
      },
    ],
  }),
  tour({
    name: 'madvise-before-convert',
    title: 'madvise(MADV_DONTNEED) before conversion',
    description:
      'In "[RFC PATCH 00/39] 1G page support for guest_memfd" (seed 001) conversion to private did not unmap the VMM: "Requiring user to ' +
      'request kernel to unmap pages from userspace using madvise(MADV_DONTNEED)". Policy hostUnmap "require" models that; the later ' +
      'series unmap themselves (unmap_mapping_pages). The folio_put callback of seed 001 also needs mapcount 0 first.',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    policy: { hostUnmap: 'require' },
    steps: [
      { op: 'convert', offset: '0', length: '16K', to: 'shared', note: 'The guest shares four pages.' },
      { op: 'hostMap', offset: '0', length: '64K', note: 'The VMM maps the file.' },
      { op: 'hostAccess', offset: '0', write: true, note: 'The VMM writes page 0: a PTE.' },
      { op: 'hostAccess', offset: '8K', write: true, note: 'And page 2: another PTE. Look at hostMappings.' },
      {
        op: 'convert',
        offset: '0',
        length: '16K',
        to: 'private',
        note: 'Conversion to private while the VMM still maps page 0: EAGAIN, error_offset 0. This design will not unmap for you.',
      },
      {
        op: 'madviseDontneed',
        offset: '0',
        length: '16K',
        note: 'The VMM zaps its PTEs. The folios and their data stay in the file: contents still say host.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '16K',
        to: 'private',
        note: 'Now nothing maps or holds the folios: the conversion goes through.',
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest reads page 0 privately and finds what the VMM wrote: MADV_DONTNEED on guest_memfd does not free memory.',
      },
    ],
  }),
];

import { EXCLUSIVE_PIN, HUGE_V1, IN_PLACE, MMAP_RFC } from './sources.ts';
import { look, mapWholeFile, tour, type Tour } from './types.ts';

/** Tours of references: why a conversion to private is refused, and how userspace gets past it. */
export const REF_TOURS: readonly Tour[] = [
  tour({
    name: 'vfio-pin-blocks-conversion',
    description:
      'A page pinned while shared cannot become private while the pin is held: conversion needs every folio "safe" (only the ' +
      `page cache holds it) and answers EAGAIN with error_offset. The API documentation of ${IN_PLACE}: "userspace is expected ` +
      'to figure out how to remove all known refcounts ... A possible source ... is if the guest_memfd memory was pinned in IOMMU ' +
      `page tables". Exclusive pins as an alternative were debated in ${EXCLUSIVE_PIN}.`,
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'convert',
        offset: '0',
        length: '64K',
        to: 'shared',
        note: 'The guest shares a 64K DMA buffer: private becomes shared. Nothing is allocated yet, only the attributes change.',
        look: look('diagram', '0', '64K'),
      },
      {
        op: 'hostMap',
        offset: '0',
        length: '4M',
        note: 'The VMM maps the file, as QEMU does for guest RAM it hands to VFIO.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'pin',
        offset: '0',
        length: '64K',
        holder: 'vfio',
        note: 'VFIO_IOMMU_MAP_DMA pins the buffer (FOLL_LONGTERM): GUP faults it in and the block arrives already split. Each pin adds 1024 to the refcount.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '64K',
        to: 'private',
        note: 'The guest wants the buffer back: EAGAIN at error_offset 0, held by vfio. The host PTEs, zapped before the refcount check, stay zapped.',
        look: look('refusal', '0', '64K'),
      },
      {
        op: 'unpin',
        offset: '0',
        length: '64K',
        holder: 'vfio',
        note: 'The VMM tears the DMA mapping down (VFIO_IOMMU_UNMAP_DMA): the pins are gone from the lane.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '64K',
        to: 'private',
        note: 'The retry succeeds: every folio is safe, the block is wholly private again and merges back to one 2M folio.',
        look: look('tree', '0', '2M'),
      },
    ],
  }),
  tour({
    name: 'transient-ref-retry',
    description:
      'Speculative references (GUP-fast folio_try_get(), page-cache and PFN walkers, per-CPU LRU batches) come and go at any time. ' +
      `David Hildenbrand in ${MMAP_RFC}: "likely we'll need some retry magic". ${IN_PLACE} answers EAGAIN after one ` +
      'lru_add_drain_all() (patch 14/42), and its selftests retry.',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    steps: [
      {
        op: 'convert',
        offset: '0',
        length: '8K',
        to: 'shared',
        note: 'The guest shares two pages for a virtio buffer.',
        look: look('diagram', '0', '16K'),
      },
      mapWholeFile('64K'),
      {
        op: 'hostAccess',
        offset: '0',
        write: true,
        note: 'The VMM writes the buffer: a folio and a host PTE. A PTE is no obstacle: conversion unmaps it.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'getRef',
        offset: '0',
        holder: 'gup-fast',
        note: 'At this instant GUP-fast on another CPU holds the folio (folio_try_get()): a transient reference in the lane.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '8K',
        to: 'private',
        note: 'The guest asks for the pages back: the folio at 0 is not safe, so EAGAIN at error_offset 0. Only the host PTE went, unmapped before the check.',
        look: look('refusal', '0', '16K'),
      },
      {
        op: 'putRef',
        offset: '0',
        holder: 'gup-fast',
        note: 'A moment later the speculative reference is dropped.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '8K',
        to: 'private',
        note: 'The VMM retries the same ioctl and it succeeds: shared becomes private, contents preserved.',
        look: look('diagram', '0', '16K'),
      },
    ],
  }),
  tour({
    name: 'madvise-before-convert',
    description:
      'Early designs left the VMM to unmap a page itself, with madvise(MADV_DONTNEED), before converting it to private. ' +
      `In ${HUGE_V1} conversion to private did not unmap the VMM: "Requiring user to request kernel to unmap pages from ` +
      'userspace using madvise(MADV_DONTNEED)". Policy hostUnmap "require" models that; later series unmap themselves ' +
      '(mm/memory.c, unmap_mapping_pages()). The folio_put callback of that series also needs mapcount 0 first.',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    policy: { hostUnmap: 'require' },
    steps: [
      {
        op: 'convert',
        offset: '0',
        length: '16K',
        to: 'shared',
        note: 'The guest shares four pages: private becomes shared.',
        look: look('diagram', '0', '16K'),
      },
      mapWholeFile('64K'),
      {
        op: 'hostAccess',
        offset: '0',
        write: true,
        note: 'The VMM writes page 0: a host PTE.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'hostAccess',
        offset: '8K',
        write: true,
        note: 'And page 2: another host PTE.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '16K',
        to: 'private',
        note: 'Conversion to private while the VMM still maps page 0: EAGAIN at error_offset 0. This design will not unmap for you.',
        look: look('refusal', '0', '16K'),
      },
      {
        op: 'madviseDontneed',
        offset: '0',
        length: '16K',
        note: 'The VMM zaps its own PTEs. The folios and their data stay in the file.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '16K',
        to: 'private',
        note: 'Now nothing maps or holds the folios: the conversion goes through, shared becomes private.',
        look: look('diagram', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest reads page 0 privately and finds what the VMM wrote: MADV_DONTNEED on guest_memfd does not free memory.',
        look: look('lanes', '0', '16K'),
      },
    ],
  }),
];

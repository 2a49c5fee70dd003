import { HUGE_V1, HUGE_V2, IN_PLACE, TDX_HUGE } from './sources.ts';
import { look, mapWholeFile, tour, type Tour } from './types.ts';

/** Tours of HugeTLB-backed guest_memfd: split on sharing, merge on privatising, punch hole, stage-2 levels. */
export const HUGE_TOURS: readonly Tour[] = [
  tour({
    name: 'share-4k-in-2m',
    description:
      'A huge folio may only cover private pages, so sharing one 4K page splits its 2M folio into 512 4K folios (undoing HVO). On ' +
      'this x86 VM the zap removes the whole 2M stage-2 leaf (arch/x86/kvm/mmu/tdp_mmu.c, tdp_mmu_zap_leafs()); the private pages ' +
      `fault back lazily, at 4K now. Sources: ${HUGE_V1}, and ${HUGE_V2} patch 38/51 (kvm_gmem_split_folio_in_filemap()). ` +
      'Policy crossBoundary "split" demotes instead.',
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'First private fault: a whole 2M page comes from the HugeTLB subpool, folio_zero_user() clears it and one 2M stage-2 leaf maps it.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'shared',
        note: 'The guest shares page 1. The whole 2M leaf is zapped (tdp_mmu_zap_leafs()) and the folio splits into 512 4K folios.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'hostMap',
        offset: '0',
        length: '4M',
        note: 'The VMM maps the file: a VMA over all of it. mmap itself checks nothing.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'hostAccess',
        offset: '4K',
        write: true,
        note: 'The VMM writes the shared page: a 4K host PTE on a 4K folio. Host mappings of guest_memfd are always 4K.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        note: 'The guest reads it through a shared 4K stage-2 leaf and sees the VMM’s data: the same physical page, no copy.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '8K',
        note: 'Page 2 is still private but lost its mapping with the 2M leaf: it faults back by a 4K leaf. A leaf is never larger than its folio.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'hostAccess',
        offset: '8K',
        note: 'The VMM tries page 2: private, so SIGBUS. Splitting changed the folios, not who may touch which page.',
        look: look('refusal', '0', '16K'),
      },
    ],
  }),
  tour({
    name: 'share-4k-in-1g',
    description:
      'With policy splitPath "stepwise" a 1G folio splits into 512 2M folios and only the 2M folio holding the shared page goes ' +
      'down to 4K, so the rest keeps 2M leaves. All posted code takes the direct path (1G straight to 262,144 4K folios); stepwise ' +
      `is the "intermediate splits" TODO of ${HUGE_V1} and a future optimization listed in ${HUGE_V2}.`,
    vm: 'sw_protected',
    gmem: { size: '1G', pageSize: '1G', mmap: true },
    policy: { splitPath: 'stepwise' },
    steps: [
      {
        op: 'allocate',
        offset: '0',
        length: '1G',
        note: 'fallocate takes the one 1G page reserved in the subpool: one 1G folio, one vmemmap page thanks to HVO.',
        look: look('tree', '0', '1G'),
      },
      {
        op: 'convert',
        offset: '0x201000',
        length: '4K',
        to: 'shared',
        note: 'Share the page at 0x201000: 1G -> 512 x 2M, then only the 2M at 0x200000 -> 512 x 4K. The direct path would leave 262,144 4K folios.',
        look: look('tree', '0x200000', '2M'),
      },
      {
        op: 'hostMap',
        offset: '0',
        length: '1G',
        note: 'The VMM maps the file: one VMA over the whole gigabyte.',
        look: look('lanes', '0', '1G'),
      },
      {
        op: 'hostAccess',
        offset: '0x201000',
        write: true,
        note: 'The VMM writes the shared page through a 4K host PTE.',
        look: look('lanes', '0x200000', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '0x400000',
        write: true,
        note: 'A private fault in another 2M piece: its folio is 2M, so its stage-2 leaf is 2M. On the direct path every leaf would be 4K.',
        look: look('lanes', '0x200000', '4M'),
      },
      {
        op: 'guestAccess',
        offset: '0x200000',
        note: 'A private fault next to the shared page: that 2M piece is now 4K folios, so only a 4K leaf fits.',
        look: look('lanes', '0x200000', '64K'),
      },
      {
        op: 'convert',
        offset: '0x201000',
        length: '4K',
        to: 'private',
        note: 'The page goes private again: its host PTE is zapped, the block is wholly private and unreferenced, so it merges back to one 1G folio.',
        look: look('tree', '0', '1G'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The next fault maps at the largest level that fits: one 1G stage-2 leaf replaces the 2M and 4K leaves inside it.',
        look: look('lanes', '0', '1G'),
      },
    ],
  }),
  tour({
    name: 'make-private-and-merge',
    description:
      'Split folios merge back only when their whole block is private and nothing but the page cache holds them. Ackerley Tng in ' +
      `the thread of ${HUGE_V1}, February 2025: "We only merge folios in two cases: (1) when converting to private (2) when ` +
      `truncating folios". The merge is kvm_gmem_try_merge_folio_in_filemap() in ${HUGE_V2}.`,
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'allocate',
        offset: '0',
        length: '4M',
        note: 'fallocate takes both 2M pages from the HugeTLB subpool: two 2M folios in the tree.',
        look: look('tree', '0', '4M'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'shared',
        note: 'Share page 1: block 0 splits into 512 4K folios.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'convert',
        offset: '1M',
        length: '4K',
        to: 'shared',
        note: 'Share a second page in the same block: it is already split, there is nothing more to split.',
        look: look('tree', '0', '2M'),
      },
      mapWholeFile('4M'),
      {
        op: 'hostAccess',
        offset: '4K',
        write: true,
        note: 'The VMM writes page 1: a host PTE, so mapcount 1 on that 4K folio.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'private',
        note: 'Page 1 goes private and its PTE is zapped, but the page at 1M is still shared, so block 0 stays split.',
        look: look('diagram', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '4M',
        to: 'private',
        note: 'Everything private: block 0 is wholly private and unreferenced, so it merges back into one 2M folio (HVO redone). Block 1 never split.',
        look: look('tree', '0', '4M'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        note: 'The guest faults page 1: a 2M stage-2 leaf again, and the VMM’s bytes are still there (sw_protected preserves contents).',
        look: look('lanes', '0', '2M'),
      },
    ],
  }),
  tour({
    name: 'punch-hole-huge',
    description:
      'fallocate(PUNCH_HOLE) on a HugeTLB file frees whole blocks only; the part of a block it covers is zeroed in place. ' +
      `kvm_gmem_zero_range() zeroes exactly the punched bytes, as Vishal Annapurve pointed out in the review of ${HUGE_V2}. A split block with ` +
      'shared pages must merge before it leaves the file, so a pin makes the punch EAGAIN (selftest test_truncate_shared_while_pinned() ' +
      'in the same series). A later rework refuses partial punches (policy partialPunch).',
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'The guest touches block 0: one 2M folio from the HugeTLB subpool.',
        look: look('tree', '0', '4M'),
      },
      {
        op: 'guestAccess',
        offset: '2M',
        write: true,
        note: 'And block 1: both pages of the subpool are in use.',
        look: look('tree', '0', '4M'),
      },
      {
        op: 'punchHole',
        offset: '1M',
        length: '2M',
        note: 'Punch [1M, 3M): half of each block. Both 2M leaves are zapped, but nothing is freed: only the punched bytes now read as zero.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'punchHole',
        offset: '2M',
        length: '2M',
        note: 'Punch all of block 1: its 2M folio leaves the file and returns to the subpool.',
        look: look('tree', '0', '4M'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'shared',
        note: 'Share page 1: block 0 splits into 4K folios.',
        look: look('tree', '0', '2M'),
      },
      mapWholeFile('4M'),
      {
        op: 'pin',
        offset: '4K',
        length: '4K',
        holder: 'vfio',
        note: 'VFIO pins the shared page long-term: see the pins lane.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'punchHole',
        offset: '0',
        length: '2M',
        note: 'Punch all of block 0: its split folios must merge before truncation, and the pinned one is not safe to merge: EAGAIN.',
        look: look('refusal', '0', '2M'),
      },
      {
        op: 'unpin',
        offset: '4K',
        length: '4K',
        holder: 'vfio',
        note: 'VFIO lets go: the pin disappears from the lane.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'punchHole',
        offset: '0',
        length: '2M',
        note: 'Now the PTE is zapped, the pieces merge and the whole 2M folio is freed. Page 1 keeps its shared attribute.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest faults block 0 again: a fresh zeroed block, split at once because page 1 is still shared.',
        look: look('tree', '0', '2M'),
      },
    ],
  }),
  tour({
    name: 'stage2-zap-on-convert',
    description:
      'Converting a page zaps its stage-2 leaf: private leaves in the Secure-EPT when going shared, shared leaves when going ' +
      `private. In ${IN_PLACE}, patch 16/42, the invalidation filter comes from the attributes. A 2M S-EPT leaf crossing the ` +
      `boundary is first demoted (kvm_split_cross_boundary_leafs(), tdh_mem_page_demote()), as discussed in ${TDX_HUGE}. ` +
      'TDX zeroes what it removes from the S-EPT.',
    vm: 'tdx',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0x1ff000',
        write: true,
        note: 'A private write: tdh_mem_page_aug() adds the new 2M folio to the S-EPT as one 2M leaf (TDX maps private memory at up to 2M).',
        look: look('lanes', '0', '2M'),
      },
      {
        op: 'convert',
        offset: '0x1ff000',
        length: '4K',
        to: 'shared',
        note: 'Share the last 4K: tdh_mem_page_demote() splits the 2M leaf into 4K leaves, only that one is removed, and TDX zeroes it.',
        look: look('lanes', '0x1f0000', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '0x1ff000',
        note: 'The guest reads it as shared: a 4K leaf in the shared EPT, a different page table than the S-EPT.',
        look: look('lanes', '0x1f0000', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        note: 'Page 1 is still private and still mapped by a 4K S-EPT leaf left by the demotion: no fault.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'convert',
        offset: '0x1ff000',
        length: '4K',
        to: 'private',
        note: 'Back to private: the shared leaf is zapped (filter shared), the private 4K leaves stay, and the block merges.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'guestAccess',
        offset: '0x1ff000',
        note: 'The fault maps at the level already there: TDX never promotes S-EPT leaves, so a 4K leaf fills the hole although the folio is 2M again.',
        look: look('lanes', '0x1f0000', '64K'),
      },
    ],
  }),
];

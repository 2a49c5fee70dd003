import { HUGE_V2, TDX_HUGE } from './sources.ts';
import { look, mapWholeFile, tour, type Tour } from './types.ts';

/** Tours of things going wrong: TDX removal failure, hardware memory errors, closing with pins. */
export const FAILURE_TOURS: readonly Tour[] = [
  tour({
    name: 'tdx-removal-leak',
    description:
      'When tdh_mem_page_remove() fails on an unexpected SEAMCALL error, the kernel cannot report it (zaps "don\'t fail"), so TDX ' +
      `keeps a folio reference and the page is never reused. From ${TDX_HUGE}: Vishal prefers propagating invalidation failures ` +
      'to guest_memfd, since a raised refcount alone does not stop a shared page being used.',
    vm: 'tdx',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'A private write: block 0 is added to the S-EPT by tdh_mem_page_aug() as one 2M leaf.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'guestAccess',
        offset: '2M',
        write: true,
        note: 'And block 1: both reserved 2M pages of the subpool are in use.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'injectRemovalFailure',
        offset: '4K',
        note: 'Arrange for the next S-EPT removal of page 1 to fail, as an unexpected SEAMCALL error would.',
        look: look('tree', '0', '64K'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'shared',
        note: 'Share page 1: the leaf is demoted and removing page 1 fails. TDX keeps a reference (see the refs lane); the page still becomes shared.',
        look: look('lanes', '0', '64K'),
      },
      mapWholeFile('4M'),
      {
        op: 'hostAccess',
        offset: '4K',
        note: 'Nothing stops the VMM faulting that page in: a raised refcount does not tell guest_memfd that the invalidation failed.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'private',
        note: 'Converting it back is refused for good: EAGAIN, held by tdx, which never lets go. The host PTE was zapped before the refcount check.',
        look: look('refusal', '0', '64K'),
      },
      {
        op: 'injectRemovalFailure',
        offset: '2M',
        note: 'Now a failure on block 1, which is still one private 2M folio.',
        look: look('tree', '2M', '2M'),
      },
      {
        op: 'punchHole',
        offset: '2M',
        length: '2M',
        note: 'The VMM frees block 1: the S-EPT removal fails, so the 2M folio leaves the file as an orphan that keeps its pool page.',
        look: look('lanes', '2M', '2M'),
      },
      {
        op: 'guestAccess',
        offset: '2M',
        note: 'The guest touches block 1 again: ENOMEM. The subpool has no free page: block 0 and the leaked orphan hold both.',
        look: look('refusal', '2M', '2M'),
      },
      {
        op: 'punchHole',
        offset: '0',
        length: '2M',
        note: 'Block 0 is split and one piece is held by TDX, so it cannot merge before truncation: EAGAIN. The leak pins the whole block.',
        look: look('refusal', '0', '2M'),
      },
    ],
  }),
  tour({
    name: 'memory-failure',
    description:
      'memory_failure() calls kvm_gmem_error_folio() (virt/kvm/guest_memfd.c): stage-2 leaves of the folio are zapped, the page ' +
      'is marked hwpoison and nothing is truncated (MF_DELAYED): "what action is taken in response to the error is userspace\'s ' +
      `decision". Guest faults then get EHWPOISON, host faults SIGBUS. ${HUGE_V2} lists HugeTLB memory error handling as not ` +
      'implemented yet.',
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'The guest uses block 0 privately: one 2M folio, one 2M stage-2 leaf.',
        look: look('lanes', '0', '2M'),
      },
      {
        op: 'memoryFailure',
        offset: '12K',
        note: 'An uncorrectable error hits page 3: hwpoison is set, the 2M leaf of the whole folio is zapped, nothing is truncated.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'Page 0 is fine, but its folio holds a poisoned page: the fault answers EHWPOISON and the VMM must decide (inject an MCE, ...).',
        look: look('refusal', '0', '64K'),
      },
      {
        op: 'memoryFailure',
        offset: '12K',
        note: 'A second report for the same page: EHWPOISON, already poisoned.',
        look: look('refusal', '0', '64K'),
      },
      {
        op: 'punchHole',
        offset: '0',
        length: '2M',
        note: 'The VMM drops the block: the poisoned memory leaves the file, and the poison with it.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'A fresh zeroed block: the guest runs again on new memory.',
        look: look('tree', '0', '2M'),
      },
      {
        op: 'convert',
        offset: '2M',
        length: '4K',
        to: 'shared',
        note: 'Now a shared page: the guest shares the first page of block 1.',
        look: look('diagram', '2M', '64K'),
      },
      mapWholeFile('4M'),
      {
        op: 'hostAccess',
        offset: '2M',
        write: true,
        note: 'The VMM writes the shared page: block 1 is allocated already split, and a host PTE maps the page.',
        look: look('lanes', '2M', '64K'),
      },
      {
        op: 'memoryFailure',
        offset: '2M',
        note: 'An error on the shared page: memory_failure() also unmaps the host PTE of it.',
        look: look('lanes', '2M', '64K'),
      },
      {
        op: 'hostAccess',
        offset: '2M',
        note: 'The VMM touches it again: SIGBUS (VM_FAULT_HWPOISON).',
        look: look('refusal', '2M', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '0x201000',
        note: 'Block 1 is split, so the poison only blocks its own 4K folio: the private page next to it faults in fine.',
        look: look('lanes', '2M', '64K'),
      },
    ],
  }),
  tour({
    name: 'close-while-pinned',
    description:
      'Memory belongs to the inode, not the fd, and the VMA holds the file: pinned folios outlive the close as orphans. ' +
      'kvm_gmem_release() (virt/kvm/guest_memfd.c) runs at the munmap of the last VMA, zaps stage-2, and the inode is evicted; a split HugeTLB block ' +
      `goes back to the pool only after the last unpin (the folio_put callback). ${HUGE_V2}, selftest test_close_with_pinning(): ` +
      '"the HugeTLB page got merged and returned to HugeTLB".',
    vm: 'sw_protected',
    gmem: { size: '4M', pageSize: '2M', mmap: true },
    steps: [
      {
        op: 'convert',
        offset: '0',
        length: '4K',
        to: 'shared',
        note: 'The guest shares page 0: private becomes shared.',
        look: look('diagram', '0', '64K'),
      },
      mapWholeFile('4M'),
      {
        op: 'pin',
        offset: '0',
        length: '4K',
        holder: 'vfio',
        note: 'VFIO pins page 0: block 0 is allocated already split.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '2M',
        write: true,
        note: 'The guest also uses block 1 privately: a 2M stage-2 leaf.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'close',
        note: 'The guest_memfd fd is closed. The VMA still holds the file, so nothing is released yet: the guest keeps its 2M leaf.',
        look: look('lanes', '0', '4M'),
      },
      {
        op: 'hostUnmap',
        offset: '0',
        length: '4M',
        note: 'The last VMA drops the last file reference: kvm_gmem_release() zaps stage-2 and the inode is evicted. Pinned block 0 lives on as an orphan.',
        look: look('lanes', '0', '2M'),
      },
      {
        op: 'unpin',
        offset: '0',
        length: '4K',
        holder: 'vfio',
        note: 'The last unpin frees the orphan: its pieces merge through the folio_put callback and the page goes back to the pool.',
        look: look('lanes', '0', '2M'),
      },
    ],
  }),
];

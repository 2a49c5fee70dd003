import { FD_V5, IN_PLACE } from './sources.ts';
import { look, tour, type Tour } from './types.ts';

/** Tours of the basic model: who may touch which page, and what the kernel answers. */
export const BASIC_TOURS: readonly Tour[] = [
  tour({
    name: 'private-only-cvm',
    description:
      'guest_memfd as first merged: every page private, no mmap, 4K folios. The VMM cannot reach the memory at all; it can only ' +
      'preallocate and punch holes. Sources: virt/kvm/guest_memfd.c (kvm_gmem_get_pfn(), kvm_gmem_punch_hole()), the selftest ' +
      'tools/testing/selftests/kvm/guest_memfd_test.c (test_mmap_not_supported()), and the design discussion of ' +
      `${FD_V5}.`,
    vm: 'snp',
    gmem: { size: '64K', pageSize: '4K', mmap: false },
    policy: { mainline: true },
    steps: [
      {
        op: 'allocate',
        offset: '0',
        length: '16K',
        note: 'fallocate preallocates four 4K folios in the tree. They are not zeroed yet: fallocate never zeroes, the first user does.',
        look: look('tree', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'A private fault: kvm_gmem_get_pfn() zeroes page 0, sev_gmem_prepare() assigns its RMP entry and a 4K private stage-2 leaf maps it.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        note: 'Page 1 takes the same path. The stage-2 leaves stay 4K because these folios are 4K (max_order 0).',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'hostMap',
        offset: '0',
        length: '64K',
        note: 'Without GUEST_MEMFD_FLAG_MMAP, mmap answers ENODEV: private memory is out of the VMM’s reach by construction.',
        look: look('refusal', '0', '64K'),
      },
      {
        op: 'punchHole',
        offset: '0',
        length: '4K',
        note: 'The VMM punches page 0: its stage-2 leaf is zapped and the folio freed, but the page stays private.',
        look: look('tree', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest faults page 0 again and gets a fresh, zeroed folio: the old data is gone.',
        look: look('lanes', '0', '16K'),
      },
    ],
  }),
  tour({
    name: 'non-cvm-init-shared',
    description:
      'A VM whose memory is all shared: GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED, as virt/kvm/guest_memfd.c allows for VMs ' +
      'without private memory (kvm_arch_supports_gmem_init_shared(); selftest guest_memfd_test.c, test_guest_memfd_guest()). The model ' +
      `needs a VM type, so this is a sw_protected VM that never converts, which ${IN_PLACE} allows (patch 19/42). ` +
      'VMM and guest use the very same pages.',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true, initShared: true },
    steps: [
      {
        op: 'hostMap',
        offset: '0',
        length: '64K',
        note: 'mmap(MAP_SHARED) of the whole file: a VMA in the VMM mmap lane, but no PTEs yet.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'hostAccess',
        offset: '0',
        write: true,
        note: 'The VMM loads the guest kernel in place: its fault allocates and zeroes a 4K folio and installs a host PTE.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest reads the same physical page through a shared 4K stage-2 leaf: one copy, two views.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '8K',
        write: true,
        note: 'The guest writes a page nobody touched: its own fault allocates it. No host PTE there yet.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'hostAccess',
        offset: '8K',
        note: 'The VMM faults the same page and sees the guest’s data: a host PTE and a stage-2 leaf on one folio.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'pin',
        offset: '0',
        length: '16K',
        holder: 'vfio',
        note: 'Device assignment: VFIO pins the shared pages long-term (see the pins lane). Harmless here: nothing will convert them.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'unpin',
        offset: '0',
        length: '16K',
        holder: 'vfio',
        note: 'VFIO unmaps its DMA and drops the pins: the refcounts fall back.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'close',
        note: 'The fd is closed, but the VMA still holds the file (vm_file): kvm_gmem_release() waits, the guest keeps its leaves.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'hostUnmap',
        offset: '0',
        length: '64K',
        note: 'The last VMA drops the last file reference: kvm_gmem_release() zaps every stage-2 leaf and the inode frees every folio.',
        look: look('tree', '0', '64K'),
      },
    ],
  }),
  tour({
    name: 'vmm-touches-private',
    description:
      'mmap is allowed over the whole file, but a host fault on a private page answers SIGBUS (virt/kvm/guest_memfd.c, ' +
      'kvm_gmem_fault_user_mapping() returns -EACCES), and GUP through the same fault fails. That makes impossible the crash ' +
      `described by ${FD_V5}: strace reads a private page with process_vm_readv() and kmap(). ${IN_PLACE} keeps the rule: ` +
      '"any guest-private page will not be mappable".',
    vm: 'pkvm',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    steps: [
      {
        op: 'hostMap',
        offset: '0',
        length: '64K',
        note: 'mmap succeeds for the whole file: mmap checks nothing, the fault handler does.',
        look: look('lanes', '0', '64K'),
      },
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'The guest writes a secret into private page 0.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'hostAccess',
        offset: '0',
        note: 'The VMM touches page 0: the fault sees a private page and answers SIGBUS. No PTE is installed.',
        look: look('refusal', '0', '16K'),
      },
      {
        op: 'pin',
        offset: '0',
        length: '4K',
        holder: 'strace',
        note: 'strace reads syscall arguments with process_vm_readv(), which pins through GUP: refused with EFAULT, so no kmap().',
        look: look('refusal', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '4K',
        to: 'shared',
        note: 'The guest shares page 0 (pKVM share hypercall): private becomes shared, its private leaf is zapped, the bytes stay.',
        look: look('diagram', '0', '16K'),
      },
      {
        op: 'hostAccess',
        offset: '0',
        note: 'Now the fault maps a 4K host PTE and the VMM reads what the guest wrote.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '0',
        length: '4K',
        to: 'private',
        note: 'The guest takes the page back. The conversion unmaps the VMM itself (unmap_mapping_pages()): the host PTE is gone.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'hostAccess',
        offset: '0',
        note: 'The next VMM access faults again and gets SIGBUS: the page is private again.',
        look: look('refusal', '0', '16K'),
      },
    ],
  }),
  tour({
    name: 'guest-access-mismatch',
    description:
      'When the guest accesses a page as private while it is shared, or the other way round, KVM_RUN fails with EFAULT and exit ' +
      'reason KVM_EXIT_MEMORY_FAULT; the VMM converts and re-enters. Sources: include/linux/kvm_host.h (kvm_prepare_memory_fault_exit()), ' +
      'the selftests tools/testing/selftests/kvm/x86/private_mem_kvm_exits_test.c and private_mem_conversions_test.c; ' +
      `${IN_PLACE} moves the attributes into guest_memfd (KVM_SET_MEMORY_ATTRIBUTES2).`,
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'A private access to a private page: a private 4K stage-2 leaf, no exit.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'shared',
        note: 'The guest uses page 1 as shared, but it is private: KVM_RUN fails with EFAULT, exit KVM_EXIT_MEMORY_FAULT. Nothing is mapped.',
        look: look('refusal', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'shared',
        note: 'The VMM handles the exit: it converts page 1 to shared, then re-enters the guest.',
        look: look('diagram', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'shared',
        write: true,
        note: 'The retried access matches: a shared stage-2 leaf maps page 1.',
        look: look('lanes', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'private',
        note: 'Later the guest accepts page 1 as private before telling the VMM: another exit, this time flagged private.',
        look: look('refusal', '0', '16K'),
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'private',
        note: 'The VMM converts back: the shared leaf is zapped, so no stale shared mapping survives.',
        look: look('diagram', '0', '16K'),
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'private',
        note: 'Now a private leaf. sw_protected keeps contents across conversions: the data the guest wrote is still there.',
        look: look('lanes', '0', '16K'),
      },
    ],
  }),
];

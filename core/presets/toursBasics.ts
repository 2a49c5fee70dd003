import { tour, type Tour } from './types.ts';

/** Tours of the basic model: who may touch which page, and what the kernel answers. */
export const BASIC_TOURS: readonly Tour[] = [
  tour({
    name: 'private-only-cvm',
    title: 'A private-only confidential VM',
    description:
      'guest_memfd as first merged: every page private, no mmap, 4K folios (policy mainline). The VMM cannot reach the memory at all; ' +
      'it can only preallocate and punch holes. Sources: "KVM: mm: fd-based approach for supporting KVM guest private memory" v5 ' +
      '(seed 002), mainline virt/kvm/guest_memfd.c and its selftests guest_memfd_test.c (test_mmap_not_supported) and ' +
      'private_mem_conversions_test.c (guest_test_punch_hole).',
    vm: 'snp',
    gmem: { size: '64K', pageSize: '4K', mmap: false },
    policy: { mainline: true },
    steps: [
      {
        op: 'allocate',
        offset: '0',
        length: '16K',
        note: 'fallocate preallocates four 4K folios. Look: folios appear, but contents stay empty: fallocate never zeroes, the first user does.',
      },
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'A private fault: kvm_gmem_get_pfn zeroes the page, sev_gmem_prepare assigns its RMP entry and a 4K private leaf maps it.',
      },
      {
        op: 'guestAccess',
        offset: '4K',
        note: 'A second page: same path. Leaves stay 4K because mainline folios are 4K (max_order 0).',
      },
      {
        op: 'hostMap',
        offset: '0',
        length: '64K',
        note: 'No GUEST_MEMFD_FLAG_MMAP: kvm_gmem_mmap answers ENODEV. Private memory is unreachable to the VMM by construction.',
      },
      {
        op: 'punchHole',
        offset: '0',
        length: '4K',
        note: 'The VMM discards page 0: its leaf is zapped and the folio freed, but the attribute stays private.',
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest faults it again and gets a fresh folio, zeroed: look at contents, the old data is gone.',
      },
    ],
  }),
  tour({
    name: 'non-cvm-init-shared',
    title: 'guest_memfd as plain guest RAM, shared from the start',
    description:
      'A VM whose memory is all shared: GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED, as mainline allows for VMs without private ' +
      'memory (test_guest_memfd_guest). The model has no default VM type, so this is a sw_protected VM that never converts: the IPC v7 ' +
      'series (patch 19/42) allows INIT_SHARED there. VMM and guest use the very same pages.',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true, initShared: true },
    steps: [
      {
        op: 'hostMap',
        offset: '0',
        length: '64K',
        note: 'mmap(MAP_SHARED) of the whole file. Look at vmas: a mapping, but no PTEs yet.',
      },
      {
        op: 'hostAccess',
        offset: '0',
        write: true,
        note: 'The VMM loads the guest kernel in place: the fault allocates and zeroes a 4K folio and installs a PTE. Contents: host.',
      },
      {
        op: 'guestAccess',
        offset: '0',
        note: 'The guest reads the same physical page through a shared 4K leaf: the memslot is guest_memfd-only, no second copy.',
      },
      {
        op: 'guestAccess',
        offset: '8K',
        write: true,
        note: 'The guest writes a page nobody touched: the guest fault allocates it. No VMM PTE there yet.',
      },
      {
        op: 'hostAccess',
        offset: '8K',
        note: 'The VMM faults the same page and sees the guest data: one memory, two views.',
      },
      {
        op: 'pin',
        offset: '0',
        length: '16K',
        holder: 'vfio',
        note: 'Device assignment: VFIO pins shared pages long-term. Harmless here: nothing will ever convert them. Look at pincount.',
      },
      {
        op: 'unpin',
        offset: '0',
        length: '16K',
        holder: 'vfio',
        note: 'VFIO unmaps its DMA and drops the pins: the refcounts fall back.',
      },
      {
        op: 'close',
        note: 'The guest_memfd fd is closed, but the VMA still holds the file (vm_file): kvm_gmem_release waits for the last reference, so the guest keeps its leaves and the folios stay.',
      },
      {
        op: 'hostUnmap',
        offset: '0',
        length: '64K',
        note: 'The last VMA goes with the last file reference: kvm_gmem_release zaps every stage-2 leaf, then the inode is evicted and every folio is freed. Look at evicted and folios.',
      },
    ],
  }),
  tour({
    name: 'vmm-touches-private',
    title: 'The VMM touches a private page: SIGBUS',
    description:
      'mmap is allowed over the whole file, but a host fault on a private index answers SIGBUS (kvm_gmem_fault_user_mapping: -EACCES), and ' +
      "GUP through the same fault fails. This is what makes Quentin Perret's strace / process_vm_readv / kmap crash on pKVM impossible " +
      '(seed 002, fd-based private memory v5) and it is the rule of the IPC v7 cover letter ("any guest-private page will not be mappable").',
    vm: 'pkvm',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    steps: [
      {
        op: 'hostMap',
        offset: '0',
        length: '64K',
        note: 'mmap succeeds for the whole file: mmap checks no attributes, the fault handler does.',
      },
      { op: 'guestAccess', offset: '0', write: true, note: 'The guest writes a secret into private page 0.' },
      {
        op: 'hostAccess',
        offset: '0',
        note: 'The VMM touches page 0: the fault sees a private index and answers SIGBUS. No PTE is installed.',
      },
      {
        op: 'pin',
        offset: '0',
        length: '4K',
        holder: 'strace',
        note: 'strace reads syscall arguments with process_vm_readv, which pins via GUP: its fault is refused too (EFAULT), so no kmap.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '4K',
        to: 'shared',
        note: 'The guest shares page 0 (pKVM share hypercall). Its private leaf is zapped; pKVM keeps the bytes in place.',
      },
      {
        op: 'hostAccess',
        offset: '0',
        note: 'Now the fault maps a 4K PTE and the VMM reads what the guest wrote: contents guest.',
      },
      {
        op: 'convert',
        offset: '0',
        length: '4K',
        to: 'private',
        note: 'The guest takes the page back. The conversion unmaps the VMM itself (unmap_mapping_pages): hostMappings is empty.',
      },
      {
        op: 'hostAccess',
        offset: '0',
        note: 'The next VMM access faults again and gets SIGBUS: private again.',
      },
    ],
  }),
  tour({
    name: 'guest-access-mismatch',
    title: 'Guest access mismatch: KVM_EXIT_MEMORY_FAULT',
    description:
      'When the guest accesses a page as private while it is shared, or the other way round, KVM_RUN fails with EFAULT and exit reason ' +
      'KVM_EXIT_MEMORY_FAULT; the VMM converts and re-enters. Sources: mainline selftests private_mem_kvm_exits_test.c and ' +
      'private_mem_conversions_test.c; the IPC v7 series moves the attributes into guest_memfd (KVM_SET_MEMORY_ATTRIBUTES2).',
    vm: 'sw_protected',
    gmem: { size: '64K', pageSize: '4K', mmap: true },
    steps: [
      {
        op: 'guestAccess',
        offset: '0',
        write: true,
        note: 'A private access to a private page: a private 4K leaf, no exit.',
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'shared',
        note: 'The guest uses page 1 as shared, but it is private: KVM_RUN fails with EFAULT and KVM_EXIT_MEMORY_FAULT. Nothing is mapped.',
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'shared',
        note: 'The VMM handles the exit: it converts page 1 to shared, then re-enters the guest.',
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'shared',
        write: true,
        note: 'The retried access matches: a shared leaf maps page 1.',
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'private',
        note: 'Later the guest accepts page 1 as private before telling the VMM: another exit, this time flagged private.',
      },
      {
        op: 'convert',
        offset: '4K',
        length: '4K',
        to: 'private',
        note: 'The VMM converts back: the shared leaf is zapped so no stale shared mapping survives.',
      },
      {
        op: 'guestAccess',
        offset: '4K',
        as: 'private',
        note: 'Now a private leaf. sw_protected keeps contents across conversions: the data the guest wrote is still there.',
      },
    ],
  }),
];

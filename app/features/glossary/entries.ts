/**
 * The glossary: every word the UI shows that a newcomer to guest_memfd may not know, in two
 * or three sentences, each citing the kernel file and function or the mailing-list thread it
 * comes from (subject, author, date), never our own shorthand. Loaded with the glossary list
 * only: the ids and terms the first screen needs are in terms.ts.
 */
import { GLOSSARY_TERMS, type GlossaryId, type GlossaryTerm } from './terms.ts';

/** What an entry says, beyond its term: shown and searched by the list. */
interface GlossaryText {
  /** Other names the UI or the kernel uses for it (searched too). */
  readonly aka?: readonly string[];
  /** Two or three sentences. */
  readonly text: string;
  /** Kernel file and function, or thread subject, author and date. */
  readonly source: string;
  /** Ids of related entries. */
  readonly see?: readonly GlossaryId[];
}

export type GlossaryEntry = GlossaryTerm & GlossaryText;

const IPC = '"guest_memfd: In-place conversion support", Ackerley Tng et al., v7 (May 2026) and v8';
const RFC1 = '"[RFC PATCH 00/39] 1G page support for guest_memfd", Ackerley Tng, 2024-09-10';
const RFC2 = '"[RFC PATCH v2 00/51] 1G page support for guest_memfd", Ackerley Tng, 2025-05-14';

/** Keyed by id: the type demands one text for every entry of terms.ts, and no other. */
export const GLOSSARY_TEXTS: { readonly [id in GlossaryId]: GlossaryText } = {
  'guest-memfd': {
    text: 'A file descriptor, created with the KVM_CREATE_GUEST_MEMFD ioctl, whose memory backs a VM. Its inode is the memory; the fd is one VM’s view of it. Unlike ordinary memory it can hold pages the host must never touch (private) next to pages the host may map (shared).',
    source:
      'virt/kvm/guest_memfd.c: kvm_gmem_create(); thread "[PATCH v5 00/13] KVM: mm: fd-based approach for supporting KVM guest private memory", Chao Peng, 2022',
    see: ['attribute', 'folio'],
  },
  offset: {
    aka: ['index', 'GPA', 'pgoff'],
    text: 'A byte position in the guest_memfd file. Folioscope binds one memslot over the whole file, so the guest-physical address equals the file offset. Offsets and lengths given to the kernel must be 4K aligned, else EINVAL.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_bind(), kvm_gmem_fallocate()',
  },
  page: {
    aka: ['4K pages', 'index'],
    text: 'The smallest unit (PAGE_SIZE on x86). Every 4K index of the file has its own attribute, whether memory is allocated there or not. The “4K pages” row colours each page by its state.',
    source: 'virt/kvm/guest_memfd.c (pgoff_t indices); page states: Folioscope core/diagram.ts',
    see: ['page-state', 'attribute'],
  },
  folio: {
    aka: ['folios'],
    text: 'A naturally aligned, power-of-two group of pages that the kernel manages as one: one reference count, one set of flags, one entry in the page cache. Here a folio is 4K, 2M or 1G. A folio larger than 4K may only cover private pages.',
    source: `include/linux/mm_types.h (struct folio); virt/kvm/guest_memfd.c: kvm_gmem_get_folio(); ${RFC2}`,
    see: ['hugetlb-block', 'split', 'merge'],
  },
  'page-cache': {
    aka: ['filemap'],
    text: 'The file’s index of folios (its address_space). A folio in it holds one reference per page for the page cache itself, which is why “safe” means the refcount equals the number of pages. Truncation removes folios from it.',
    source: 'mm/filemap.c; virt/kvm/guest_memfd.c: kvm_gmem_is_safe_for_conversion()',
    see: ['refcount', 'safe'],
  },
  'hugetlb-block': {
    aka: ['HugeTLB blocks', 'block', 'huge page'],
    text: 'One 2M or 1G huge page taken from the host’s HugeTLB pool. In guest_memfd a block is absent, one huge folio, or split into 4K folios; it returns to the pool only once all its memory has left the file and nothing references it. The “HugeTLB blocks” row shows each block’s state.',
    source: `${RFC1}; ${RFC2} (mm/guestmem_hugetlb.c)`,
    see: ['subpool', 'split', 'merge', 'hvo'],
  },
  subpool: {
    aka: ['pool', 'reserved', 'in use'],
    text: 'Creating a HugeTLB guest_memfd reserves size ÷ page size huge pages into the inode’s own subpool; each block allocation takes one, and a split block counts as one until it merges back. If the host has too few free huge pages, creation fails with ENOMEM. The reservation goes back to the host at teardown.',
    source: `${RFC2}: guestmem_hugetlb_setup() (hugepage_new_subpool), guestmem_hugetlb_alloc_folio(); ${RFC1} cover letter`,
    see: ['hugetlb-block'],
  },
  attribute: {
    aka: ['attribute', 'shareability'],
    text: 'Every 4K index of the file is either shared (the host may map it) or private (only the guest may). The attribute is independent of allocation: it is recorded for holes too, and punching a hole never changes it. Initially private, or shared with GUEST_MEMFD_FLAG_INIT_SHARED.',
    source: `${IPC}: kvm_gmem_init_inode(), the attributes maple tree; mainline KVM_SET_MEMORY_ATTRIBUTES`,
    see: ['shared', 'private', 'conversion'],
  },
  private: {
    text: 'Memory only the guest may access. The host’s page fault on it answers SIGBUS and GUP cannot pin it; a confidential VM’s hardware (TDX, SEV-SNP) or hypervisor (pKVM) also protects it. Drawn plain (no stripes).',
    source: `virt/kvm/guest_memfd.c: kvm_gmem_fault_user_mapping(); ${IPC} cover letter: “any guest-private page will not be mappable to host userspace”`,
    see: ['attribute', 'shared'],
  },
  shared: {
    text: 'Memory the host (the VMM) may mmap, read, write and pin, used for I/O with the guest. Drawn with stripes. A shared index always lives in a 4K folio, so sharing one page of a huge folio splits it.',
    source: `${IPC}; ${RFC2}: kvm_gmem_should_split_at_index()`,
    see: ['attribute', 'split'],
  },
  conversion: {
    aka: ['convert', 'Make private', 'Share', 'KVM_SET_MEMORY_ATTRIBUTES2'],
    text: 'Changing a range’s attribute without copying: the same physical pages become shared or private. Going private first zaps the VMM’s PTEs and then needs every folio in the range safe, else EAGAIN with error_offset and nothing changes; going shared has no reference check but splits huge folios. Both zap the stage-2 entries of the range.',
    source: `${IPC}: KVM_SET_MEMORY_ATTRIBUTES2, __kvm_gmem_set_attributes(), kvm_gmem_is_safe_for_conversion()`,
    see: ['safe', 'split', 'stage2'],
  },
  stage2: {
    aka: ['stage-2 leaf', 'TDP', 'NPT', 'second-stage page table'],
    text: 'The page table that translates guest-physical to host-physical addresses, kept by KVM (EPT on Intel, NPT on AMD, stage-2 on arm64). A leaf can map 4K, 2M or 1G, but never more than one folio or a range of mixed attributes. It holds no folio reference: conversion, hole punching and close keep it valid by zapping (kvm_gmem_invalidate_begin → kvm_mmu_unmap_gfn_range).',
    source:
      'virt/kvm/guest_memfd.c: kvm_gmem_invalidate_begin(); arch/x86/kvm/mmu/tdp_mmu.c: tdp_mmu_zap_leafs(); arch/x86/kvm/mmu/mmu.c: KVM_LPAGE_MIXED_FLAG',
    see: ['ept', 's-ept', 'rmp', 'pkvm-stage2'],
  },
  ept: {
    aka: ['Extended Page Tables'],
    text: 'Intel’s stage-2 page tables. For a TDX guest, KVM keeps shared pages in the ordinary (shared) EPT and private pages in the Secure EPT.',
    source: 'arch/x86/kvm/mmu/tdp_mmu.c; arch/x86/kvm/vmx/',
    see: ['stage2', 's-ept'],
  },
  's-ept': {
    aka: ['TDX', 'tdx'],
    text: 'The TDX module’s own EPT for a trust domain’s private memory; KVM changes it only through SEAMCALLs (tdh_mem_page_aug to map, tdh_mem_page_remove to unmap, tdh_mem_page_demote to split a 2M leaf). Leaves crossing a converted range are demoted first, and TDX zeroes what it removes. A removal that fails leaves a page TDX still holds.',
    source:
      'arch/x86/kvm/vmx/tdx.c; kvm_split_cross_boundary_leafs() from the TDX huge page series (Yan Zhao, 2025)',
    see: ['stage2', 'leaked'],
  },
  rmp: {
    aka: ['snp', 'Reverse Map Table'],
    text: 'AMD SEV-SNP’s Reverse Map Table records, per page, whether it belongs to the host or to a guest. guest_memfd assigns a page to the guest when it first maps it private (sev_gmem_prepare) and gives it back when it leaves private use (sev_gmem_invalidate); the RMP level also caps the stage-2 leaf at 2M. After conversion to shared the host reads ciphertext.',
    source: 'arch/x86/kvm/svm/sev.c: sev_gmem_prepare(), sev_gmem_invalidate(), sev_gmem_max_mapping_level()',
    see: ['stage2'],
  },
  'pkvm-stage2': {
    aka: ['pkvm', 'arm64'],
    text: 'On arm64 protected KVM the hypervisor at EL2 owns the stage-2 tables of both the guest and the host, so a private page is unmapped from the host itself rather than encrypted. A zap inside a 2M block removes the whole block and relies on the rest being faulted back lazily. The motivating user of in-place conversion: no copies on share and unshare.',
    source: `arch/arm64/kvm/hyp/pgtable.c: stage2_unmap_walker(); Quentin Perret in "[PATCH v5 00/13] KVM: mm: fd-based approach for supporting KVM guest private memory", April 2022; ${IPC} cover letter`,
    see: ['stage2'],
  },
  'sw-protected': {
    aka: ['KVM_X86_SW_PROTECTED_VM'],
    text: 'An x86 VM type with private memory enforced only in software (guest_memfd refuses host faults), no encryption. It is the test vehicle of the in-place conversion selftests; contents survive conversion in both directions.',
    source: `${IPC}: tools/testing/selftests/kvm/x86/guest_memfd_conversions_test.c`,
  },
  vma: {
    aka: ['VMM mmap', 'mmap', 'VMM mapping', 'Host map'],
    text: 'The VMM’s MAP_SHARED mapping of the guest_memfd file, needed for it to touch shared memory in place. It is only allowed with GUEST_MEMFD_FLAG_MMAP (else ENODEV). Mapping a range creates no page-table entries yet: a first access faults them in.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_mmap(); tools/testing/selftests/kvm/guest_memfd_test.c',
    see: ['host-pte', 'flag-mmap'],
  },
  'host-pte': {
    aka: ['host PTEs'],
    text: 'A page-table entry in the VMM’s address space pointing at a guest_memfd page, always 4K. A host access to a shared page faults one in (and counts in the folio’s mapcount); a private page answers SIGBUS. Conversion to private and madvise(MADV_DONTNEED) zap them.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_fault_user_mapping(); mm/memory.c: unmap_mapping_range()',
    see: ['mapcount', 'vma'],
  },
  'gup-pin': {
    aka: ['pin', 'pins', 'FOLL_PIN', 'FOLL_LONGTERM', 'pins / refs'],
    text: 'A reference taken with pin_user_pages (FOLL_PIN, usually FOLL_LONGTERM) by a device or kernel user that needs the page to stay: VFIO’s IOMMU mapping, io_uring fixed buffers, O_DIRECT. It lasts until the holder unpins, so a pinned shared page cannot become private (EAGAIN) and a pinned block cannot merge.',
    source:
      'mm/gup.c: pin_user_pages(); Documentation/core-api/pin_user_pages.rst; the thread on exclusive GUP pinning (FOLL_EXCLUSIVE), Elliot Berman, David Hildenbrand, John Hubbard, June 2024',
    see: ['transient-ref', 'refcount', 'safe'],
  },
  'transient-ref': {
    aka: ['ref', 'refs', 'getRef', 'referenced'],
    text: 'A short-lived folio reference taken by someone else in the kernel: a speculative folio_try_get from GUP-fast, a page-cache or PFN walker, a per-CPU LRU batch. It is not a pin, but it makes the folio unsafe while it lasts, so a conversion answers EAGAIN and the VMM retries.',
    source:
      'David Hildenbrand in "[PATCH RFC 4/4] mm: guest_memfd: Add ability for mmap\'ing pages", Elliot Berman, August 2024 (“we’ll need some retry magic”); ' +
      `${IPC}, patch 14/42 (lru_add_drain_all)`,
    see: ['gup-pin', 'safe'],
  },
  refcount: {
    aka: ['_refcount'],
    text: 'The folio’s reference count: the page cache’s own references plus one per host PTE, plus pins, GUP and transient references and any reference an architecture keeps. Stage-2 entries add nothing. guest_memfd cannot tell these apart, so every safety check compares the count with what the page cache alone holds.',
    source:
      'include/linux/mm.h: folio_ref_count(); virt/kvm/guest_memfd.c: kvm_gmem_is_safe_for_conversion()',
    see: ['mapcount', 'safe'],
  },
  mapcount: {
    aka: ['map'],
    text: 'How many host page-table entries map the folio. Each host PTE also holds one reference; guest stage-2 mappings count in neither. It must be zero before a folio can merge (the folio_put callback’s page_type shares its field).',
    source: `include/linux/mm.h: folio_mapcount(); ${RFC1} (folio_put callback discussion)`,
    see: ['refcount', 'host-pte'],
  },
  safe: {
    aka: ['safe refcount', 'not safe'],
    text: 'A folio that only the page cache holds: no PTE, pin or other reference. Conversion to private, merging and truncating a mixed block all require it. David Hildenbrand: “We really have to drive the refcount to 1 — the single reference we expect.”',
    source: `${IPC}: kvm_gmem_is_safe_for_conversion(); ${RFC2}: kvm_gmem_has_safe_refcount(); "[PATCH RFC 4/4] mm: guest_memfd: Add ability for mmap'ing pages", August 2024`,
    see: ['refcount'],
  },
  orphan: {
    aka: ['orphans'],
    text: 'A folio truncated from the file (hole punch, close) while something still referenced it. It is out of the file but still in memory, and is freed when the last pin or reference drops; the next fault at that offset gets a new zeroed page, so the holder and the file now see different memory.',
    source: 'mm/truncate.c: truncate_inode_pages_range(); virt/kvm/guest_memfd.c: kvm_gmem_punch_hole()',
    see: ['punch-hole', 'gup-pin'],
  },
  split: {
    text: 'Breaking a huge folio into smaller ones, because a page inside it becomes shared (or explicitly). The folio must be safe, larger stage-2 leaves over it are demoted first, and HVO is undone, which needs memory and can fail with ENOMEM. All posted code splits straight to 4K; 1G → 2M → 4K is a proposed optimisation.',
    source: `${RFC2}: patch 35/51 guestmem_hugetlb_split_folio(), patch 38/51 kvm_gmem_split_folio_in_filemap(); ${RFC1} TODO “intermediate splits”`,
    see: ['merge', 'hvo'],
  },
  merge: {
    aka: ['reconstruct'],
    text: 'Rebuilding the huge folio of a split block once it is wholly private again and every piece is safe; HVO is reapplied. Ackerley Tng: “We only merge folios in two cases: (1) when converting to private (2) when truncating folios”.',
    source: `${RFC2}: kvm_gmem_try_merge_folio_in_filemap(), guestmem_hugetlb_handle_folio_put(); Ackerley Tng, reply of February 2025 in the thread "[RFC PATCH 00/39] 1G page support for guest_memfd"`,
    see: ['split', 'safe'],
  },
  'punch-hole': {
    aka: ['PUNCH_HOLE', 'truncate'],
    text: 'fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE) frees a range: it zaps stage-2 entries and host PTEs, and folios leave the file (orphaned if referenced). On a HugeTLB file whole blocks go, and the partly covered part of a block is only zeroed in place. Attributes do not change.',
    source: `virt/kvm/guest_memfd.c: kvm_gmem_punch_hole(); ${RFC2}: kvm_gmem_truncate_inode_range(), kvm_gmem_zero_range()`,
    see: ['orphan'],
  },
  hvo: {
    aka: ['HugeTLB Vmemmap Optimization', 'vmemmap'],
    text: 'HugeTLB Vmemmap Optimization frees most of the struct pages (64 bytes per 4K page) that describe a huge page, since only the first few carry information: a 1G block keeps 1 vmemmap page instead of 4,096 (16 MiB − 4 KiB saved), a 2M block 1 instead of 8. Splitting undoes it, merging redoes it.',
    source: `Documentation/mm/vmemmap_dedup.rst; mm/hugetlb_vmemmap.c: hugetlb_vmemmap_restore_folio(); ${RFC1} cover letter`,
    see: ['split', 'hugetlb-block'],
  },
  'page-state': {
    text: 'Folioscope’s name for what a 4K page is at a glance: its attribute, whether memory backs it, and who maps or holds it (private, no memory; shared, mapped; shared, pinned; poisoned; leaked…). The state diagram draws these states and the operations that move a page between them.',
    source: 'Folioscope core/diagram.ts (PAGE_MACHINE), derived from the rules in virt/kvm/guest_memfd.c',
    see: ['attribute', 'gup-pin'],
  },
  poisoned: {
    aka: ['Poisoned', 'hwpoison', 'memory failure'],
    text: 'A page with a hardware memory error. guest_memfd zaps the folio’s stage-2 entries but does not truncate it (MF_DELAYED). The guest’s next access fails with EHWPOISON and the host’s with SIGBUS; userspace decides what to do.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_error_folio()',
  },
  leaked: {
    aka: ['leaked'],
    text: 'When tdh_mem_page_remove fails on an unexpected SEAMCALL error, KVM cannot report it (its zaps “don’t fail”), so TDX keeps an extra folio reference and the page is never reused: it cannot convert, merge or be freed. Vishal Annapurve argued for propagating the failure to guest_memfd instead.',
    source:
      'arch/x86/kvm/vmx/tdx.c; Yan Zhao and Vishal Annapurve, thread on folio references in the TDX huge page series, kvm list, May 2025',
    see: ['s-ept', 'refcount'],
  },
  uptodate: {
    aka: ['Content', 'not uptodate'],
    text: 'Allocation does not zero memory: the first user does (clear_highpage), then marks the folio uptodate, so neither host nor guest ever sees stale data. Whether contents survive a conversion depends on the hardware: kept on sw_protected and pKVM, zeroed by TDX, ciphertext to the host on SEV-SNP. The “page data” row under the 4K pages shows what each uptodate page holds; a page never used is blank there.',
    source: `virt/kvm/guest_memfd.c: kvm_gmem_get_pfn(), kvm_gmem_fault_user_mapping(); ${IPC}, api.rst`,
  },
  'flag-mmap': {
    aka: ['mmap flag'],
    text: 'The creation flag that lets the VMM mmap the guest_memfd file, so it can read and write shared pages in place. Without it mmap fails with ENODEV, and the host can only preallocate and punch holes.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_mmap(), kvm_gmem_get_supported_flags()',
    see: ['vma'],
  },
  'flag-init-shared': {
    aka: ['init shared'],
    text: 'The creation flag that makes every index start shared instead of private; it needs GUEST_MEMFD_FLAG_MMAP. Mainline refuses it (EINVAL) for VMs with private memory; the in-place conversion series allows it.',
    source: `virt/kvm/guest_memfd.c: kvm_arch_supports_gmem_init_shared(); ${IPC}, patch 19/42`,
    see: ['attribute'],
  },
  allocate: {
    aka: ['Allocate', 'fallocate', 'preallocate'],
    text: 'fallocate(fd, FALLOC_FL_KEEP_SIZE, offset, length) puts folios behind a range before anyone touches it; on a HugeTLB file it takes whole blocks from the subpool. It does not zero them: the first user does. A range past the end of the file answers EINVAL.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_fallocate(), kvm_gmem_allocate()',
    see: ['subpool', 'uptodate'],
  },
  'guest-access': {
    aka: ['Guest access', 'kvm_gmem_get_pfn'],
    text: 'A vCPU touching a guest-physical address that stage-2 does not map yet faults into KVM, which asks guest_memfd for the page (allocating and zeroing it if needed) and installs a stage-2 leaf. An access of the wrong kind exits to the VMM instead; a poisoned page answers EHWPOISON.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_get_pfn(); arch/x86/kvm/mmu/mmu.c: kvm_mmu_faultin_pfn()',
    see: ['stage2', 'exit-memory-fault'],
  },
  'host-access': {
    aka: ['Host access', 'SIGBUS', 'SIGSEGV'],
    text: 'The VMM reading or writing through its mmap faults the page in as a 4K PTE when the page is shared. A private or poisoned page, or one past the end of the file, answers SIGBUS; an address with no mapping at all answers SIGSEGV.',
    source: 'virt/kvm/guest_memfd.c: kvm_gmem_fault_user_mapping() (-EACCES becomes SIGBUS via vmf_error)',
    see: ['host-pte', 'private'],
  },
  madvise: {
    aka: ['madvise DONTNEED', 'MADV_DONTNEED'],
    text: 'Drops the VMM’s page-table entries in a range; the folios and their data stay in the file and fault back on the next access. The first 1G RFC required it before a conversion to private; later series unmap by themselves.',
    source: `mm/madvise.c; ${RFC1}: “Requiring user to request kernel to unmap pages from userspace using madvise(MADV_DONTNEED)”`,
    see: ['host-pte', 'conversion'],
  },
  close: {
    aka: ['Close', 'kvm_gmem_release', 'evicted', 'closed'],
    text: 'Closing the guest_memfd fd zaps every stage-2 entry of the file, but the memory belongs to the inode, which lives while any VMA still maps it. When the last reference goes the inode is evicted: folios leave the file, pinned ones live on as orphans, and the HugeTLB reservation returns to the host.',
    source: `virt/kvm/guest_memfd.c: kvm_gmem_release(), kvm_gmem_evict_inode(); ${RFC2}: selftest test_close_with_pinning`,
    see: ['orphan', 'subpool'],
  },
  errno: {
    aka: ['EINVAL', 'EAGAIN', 'EFAULT', 'ENOMEM', 'ENODEV', 'EBADF', 'EHWPOISON', 'EIO', 'refusal'],
    text: 'The kernel’s answer when it refuses an operation, shown with the rule and the kernel function that refused it: EINVAL for a bad range or flag, EAGAIN for memory still referenced, EFAULT for a guest access of the wrong kind or an unbacked GUP, ENOMEM for an exhausted pool, ENODEV for mmap without the flag, EBADF after close, EHWPOISON for poisoned memory. A refused step is recorded too: the refusal is the lesson.',
    source: 'include/uapi/asm-generic/errno-base.h, errno.h; each refusal names its kernel function',
    see: ['eagain'],
  },
  'exit-memory-fault': {
    aka: ['EFAULT', 'guest access mismatch'],
    text: 'When the guest accesses a page as private while it is shared, or the other way round, KVM_RUN fails with EFAULT and this exit reason. The VMM then converts the page and re-enters the guest.',
    source:
      'tools/testing/selftests/kvm/x86/private_mem_kvm_exits_test.c, private_mem_conversions_test.c; virt/kvm/guest_memfd.c: kvm_gmem_get_pfn()',
    see: ['conversion'],
  },
  eagain: {
    aka: ['error_offset'],
    text: 'The answer of a conversion to private (or a merge, or a punch of a mixed block) that finds a folio that is not safe. Nothing changes; error_offset names the first unsafe offset, and userspace is expected to drop the references it knows of and retry.',
    source: `${IPC}: __kvm_gmem_set_attributes(), Documentation/virt/kvm/api.rst (KVM_SET_MEMORY_ATTRIBUTES2)`,
    see: ['safe', 'conversion'],
  },
  invariant: {
    aka: ['invariants'],
    text: 'A rule the model checks after every step, each drawn from the kernel’s design (no host access to private memory, stage-2 kind matches the attribute, …). They only turn red under a policy knob that deliberately models an unsafe design.',
    source: 'Folioscope core/invariants.ts, from the rules of virt/kvm/guest_memfd.c and the posted series',
  },
  'policy-knob': {
    aka: ['policy'],
    text: 'Where the posted designs disagree or are still open, a knob chooses which one the model follows; the default is the most recent posted code. Each knob in the New scenario dialog says which design each value stands for.',
    source: 'Folioscope spec/semantics.md, from the threads cited on each knob',
  },
};

/** Every entry, in the index's order. */
export const GLOSSARY: readonly GlossaryEntry[] = GLOSSARY_TERMS.map((t) => ({
  ...t,
  ...GLOSSARY_TEXTS[t.id],
}));

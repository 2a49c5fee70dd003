/**
 * The glossary's index: each entry's id and term, all the first screen needs (`<Term>`, the
 * labels). The rest of each entry (other names, text, source), the bulk of the glossary, is in
 * entries.ts, loaded with the glossary list; its type makes it cover exactly these ids.
 */

export interface GlossaryTerm {
  /** Stable, URL-safe: `<Term id>` and the glossary's anchors use it. */
  readonly id: string;
  readonly term: string;
}

export const GLOSSARY_TERMS = [
  { id: 'guest-memfd', term: 'guest_memfd' },
  { id: 'offset', term: 'offset (GPA)' },
  { id: 'page', term: '4K page' },
  { id: 'folio', term: 'folio' },
  { id: 'page-cache', term: 'page cache' },
  { id: 'hugetlb-block', term: 'HugeTLB block' },
  { id: 'subpool', term: 'subpool (reservation)' },
  { id: 'attribute', term: 'shared / private attribute' },
  { id: 'private', term: 'private' },
  { id: 'shared', term: 'shared' },
  { id: 'conversion', term: 'in-place conversion' },
  { id: 'stage2', term: 'stage-2' },
  { id: 'ept', term: 'EPT' },
  { id: 's-ept', term: 'S-EPT (Secure EPT)' },
  { id: 'rmp', term: 'RMP (SEV-SNP)' },
  { id: 'pkvm-stage2', term: 'pKVM stage-2' },
  { id: 'sw-protected', term: 'sw_protected VM' },
  { id: 'vma', term: 'VMM mmap (VMA)' },
  { id: 'host-pte', term: 'host PTE' },
  { id: 'gup-pin', term: 'GUP pin' },
  { id: 'transient-ref', term: 'transient reference' },
  { id: 'refcount', term: 'refcount' },
  { id: 'mapcount', term: 'mapcount' },
  { id: 'safe', term: 'safe folio' },
  { id: 'orphan', term: 'orphan' },
  { id: 'split', term: 'split' },
  { id: 'merge', term: 'merge' },
  { id: 'punch-hole', term: 'punch hole' },
  { id: 'hvo', term: 'HVO' },
  { id: 'page-state', term: 'page state' },
  { id: 'poisoned', term: 'poisoned (memory failure)' },
  { id: 'leaked', term: 'leaked (TDX removal failure)' },
  { id: 'uptodate', term: 'zeroing (uptodate)' },
  { id: 'flag-mmap', term: 'GUEST_MEMFD_FLAG_MMAP' },
  { id: 'flag-init-shared', term: 'GUEST_MEMFD_FLAG_INIT_SHARED' },
  { id: 'allocate', term: 'allocate (fallocate)' },
  { id: 'guest-access', term: 'guest access (vCPU fault)' },
  { id: 'host-access', term: 'host access and SIGBUS' },
  { id: 'madvise', term: 'madvise(MADV_DONTNEED)' },
  { id: 'close', term: 'close (release)' },
  { id: 'errno', term: 'errno' },
  { id: 'exit-memory-fault', term: 'KVM_EXIT_MEMORY_FAULT' },
  { id: 'eagain', term: 'EAGAIN and error_offset' },
  { id: 'invariant', term: 'invariant' },
  { id: 'policy-knob', term: 'policy knob' },
] as const satisfies readonly GlossaryTerm[];

/** The id of a glossary entry. */
export type GlossaryId = (typeof GLOSSARY_TERMS)[number]['id'];

/**
 * What each policy knob of the New scenario dialog means: what it changes, which posted design
 * each value stands for, what you will see differently, and (for unsafe knobs) which invariant
 * it breaks. Keyed by knob name as a plain record, so a knob the core adds later is looked up
 * by name and the table type-checks before and after it exists (knobs.test.ts checks that
 * every knob the core exports has an entry here).
 */

export interface KnobDoc {
  /** One line: what the knob changes. */
  readonly changes: string;
  /** Value (as the scenario format writes it) → the design it stands for. */
  readonly values: Readonly<Record<string, string>>;
  /** What you will see differently. */
  readonly see: string;
  /** For unsafe knobs: the value that breaks an invariant, and which one and how. */
  readonly unsafe?: { readonly value: string; readonly breaks: string };
  /** The glossary entry about the concept the knob acts on. */
  readonly term: string;
}

const IPC = 'the in-place conversion series (v7/v8, 2026)';
const RFC1 = 'RFC v1 of “1G page support for guest_memfd” (2024)';
const RFC2 = 'RFC v2 of “1G page support for guest_memfd” (2025)';

export const KNOB_DOCS: Readonly<Record<string, KnobDoc>> = {
  splitPath: {
    changes: 'How a huge folio splits when a page inside it becomes shared.',
    values: {
      direct: `Straight to 4K folios: all posted code (${RFC1}, ${RFC2}, the later HugeTLB rework).`,
      stepwise: `1G → 2M, and 2M → 4K only where needed: proposed, the “intermediate splits” TODO of ${RFC1}.`,
    },
    see: 'Sharing one 4K page of a 1G folio leaves 511 2M folios with stepwise, 262,144 4K folios with direct.',
    term: 'split',
  },
  mergeWhen: {
    changes: 'When the pieces of a split block become one huge folio again.',
    values: {
      convert: `When the block turns wholly private and every piece is safe: ${RFC2}, kvm_gmem_try_merge_folio_in_filemap.`,
      lastRef: `When the last extra reference on a piece drops: the folio_put callback of ${RFC2} (guestmem_hugetlb_handle_folio_put).`,
      never:
        'Never: split blocks stay split, to show what not merging costs (vmemmap pages, small stage-2 leaves).',
    },
    see: 'After “Make private” on the last shared page of a block: one huge folio again (convert), only after the unpin (lastRef), or 4K folios for good (never).',
    term: 'merge',
  },
  hostUnmap: {
    changes: 'Who removes the VMM’s page-table entries before a conversion to private.',
    values: {
      auto: `The conversion unmaps the VMM itself (unmap_mapping_pages): ${IPC} and ${RFC2}.`,
      require: `The VMM must madvise(MADV_DONTNEED) first, else EAGAIN: ${RFC1}.`,
    },
    see: 'With require, “Make private” on a page the VMM has mapped is refused until you run madvise DONTNEED; with auto the host PTEs vanish as part of the conversion, even a refused one.',
    term: 'host-pte',
  },
  partialPunch: {
    changes: 'What a hole punch does to a huge block it covers only in part.',
    values: {
      zero: `Zero exactly the punched bytes in place and free nothing: ${RFC2}, kvm_gmem_zero_range.`,
      refuse:
        'Fail with EINVAL unless aligned to the huge page size: the later HugeTLB rework (kvm_gmem_fallocate).',
    },
    see: 'Punching 4K of a 1G folio keeps the folio and zeroes that page (zero), or the step is refused with EINVAL (refuse).',
    term: 'punch-hole',
  },
  mainline: {
    changes: 'Model today’s mainline guest_memfd instead of the posted series.',
    values: {
      false: `The posted designs: ${IPC}, on HugeTLB folios as in ${RFC2}.`,
      true: 'torvalds/linux virt/kvm/guest_memfd.c: 4K folios only, and INIT_SHARED refused for VMs with private memory.',
    },
    see: 'With mainline, a 2M or 1G page size, or init shared on an sw_protected, snp or tdx VM, is refused at creation with EINVAL.',
    term: 'guest-memfd',
  },
  hostHugePages: {
    changes: 'How many huge pages are free on the host when the file is created.',
    values: {
      enough: 'Blank: as many as the file needs.',
      number: `Creation reserves size ÷ page size huge pages into the file’s subpool, else ENOMEM: ${RFC2}, guestmem_hugetlb_setup.`,
    },
    see: 'Fewer free huge pages than the file needs, and Create is refused with ENOMEM.',
    term: 'subpool',
  },
  unsafeSkipRefCheck: {
    changes: 'Convert to private even when a folio is pinned or referenced (no safe-refcount check).',
    values: {
      false: `The check every posted design makes: kvm_gmem_is_safe_for_conversion (${IPC}).`,
      true: 'A deliberately broken kernel: no posted design does this.',
    },
    see: 'A pinned page turns private anyway, and invariant 1 turns red.',
    unsafe: {
      value: 'true',
      breaks:
        'Breaks invariant 1 (no VMM PTE or GUP pin on a private index): a pinned private page stays host-readable, Quentin Perret’s strace / process_vm_readv crash in the fd-based private memory v5 thread (2022).',
    },
    term: 'safe',
  },
  unsafeSkipZap: {
    changes: 'Skip the stage-2 zap on conversion.',
    values: {
      false: `Every conversion zaps the range’s stage-2 entries first (kvm_gmem_invalidate_begin, ${IPC}).`,
      true: 'A deliberately broken kernel: no posted design does this.',
    },
    see: 'After a conversion the old stage-2 leaf stays, of the wrong kind, and invariant 2 turns red.',
    unsafe: {
      value: 'true',
      breaks:
        'Breaks invariant 2 (a stage-2 entry’s kind equals the attribute of every index it covers): the guest keeps reaching a page through a mapping of the other kind.',
    },
    term: 'stage2',
  },
  crossBoundary: {
    changes: 'x86 VMs other than TDX: what a zap inside a huge stage-2 leaf removes.',
    values: {
      zap: 'The whole leaf (tdp_mmu_zap_leafs zaps every leaf overlapping the range); the rest faults back later.',
      split:
        'Leaves crossing the range’s boundary are split first, then only the range is zapped (kvm_split_cross_boundary_leafs: the TDX huge page series stacked with the HugeTLB conversion branch).',
    },
    see: 'Sharing one 4K page under a 2M leaf removes the whole 2M mapping (zap) or keeps the other pages mapped by smaller leaves (split).',
    term: 'stage2',
  },
  leavesOnSplit: {
    changes: 'What happens to larger stage-2 leaves when the folio under them splits.',
    values: {
      demote: 'They are demoted to the new folio size, so a leaf never maps more than one folio.',
      keep: 'They stay: the posted code, to which a reviewer objected “the assumption of EPT entries always being subset of folios will not hold true”.',
    },
    see: 'After a split, the stage-2 row shows small leaves (demote) or the old huge leaf over small folios (keep).',
    unsafe: {
      value: 'keep',
      breaks: 'Breaks invariant 3 (a stage-2 entry lies inside one folio and is no larger than it).',
    },
    term: 'stage2',
  },
  tdxRemovalFailure: {
    changes: 'TDX: what an S-EPT removal that fails leaves behind.',
    values: {
      ref: 'TDX keeps a folio reference so the page is never reused (Yan Zhao’s design, TDX huge page thread, May 2025): the leak is visible.',
      bug: 'Mainline since the TDX page-pinning cleanup (Aug 2025): no reference; KVM_BUG_ON marks the VM dead, later vCPU runs and VM ioctls fail with EIO.',
    },
    see: 'The page shows as leaked and blocks conversion and merge (ref), or every later guest access and ioctl fails with EIO (bug).',
    term: 'leaked',
  },
};

/** The line for one value of a knob: booleans and blanks are looked up as text. */
export const knobValueDoc = (knob: string, value: string | boolean): string | undefined =>
  KNOB_DOCS[knob]?.values[String(value)];

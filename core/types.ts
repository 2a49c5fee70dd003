import type { RangeMap } from './state/rangeMap.ts';

export type VmType = 'sw_protected' | 'tdx' | 'snp' | 'pkvm';
export type Attr = 'shared' | 'private';

/** Design knobs of shared/spec/semantics.md; the first value listed there is the default. */
export interface Policy {
  readonly splitPath: 'direct' | 'stepwise';
  readonly mergeWhen: 'convert' | 'lastRef' | 'never';
  readonly hostUnmap: 'auto' | 'require';
  readonly partialPunch: 'zero' | 'refuse';
  readonly mainline: boolean;
  /** Free huge pages on the host; null means "enough". */
  readonly hostHugePages: number | null;
  readonly unsafeSkipRefCheck: boolean;
  readonly unsafeSkipZap: boolean;
  /**
   * x86 non-TDX stage-2: a zap inside a huge leaf removes the whole leaf (tdp_mmu_zap_leafs),
   * or leaves crossing the range's boundary are split first (kvm_split_cross_boundary_leafs,
   * the TDX huge page series stack).
   */
  readonly crossBoundary: 'zap' | 'split';
  /** Splitting a folio demotes larger stage-2 leaves over it, or keeps them (posted code). */
  readonly leavesOnSplit: 'demote' | 'keep';
  /** A failed TDX S-EPT removal keeps a reference (seed 004), or is a KVM_BUG_ON (mainline). */
  readonly tdxRemovalFailure: 'ref' | 'bug';
}

export interface GmemConfig {
  readonly vmType: VmType;
  readonly size: number;
  readonly pageSize: number;
  readonly mmap: boolean;
  readonly initShared: boolean;
  readonly policy: Policy;
}

/** What a page holds, as far as a reader can tell (uptodate pages only). */
export type Content = 'zero' | 'host' | 'guest' | 'ciphertext';

/** A stage-2 / EPT leaf run: entries of `level` bytes, all of one kind. */
export interface Stage2 {
  readonly kind: Attr;
  readonly level: number;
}

/**
 * A reference on folio memory with its holder. `pin` = GUP FOLL_PIN (FOLL_LONGTERM when
 * longterm), `transient` = a speculative/lookup reference, `arch` = a reference the
 * architecture keeps (TDX after a failed S-EPT removal). A pin record covers whole pages;
 * a transient or arch record covers the one page it was taken at. Records point into the
 * file (orphan = null) or at an orphan: memory truncated while referenced.
 */
export interface RefRecord {
  readonly id: number;
  readonly kind: 'pin' | 'transient' | 'arch';
  readonly holder: string;
  readonly longterm: boolean;
  readonly start: number;
  readonly end: number;
  readonly orphan: number | null;
}

/**
 * The references of a state sorted by (start, id), as a persistent chunked array of two
 * levels (state/refIndex.ts): chunks of records in groups, both shared between versions.
 * `reach[g]` is the largest end of the records of groups 0..g (never decreasing), so that a
 * query starts at the first group that can reach its range, found by a binary search.
 */
export interface RefIndex {
  readonly groups: readonly RefGroup[];
  readonly reach: readonly number[];
}

/**
 * Chunks of reference records, each with the largest end of its records (`maxEnds`: a query
 * skips the chunks that cannot overlap it) and the largest end up to it in the group (`reach`).
 */
export interface RefGroup {
  readonly chunks: readonly (readonly RefRecord[])[];
  readonly maxEnds: readonly number[];
  readonly reach: readonly number[];
}

/** Folios truncated while referenced: out of the file, alive until the last reference drops. */
export interface Orphan {
  readonly id: number;
  /** The orphaned folios at the offsets they had in the file (pieces of a split block included). */
  readonly folios: RangeMap<number>;
  /** The range of the file the memory came from. */
  readonly start: number;
  readonly end: number;
  /** A HugeTLB block that keeps one pool page in use until every piece is freed. */
  readonly hugetlbBlock: boolean;
  readonly poisoned: RangeMap<true>;
}

export interface GmemState {
  readonly config: GmemConfig;
  readonly open: boolean;
  /** The inode was evicted: closed and no VMA left (truncate_inode_pages_final). */
  readonly evicted: boolean;
  readonly attrs: RangeMap<Attr>;
  /** Page-cache folios: each run is filled with naturally aligned folios of `value` bytes. */
  readonly folios: RangeMap<number>;
  readonly vmas: RangeMap<true>;
  readonly ptes: RangeMap<true>;
  readonly stage2: RangeMap<Stage2>;
  readonly refs: RefIndex;
  readonly orphans: readonly Orphan[];
  readonly poisoned: RangeMap<true>;
  readonly contents: RangeMap<Content>;
  /** TDX: pages whose next S-EPT removal fails (injectRemovalFailure). */
  readonly removalFailure: RangeMap<true>;
  /** KVM_BUG_ON fired (tdxRemovalFailure "bug"): kvm->vm_dead, vCPUs can no longer run. */
  readonly vmDead: boolean;
  readonly nextId: number;
}

// ---- Operations (normalised: every number in bytes) ----
export type Op =
  | { readonly op: 'allocate'; readonly offset: number; readonly length: number; readonly note?: string }
  | { readonly op: 'punchHole'; readonly offset: number; readonly length: number; readonly note?: string }
  | {
      readonly op: 'convert';
      readonly offset: number;
      readonly length: number;
      readonly to: Attr;
      readonly note?: string;
    }
  | {
      readonly op: 'guestAccess';
      readonly offset: number;
      readonly as?: Attr;
      readonly write?: boolean;
      readonly note?: string;
    }
  | { readonly op: 'hostMap'; readonly offset: number; readonly length: number; readonly note?: string }
  | { readonly op: 'hostUnmap'; readonly offset: number; readonly length: number; readonly note?: string }
  | { readonly op: 'hostAccess'; readonly offset: number; readonly write?: boolean; readonly note?: string }
  | {
      readonly op: 'madviseDontneed';
      readonly offset: number;
      readonly length: number;
      readonly note?: string;
    }
  | {
      readonly op: 'pin';
      readonly offset: number;
      readonly length: number;
      readonly holder?: string;
      readonly longterm?: boolean;
      readonly note?: string;
    }
  | {
      readonly op: 'unpin';
      readonly offset: number;
      readonly length: number;
      readonly holder?: string;
      readonly note?: string;
    }
  | { readonly op: 'getRef'; readonly offset: number; readonly holder?: string; readonly note?: string }
  | { readonly op: 'putRef'; readonly offset: number; readonly holder?: string; readonly note?: string }
  | { readonly op: 'split'; readonly offset: number; readonly to: number; readonly note?: string }
  | { readonly op: 'merge'; readonly offset: number; readonly size: number; readonly note?: string }
  | { readonly op: 'memoryFailure'; readonly offset: number; readonly note?: string }
  | { readonly op: 'injectRemovalFailure'; readonly offset: number; readonly note?: string }
  | { readonly op: 'close'; readonly note?: string };

export type OpName = Op['op'];
export type OpOf<K extends OpName> = Extract<Op, { op: K }>;

/**
 * Something that happened, naming the kernel function (or ioctl) it models. `edge` is set on
 * state-diagram transitions (type 'transition', see Transition), which are never among a
 * step's events but in their own field.
 */
export interface CoreEvent {
  readonly type: string;
  readonly fn: string;
  readonly offset?: number;
  readonly length?: number;
  readonly detail?: string;
  readonly machine?: 'page' | 'block';
  readonly edge?: string;
  readonly from?: string;
  readonly to?: string;
}

/** The kernel's answer when it refuses an operation. */
export interface Refusal {
  readonly errno: string;
  /** Short rule id, e.g. 'convert.unsafe-refcount'. */
  readonly rule: string;
  /** The kernel function that refuses. */
  readonly fn: string;
  /** One sentence a person understands. */
  readonly reason: string;
  readonly exit?: 'KVM_EXIT_MEMORY_FAULT';
  /** error_offset of the conversion ioctl. */
  readonly errorOffset?: number;
}

/**
 * A state-diagram transition a step caused: the pages (machine 'page') or blocks ('block') of
 * [offset, offset + length) moved along `edge`, credited to the op's entry point `fn`. Shaped
 * like an event (the trace prints it after the step's events) but kept apart from them.
 */
export interface Transition extends CoreEvent {
  readonly type: 'transition';
  readonly machine: 'page' | 'block';
  readonly edge: string;
  readonly from: string;
  readonly to: string;
  readonly offset: number;
  readonly length: number;
}

/** What an operation module returns; apply adds the diagram transitions. */
export interface OpResult {
  readonly state: GmemState;
  readonly events: readonly CoreEvent[];
  /** The file ranges the op wrote (in the order written; they may overlap). */
  readonly touched: readonly (readonly [number, number])[];
  readonly refusal?: Refusal;
}

export interface StepResult extends OpResult {
  /** The diagram transitions, computed from the touched ranges only (transitions.ts). */
  readonly transitions: readonly Transition[];
}

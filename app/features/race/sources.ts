/**
 * Where each micro-step and each race knob comes from (spec/races.md §3 and §6.3): the source
 * tag shown on a step chip, and one sentence on why the lock or re-check a knob removes exists.
 */
import type { RaceKnobs } from '../../../core/index.ts';

/** The tags of races.md's preamble, spelled out for the chip's title. */
export const SOURCE_NAMES: Readonly<Record<string, string>> = {
  ML: 'mainline Linux',
  IPC: 'in-place conversion series v8 (unmerged)',
  HTLB: 'HugeTLB series (unmerged)',
  TDX: 'TDX page-pinning fix (kvm-x86)',
  REWORK: 'later in-place-conversion rework (provenance unverified)',
  S003: 'seed 003 design (RFC, never merged)',
};

/** Steps whose source differs from their program's (races.md §3). */
const STEP_SOURCES: Readonly<Record<string, string>> = {
  H1: 'IPC',
  H5: 'IPC',
  V2: 'IPC',
  V5: 'IPC',
  C6s: 'HTLB',
};

/** A program's source by the first letter of its labels (C, H, G/S, V, P, U, L). */
const PROGRAM_SOURCES: Readonly<Record<string, string>> = {
  C: 'IPC',
  H: 'ML',
  G: 'ML',
  S: 'ML',
  V: 'ML',
  P: 'ML',
  U: 'ML',
  L: 'S003',
};

export const sourceOf = (label: string): string =>
  STEP_SOURCES[label] ?? PROGRAM_SOURCES[label.slice(0, 1)] ?? 'ML';

export interface RaceKnobDoc {
  /** Why the lock or re-check exists (or what the choice stands for), in one sentence. */
  readonly why: string;
  readonly source: string;
  /** The value that removes the protection, when one does. */
  readonly unsafe?: string;
}

export const RACE_KNOB_DOCS: Readonly<Record<keyof RaceKnobs, RaceKnobDoc>> = {
  hostFaultLock: {
    why: 'The host fault reads the attribute and takes its reference under invalidate_lock (shared), so a conversion holding it exclusively cannot slip in between.',
    source: 'IPC 01/46',
    unsafe: 'false',
  },
  vcpuFaultLock: {
    why: 'kvm_gmem_get_pfn() takes invalidate_lock shared around the lookup; mainline does without it and relies on the folio lock and the seq retry.',
    source: 'IPC 01/46 (off: mainline)',
  },
  mmuSeqRetry: {
    why: 'The vCPU re-checks mmu_invalidate_seq under mmu_lock before mapping, so an invalidation that ran since its snapshot makes it retry.',
    source: 'mainline, is_page_fault_stale',
    unsafe: 'false',
  },
  gupFastRecheck: {
    why: 'GUP-fast re-reads the PTE after grabbing the folio: a zap in between makes it drop the grab instead of committing a pin.',
    source: 'mainline mm/gup.c',
    unsafe: 'false',
  },
  convertOrder: {
    why: 'The conversion unmaps first, then checks the refcount: after the unmap no new reference can appear except a transient one.',
    source: 'IPC RFC v4 10/44',
    unsafe: 'checkThenUnmap',
  },
  vcpuRefAcrossMap: {
    why: 'The vCPU holds its folio reference until the stage-2 map is done; dropping it early removes a cause of EAGAIN.',
    source: 'mainline, IPC v8 (drop: REWORK)',
  },
  faultConvertCheck: {
    why: 'A fault-time conversion must see refcount = cache + its own reference; skipping the check lets a GUP reference survive on private memory.',
    source: 'seed 003 (David vs Elliot)',
    unsafe: 'skip',
  },
  freezeWait: {
    why: 'Splitting a huge folio freezes its refcount: refuse up front with EAGAIN, or spin until transient references drop.',
    source: 'core decision 2 (spin: HugeTLB series)',
  },
  tdxRemovalFailure: {
    why: 'When the TDX module fails to remove an S-EPT entry: keep a reference, kill the VM, or tell guest_memfd so it does not reuse the page.',
    source: 'seed 004, TDX fix ce7b5695397b',
  },
};

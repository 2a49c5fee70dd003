import type { Attr, GmemConfig, GmemState, Stage2, VmType } from '../types.ts';
import { LEVELS, PAGE, SIZE_1G, SIZE_2M, alignDown, alignUp } from '../units.ts';
import { folioAt } from './folios.ts';
import { anyIn, covers, overlapping, slice } from './rangeMap.ts';
import { addRef } from './refs.ts';
import { emit, type Tx, write } from './tx.ts';

/**
 * The largest stage-2 leaf each architecture installs for guest_memfd memory (spec v2,
 * "Stage-2 per architecture"). SNP is capped by the RMP (4K/2M entries,
 * sev_gmem_max_mapping_level); TDX's huge S-EPT series maps private memory at up to 2M;
 * pKVM's stage-2 maps PMD blocks (2M) at most; x86 TDP (sw_protected) can map 1G.
 */
export function archMaxLevel(vm: VmType): number {
  return vm === 'sw_protected' ? SIZE_1G : SIZE_2M;
}

/** The kernel function that zaps stage-2 leaves on this VM type. */
export const zapFn = (vm: VmType): string => (vm === 'pkvm' ? 'stage2_unmap_walker' : 'tdp_mmu_zap_leafs');

/**
 * Whether an unmap of a range splits the leaves crossing its boundary first: always on TDX
 * (mirror/S-EPT roots: tdh_mem_page_demote via kvm_split_cross_boundary_leafs), on other x86
 * VMs only with crossBoundary "split" (the TDX huge page series runs the split on every x86
 * VM's roots). pKVM's stage2_unmap_walker never splits: it removes the whole block and relies
 * "on the remaining portions being faulted back lazily".
 */
export function splitsCrossing(c: GmemConfig): boolean {
  if (c.vmType === 'tdx') return true;
  return c.vmType !== 'pkvm' && c.policy.crossBoundary === 'split';
}

/** The kernel function that installs a stage-2 leaf on this VM type. */
export const mapFn = (vm: VmType, kind: Attr): string =>
  vm === 'pkvm'
    ? 'kvm_pgtable_stage2_map'
    : vm === 'tdx' && kind === 'private'
      ? 'tdh_mem_page_aug'
      : 'kvm_tdp_mmu_map';

/**
 * The level a fault at `offset` maps at: the largest level that fits inside the folio, inside
 * an aligned range of uniform attributes (KVM_LPAGE_MIXED_FLAG) with no poisoned page, and
 * within the architecture's cap. TDX never promotes S-EPT leaves (the huge page series:
 * "promotion is disallowed"): where smaller private leaves already live in the aligned
 * range, the fault maps at the level already there.
 */
export function mappingLevel(s: GmemState, offset: number, kind: Attr): number {
  const folio = folioAt(s, offset);
  const cap = Math.min(archMaxLevel(s.config.vmType), folio?.size ?? PAGE);
  const noPromotion = s.config.vmType === 'tdx' && kind === 'private';
  for (const level of LEVELS) {
    if (level > cap) continue;
    const base = alignDown(offset, level);
    if (!covers(s.attrs, base, base + level, (a) => a === kind)) continue;
    if (anyIn(s.poisoned, base, base + level)) continue;
    if (noPromotion && level > PAGE && anyIn(s.stage2, base, base + level)) continue;
    return level;
  }
  return PAGE;
}

/**
 * Installs the leaf for `offset`. x86 TDP and pKVM replace smaller leaves the new one covers
 * (a huge page "promotion"); on TDX mappingLevel never picks a level that would.
 */
export function mapStage2(tx: Tx, offset: number, kind: Attr): void {
  const level = mappingLevel(tx.s, offset, kind);
  const base = alignDown(offset, level);
  write(tx, 'stage2', base, base + level, { kind, level });
  emit(tx, {
    type: 'stage2_map',
    fn: mapFn(tx.s.config.vmType, kind),
    offset: base,
    length: level,
    detail: `${kind} leaf`,
  });
}

/** The whole leaves that [start, end) touches, optionally only of one kind. */
function touchedLeaves(s: GmemState, start: number, end: number, kind?: Attr): [number, number, Stage2][] {
  const out: [number, number, Stage2][] = [];
  for (const r of overlapping(s.stage2, start, end)) {
    if (kind !== undefined && r.value.kind !== kind) continue;
    const a = Math.max(r.start, alignDown(start, r.value.level));
    const b = Math.min(r.end, alignUp(end, r.value.level));
    out.push([a, b, r.value]);
  }
  return out;
}

/**
 * Zaps every leaf that touches [start, end), whole (kvm_mmu_unmap_gfn_range under
 * kvm_gmem_invalidate_begin: x86 tdp_mmu_zap_leafs zaps every leaf overlapping the range,
 * arm64 stage2_unmap_walker removes the whole block). On TDX a private leaf whose removal was
 * made to fail leaves the page with an extra reference held by TDX, so it can never be reused
 * (seed 004), or kills the VM (tdxRemovalFailure "bug").
 */
export function zapStage2(tx: Tx, start: number, end: number, why: string, kind?: Attr): void {
  for (const [a, b, v] of touchedLeaves(tx.s, start, end, kind)) {
    write(tx, 'stage2', a, b, undefined);
    emit(tx, {
      type: 'stage2_zap',
      fn: zapFn(tx.s.config.vmType),
      offset: a,
      length: b - a,
      detail: `${v.kind} leaves: ${why}`,
    });
    if (v.kind === 'private' && tx.s.config.vmType === 'tdx') failRemovals(tx, a, b);
  }
}

/**
 * Unmaps [start, end) from stage-2 the way the VM type's MMU does it for a conversion to
 * shared or a punch hole: split the leaves crossing the boundary first and zap only the
 * range (TDX, or crossBoundary "split"), else zap every leaf overlapping it whole.
 */
export function unmapStage2Range(tx: Tx, start: number, end: number, why: string, kind?: Attr): void {
  if (splitsCrossing(tx.s.config)) {
    splitCrossBoundary(tx, start);
    splitCrossBoundary(tx, end);
  }
  zapStage2(tx, start, end, why, kind);
}

/**
 * Leaves that cross a boundary x are split first so that only the range is zapped
 * (kvm_split_cross_boundary_leafs; TDX demotes with tdh_mem_page_demote). One level at a
 * time, only the leaf that crosses x: 1G -> 2M leaves, then the 2M leaf at x -> 4K, the way
 * KVM splits huge SPTEs.
 */
function splitCrossBoundary(tx: Tx, x: number): void {
  const aligned = LEVELS.find((l) => x % l === 0) ?? PAGE;
  for (const level of LEVELS.slice(1)) if (level >= aligned) demoteStage2(tx, x - 1, x + 1, level);
}

function failRemovals(tx: Tx, a: number, b: number): void {
  const bug = tx.s.config.policy.tdxRemovalFailure === 'bug';
  for (const r of slice(tx.s.removalFailure, a, b)) {
    for (let p = r.start; p < r.end; p += PAGE) {
      if (!bug)
        addRef(tx, { kind: 'arch', holder: 'tdx', longterm: true, start: p, end: p + PAGE, orphan: null });
      emit(tx, {
        type: 'removal_failed',
        fn: 'tdh_mem_page_remove',
        offset: p,
        length: PAGE,
        detail: bug
          ? 'S-EPT removal failed: no reference is kept (the TDX page-pinning cleanup, Aug 2025)'
          : 'S-EPT removal failed: TDX keeps a reference so the page is never reused',
      });
      // "KVM: TDX: Drop superfluous page pinning in S-EPT management": a failed removal is a
      // KVM_BUG_ON (TDX_BUG_ON in tdx_sept_remove_private_spte), which sets kvm->vm_dead.
      if (bug && !tx.s.vmDead) {
        tx.s = { ...tx.s, vmDead: true };
        emit(tx, {
          type: 'vm_dead',
          fn: 'KVM_BUG_ON',
          offset: p,
          length: PAGE,
          detail: 'the VM is marked dead (kvm->vm_dead): vCPUs and VM ioctls now fail with EIO',
        });
      }
    }
    write(tx, 'removalFailure', r.start, r.end, undefined);
  }
}

/**
 * Splits leaves larger than maxLevel inside [start, end) into maxLevel leaves, before the
 * folio under them splits (kvm_split_cross_boundary_leafs; TDX: tdh_mem_page_demote).
 */
export function demoteStage2(tx: Tx, start: number, end: number, maxLevel: number): void {
  for (const [a, b, v] of touchedLeaves(tx.s, start, end)) {
    if (v.level <= maxLevel) continue;
    write(tx, 'stage2', a, b, { kind: v.kind, level: maxLevel });
    const fn =
      tx.s.config.vmType === 'tdx' && v.kind === 'private'
        ? 'tdh_mem_page_demote'
        : 'kvm_split_cross_boundary_leafs';
    emit(tx, {
      type: 'stage2_demote',
      fn,
      offset: a,
      length: b - a,
      detail: `${v.kind} leaves demoted to ${maxLevel === PAGE ? '4K' : '2M'}`,
    });
  }
}

import type { Attr, GmemState, Stage2, VmType } from '../types.ts';
import { LEVELS, PAGE, SIZE_1G, SIZE_2M, alignDown, alignUp } from '../units.ts';
import { folioAt } from './folios.ts';
import { anyIn, assign, covers, overlapping, slice } from './rangeMap.ts';
import { addRef } from './refs.ts';
import { emit, type Tx } from './tx.ts';

/**
 * The largest stage-2 leaf each architecture installs for guest_memfd memory. SNP is capped
 * by the RMP (4K/2M entries, sev_gmem_max_mapping_level); TDX's huge S-EPT series maps
 * private memory at up to 2M; x86 TDP and arm64 (pKVM) stage-2 can map 1G.
 */
export function archMaxLevel(vm: VmType): number {
  return vm === 'snp' || vm === 'tdx' ? SIZE_2M : SIZE_1G;
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
 * within the architecture's cap.
 */
export function mappingLevel(s: GmemState, offset: number, kind: Attr): number {
  const folio = folioAt(s, offset);
  const cap = Math.min(archMaxLevel(s.config.vmType), folio?.size ?? PAGE);
  for (const level of LEVELS) {
    if (level > cap) continue;
    const base = alignDown(offset, level);
    if (!covers(s.attrs, base, base + level, (a) => a === kind)) continue;
    if (anyIn(s.poisoned, base, base + level)) continue;
    return level;
  }
  return PAGE;
}

/** Installs the leaf for `offset`, replacing smaller leaves it covers (a huge page "promotion"). */
export function mapStage2(tx: Tx, offset: number, kind: Attr): void {
  const level = mappingLevel(tx.s, offset, kind);
  const base = alignDown(offset, level);
  tx.s = { ...tx.s, stage2: assign(tx.s.stage2, base, base + level, { kind, level }) };
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
 * Zaps every leaf that touches [start, end) (kvm_mmu_unmap_gfn_range under
 * kvm_gmem_invalidate_begin). On TDX a private leaf whose removal was made to fail leaves
 * the page with an extra reference held by TDX, so it can never be reused (seed 004).
 */
export function zapStage2(tx: Tx, start: number, end: number, why: string, kind?: Attr): void {
  for (const [a, b, v] of touchedLeaves(tx.s, start, end, kind)) {
    tx.s = { ...tx.s, stage2: assign(tx.s.stage2, a, b, undefined) };
    emit(tx, {
      type: 'stage2_zap',
      fn: 'kvm_mmu_unmap_gfn_range',
      offset: a,
      length: b - a,
      detail: `${v.kind} leaves: ${why}`,
    });
    if (v.kind === 'private' && tx.s.config.vmType === 'tdx') failRemovals(tx, a, b);
  }
}

function failRemovals(tx: Tx, a: number, b: number): void {
  for (const r of slice(tx.s.removalFailure, a, b)) {
    for (let p = r.start; p < r.end; p += PAGE) {
      addRef(tx, { kind: 'arch', holder: 'tdx', longterm: true, start: p, end: p + PAGE, orphan: null });
      emit(tx, {
        type: 'removal_failed',
        fn: 'tdh_mem_page_remove',
        offset: p,
        length: PAGE,
        detail: 'S-EPT removal failed: TDX keeps a reference so the page is never reused',
      });
    }
    tx.s = { ...tx.s, removalFailure: assign(tx.s.removalFailure, r.start, r.end, undefined) };
  }
}

/**
 * Splits leaves larger than maxLevel inside [start, end) into maxLevel leaves, before the
 * folio under them splits (kvm_split_cross_boundary_leafs; TDX: tdh_mem_page_demote).
 */
export function demoteStage2(tx: Tx, start: number, end: number, maxLevel: number): void {
  for (const [a, b, v] of touchedLeaves(tx.s, start, end)) {
    if (v.level <= maxLevel) continue;
    tx.s = { ...tx.s, stage2: assign(tx.s.stage2, a, b, { kind: v.kind, level: maxLevel }) };
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

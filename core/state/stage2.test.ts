import { runsOf } from './rangeMap.ts';
import { describe, expect, it } from 'vitest';
import { edges, fns, outcome, run, violated } from '../testkit.ts';

/**
 * Spec v2, "Stage-2 per architecture" (issue 10 rule 1). Sources: arch/x86/kvm/mmu/tdp_mmu.c
 * (tdp_mmu_zap_leafs zaps every leaf overlapping the range), the TDX huge page series
 * (kvm_split_cross_boundary_leafs -> tdh_mem_page_demote; "promotion is disallowed"),
 * arch/arm64/kvm/hyp/pgtable.c (stage2_unmap_walker: "rely on the remaining portions being
 * faulted back lazily"; PMD blocks, 2M, at most for pKVM guest memory).
 */
const M2 = { size: '4M', pageSize: '2M' };
const leafAt0 = { op: 'guestAccess', offset: 0, write: true };
const share4k = { op: 'convert', offset: '4K', length: '4K', to: 'shared' };

describe('stage-2 per architecture', () => {
  it('sw_protected and snp: a zap inside a huge leaf removes it whole (tdp_mmu_zap_leafs)', () => {
    for (const vm of ['sw_protected', 'snp']) {
      const r = run({ vm, ...M2 }, [leafAt0, share4k]);
      expect(runsOf(r.results[0]?.state.stage2)).toEqual([
        { start: 0, end: 2097152, value: { kind: 'private', level: 2097152 } },
      ]);
      expect(fns(r.last)).toContain('tdp_mmu_zap_leafs');
      expect(r.last.events.some((e) => e.type === 'stage2_demote')).toBe(false);
      expect(r.obs.guestMappings).toEqual([]);
      // Pages outside the range lost their leaf with it: the diagram says so.
      expect(edges(r.last)).toContain('convert:private-mapped->private');
      expect(violated(r.state)).toEqual([]);
    }
  });

  it('crossBoundary split: the x86 roots demote first and zap only the range', () => {
    const r = run({ vm: 'snp', ...M2, policy: { crossBoundary: 'split' } }, [leafAt0, share4k]);
    expect(fns(r.last)).toContain('kvm_split_cross_boundary_leafs');
    expect(r.obs.guestMappings).toEqual([
      { offset: 0, length: 4096, level: 4096, kind: 'private' },
      { offset: 8192, length: 2088960, level: 4096, kind: 'private' },
    ]);
    // The knob is x86-only: pKVM's stage2_unmap_walker still removes the whole block.
    const pkvm = run({ vm: 'pkvm', ...M2, policy: { crossBoundary: 'split' } }, [leafAt0, share4k]);
    expect(pkvm.obs.guestMappings).toEqual([]);
  });

  it('tdx: conversion to shared demotes the crossing S-EPT leaf (tdh_mem_page_demote), zaps the range', () => {
    const r = run({ vm: 'tdx', ...M2 }, [leafAt0, share4k]);
    expect(fns(r.last)).toEqual(expect.arrayContaining(['tdh_mem_page_demote', 'tdp_mmu_zap_leafs']));
    expect(r.last.events.find((e) => e.type === 'stage2_zap')).toMatchObject({ offset: 4096, length: 4096 });
    expect(r.obs.guestMappings).toEqual([
      { offset: 0, length: 4096, level: 4096, kind: 'private' },
      { offset: 8192, length: 2088960, level: 4096, kind: 'private' },
    ]);
  });

  it('tdx: punch hole demotes too, zaps only the hole, and a later fault is not promoted', () => {
    const r = run({ vm: 'tdx', ...M2 }, [
      leafAt0,
      { op: 'punchHole', offset: '4K', length: '4K' },
      { op: 'guestAccess', offset: '4K' },
    ]);
    const punch = r.results[1];
    expect(punch === undefined ? [] : fns(punch)).toEqual(
      expect.arrayContaining(['tdh_mem_page_demote', 'tdp_mmu_zap_leafs', 'kvm_gmem_zero_range']),
    );
    expect(runsOf(punch?.state.stage2)).toEqual([
      { start: 0, end: 4096, value: { kind: 'private', level: 4096 } },
      { start: 8192, end: 2097152, value: { kind: 'private', level: 4096 } },
    ]);
    // The folio is still 2M, but S-EPT leaves are never promoted: the fault maps at 4K.
    expect(r.obs.folios[0]).toMatchObject({ offset: 0, size: 2097152 });
    expect(r.last.events.find((e) => e.type === 'stage2_map')).toMatchObject({
      fn: 'tdh_mem_page_aug',
      offset: 4096,
      length: 4096,
    });
    expect(r.obs.guestMappings).toEqual([{ offset: 0, length: 2097152, level: 4096, kind: 'private' }]);
    expect(violated(r.state)).toEqual([]);
  });

  it('sw_protected: punch hole zaps the whole leaf and the next fault installs a huge leaf again', () => {
    const r = run({ ...M2 }, [
      leafAt0,
      { op: 'punchHole', offset: '4K', length: '4K' },
      { op: 'guestAccess', offset: '4K' },
    ]);
    expect(runsOf(r.results[1]?.state.stage2)).toEqual([]);
    expect(r.obs.guestMappings).toEqual([{ offset: 0, length: 2097152, level: 2097152, kind: 'private' }]);
  });

  it('a fault may install a huge leaf over smaller ones on x86 and pkvm, never on tdx', () => {
    // 4K leaves under a 2M folio: share page 1 (demote: crossBoundary split / TDX), take it back.
    const steps = [
      leafAt0,
      share4k,
      { op: 'convert', offset: '4K', length: '4K', to: 'private' },
      { op: 'guestAccess', offset: '4K' },
    ];
    const x86 = run({ ...M2, policy: { crossBoundary: 'split' } }, steps);
    // The block merged back to one 2M folio while 4K leaves still map it.
    expect(runsOf(x86.results[2]?.state.folios)).toEqual([{ start: 0, end: 2097152, value: 2097152 }]);
    expect(runsOf(x86.results[2]?.state.stage2).every((r) => r.value.level === 4096)).toBe(true);
    expect(x86.obs.guestMappings).toEqual([{ offset: 0, length: 2097152, level: 2097152, kind: 'private' }]);
    const tdx = run({ vm: 'tdx', ...M2 }, steps);
    expect(tdx.obs.guestMappings).toEqual([{ offset: 0, length: 2097152, level: 4096, kind: 'private' }]);
    expect(violated(tdx.state)).toEqual([]);
  });

  it('pkvm: the largest leaf is 2M, and an unmap removes the whole block (stage2_unmap_walker)', () => {
    const r = run({ vm: 'pkvm', size: '2G', pageSize: '1G' }, [leafAt0, share4k]);
    expect(r.results[0]?.events.find((e) => e.type === 'stage2_map')).toMatchObject({
      fn: 'kvm_pgtable_stage2_map',
      length: 2097152,
    });
    expect(fns(r.last)).toContain('stage2_unmap_walker');
    expect(r.obs.guestMappings).toEqual([]);
  });

  it('leavesOnSplit: demote keeps leaves inside folios; keep (posted code) breaks invariant 3', () => {
    const steps = [leafAt0, { op: 'split', offset: 0, to: '4K' }];
    const demote = run({ ...M2 }, steps);
    expect(demote.obs.guestMappings).toEqual([{ offset: 0, length: 2097152, level: 4096, kind: 'private' }]);
    expect(violated(demote.state)).toEqual([]);
    const keep = run({ ...M2, policy: { leavesOnSplit: 'keep' } }, steps);
    expect(outcome(keep.last)).toBe('ok');
    expect(keep.last.events.some((e) => e.type === 'stage2_demote')).toBe(false);
    expect(keep.obs.guestMappings).toEqual([{ offset: 0, length: 2097152, level: 2097152, kind: 'private' }]);
    expect(violated(keep.state)).toEqual([3]);
  });
});

import { describe, expect, it } from 'vitest';
import { edges, fns, outcome, run, violated } from '../testkit.ts';

const G1 = { size: '2G', pageSize: '1G' };

describe('split / merge', () => {
  it('split refuses on a closed file, a hole, a folio not larger than the target, or a referenced folio', () => {
    expect(outcome(run(G1, [{ op: 'close' }, { op: 'split', offset: 0, to: '4K' }]).last)).toBe('EBADF');
    expect(run(G1, [{ op: 'split', offset: 0, to: '4K' }]).last.refusal?.rule).toBe('split.no-folio');
    expect(
      run({}, [
        { op: 'allocate', offset: 0, length: '4K' },
        { op: 'split', offset: 0, to: '4K' },
      ]).last.refusal?.rule,
    ).toBe('split.not-smaller');
    const referenced = run(G1, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'getRef', offset: 0 },
      { op: 'split', offset: 0, to: '2M' },
    ]).last.refusal;
    expect(referenced?.errno).toBe('EAGAIN');
    // RFC1G-v2 38/51 filemap_remove_folio_for_restructuring: the kernel spins, it does not
    // answer EAGAIN; the sentence says so (issue 10 rule 6).
    expect(referenced?.reason).toContain('WARN "Spinning on folio"');
  });

  it('split demotes larger stage-2 leaves first', () => {
    const r = run(G1, [
      { op: 'guestAccess', offset: 0 },
      { op: 'split', offset: 0, to: '2M' },
    ]);
    expect(fns(r.last)).toEqual([
      'kvm_gmem_split_folio_in_filemap',
      'kvm_split_cross_boundary_leafs',
      'kvm_gmem_split_folio_in_filemap',
    ]);
    expect(edges(r.last)).toEqual(['split:huge->split']);
    expect(r.obs.guestMappings).toEqual([{ offset: 0, length: 1073741824, level: 2097152, kind: 'private' }]);
    expect(violated(r.state)).toEqual([]);
  });

  it('merge refuses misaligned, too large, already merged, or blocked blocks', () => {
    expect(run(G1, [{ op: 'merge', offset: '4K', size: '2M' }]).last.refusal?.rule).toBe('merge.alignment');
    expect(
      run({ size: '4M', pageSize: '2M' }, [{ op: 'merge', offset: 0, size: '1G' }]).last.refusal?.rule,
    ).toBe('args.beyond-eof');
    expect(
      run({ size: '2G', pageSize: '2M' }, [{ op: 'merge', offset: 0, size: '1G' }]).last.refusal?.rule,
    ).toBe('merge.too-large');
    expect(
      run(G1, [
        { op: 'allocate', offset: 0, length: '1G' },
        { op: 'merge', offset: 0, size: '1G' },
      ]).last.refusal?.rule,
    ).toBe('merge.already');
    const shared = run(G1, [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'merge', offset: 0, size: '2M' },
    ]);
    expect(shared.last.refusal).toMatchObject({ errno: 'EAGAIN', rule: 'merge.blocked' });
    expect(run(G1, [{ op: 'merge', offset: 0, size: '1G' }]).last.refusal?.errno).toBe('EAGAIN');
  });

  it('merge reconstructs a 2M piece, then the whole 1G folio', () => {
    const r = run({ ...G1, policy: { mergeWhen: 'never' } }, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'split', offset: 0, to: '4K' },
      { op: 'merge', offset: '2M', size: '2M' },
    ]);
    expect(r.obs.folios.map((f) => [f.offset, f.size, f.count])).toEqual([
      [0, 4096, 512],
      [2097152, 2097152, 1],
      [4194304, 4096, 261120],
    ]);
    const whole = run(G1, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'split', offset: 0, to: '4K' },
      { op: 'merge', offset: 0, size: '1G' },
    ]);
    expect(whole.obs.folios).toEqual([expect.objectContaining({ size: 1073741824, count: 1 })]);
    expect(fns(whole.last)).toEqual(['guestmem_hugetlb_merge_folio']);
  });
});

describe('memoryFailure', () => {
  it('refuses a hole, a misaligned offset and a page already poisoned', () => {
    expect(run({}, [{ op: 'memoryFailure', offset: 0 }]).last.refusal?.rule).toBe('mf.no-memory');
    expect(outcome(run({}, [{ op: 'memoryFailure', offset: 9 }]).last)).toBe('EINVAL');
    expect(
      run({}, [
        { op: 'allocate', offset: 0, length: '4K' },
        { op: 'memoryFailure', offset: 0 },
        { op: 'memoryFailure', offset: 0 },
      ]).last.refusal?.errno,
    ).toBe('EHWPOISON');
  });

  it('poisons the page, zaps the folio from stage-2 and never truncates (MF_DELAYED)', () => {
    const r = run({ size: '4M', pageSize: '2M' }, [
      { op: 'guestAccess', offset: 0 },
      { op: 'memoryFailure', offset: '8K' },
    ]);
    expect(fns(r.last)).toEqual(
      expect.arrayContaining(['memory_failure', 'kvm_gmem_error_folio', 'tdp_mmu_zap_leafs']),
    );
    expect(r.obs.poisoned).toEqual([{ offset: 8192, length: 4096 }]);
    expect(r.obs.folios).toHaveLength(1);
    expect(r.obs.guestMappings).toEqual([]);
  });
});

describe('injectRemovalFailure and close', () => {
  it('is TDX only', () => {
    expect(run({}, [{ op: 'injectRemovalFailure', offset: 0 }]).last.refusal?.rule).toBe('inject.not-tdx');
  });

  it('a failed S-EPT removal leaks the page: TDX keeps a reference, conversion and freeing are blocked', () => {
    const r = run({ vm: 'tdx' }, [
      { op: 'guestAccess', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
      { op: 'punchHole', offset: 0, length: '4K' },
    ]);
    expect(fns(r.results[2] ?? r.last)).toContain('tdh_mem_page_remove');
    expect(r.results[3]?.refusal?.reason).toContain('1 TDX reference (tdx)');
    expect(r.obs.orphans).toEqual([expect.objectContaining({ offset: 0, arch: 1 })]);
    expect(violated(r.state)).toEqual([]);
  });

  // tdxRemovalFailure "bug": "KVM: TDX: Drop superfluous page pinning in S-EPT management"
  // (Aug 2025) makes a failed tdh_mem_page_remove a KVM_BUG_ON (tdx_sept_remove_private_spte):
  // kvm->vm_dead is set, no page reference is kept, vCPU ioctls answer EIO.
  it('tdxRemovalFailure bug: the failed removal kills the VM instead of keeping a reference', () => {
    const r = run({ vm: 'tdx', policy: { tdxRemovalFailure: 'bug' } }, [
      { op: 'guestAccess', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'guestAccess', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ]);
    const failed = r.results[2];
    expect(failed === undefined ? [] : fns(failed)).toEqual(
      expect.arrayContaining(['tdh_mem_page_remove', 'KVM_BUG_ON']),
    );
    expect(failed?.state.refs).toEqual([]);
    expect(failed?.state.vmDead).toBe(true);
    expect(r.results[3]?.refusal).toMatchObject({ errno: 'EIO', rule: 'vm.dead', fn: 'kvm_vcpu_ioctl' });
    // No reference: the page converts back (the ioctl is on the guest_memfd, not the VM).
    expect(outcome(r.last)).toBe('ok');
    expect(r.obs.vmDead).toBe(true);
    expect(r.obs.folios[0]).toMatchObject({ arch: 0, refcount: 1 });
    expect(violated(r.state)).toEqual([]);
    // The default keeps seed 004's reference and the VM alive.
    const ref = run({ vm: 'tdx' }, [
      { op: 'guestAccess', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
    ]);
    expect(ref.obs.vmDead).toBeUndefined();
    expect(ref.obs.folios[0]).toMatchObject({ arch: 1 });
  });

  // Spec v2 (the "close" rule): kvm_gmem_release is the file's ->release, run by __fput at the
  // last reference; a VMA's vm_file holds one, so close alone zaps nothing (core/ops/close.test.ts).
  it('close keeps stage-2 and memory while a VMA remains, and a second close is EBADF', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
      { op: 'guestAccess', offset: 0 },
      { op: 'close' },
    ]);
    expect(fns(r.last)).toEqual(['fput']);
    expect(r.obs).toMatchObject({
      open: false,
      evicted: false,
      guestMappings: [{ offset: 0, length: 4096, level: 4096, kind: 'shared' }],
    });
    expect(r.obs.folios).toHaveLength(1);
    expect(outcome(run({}, [{ op: 'close' }, { op: 'close' }]).last)).toBe('EBADF');
    expect(run({}, [{ op: 'allocate', offset: 0, length: '8K' }, { op: 'close' }]).obs).toMatchObject({
      evicted: true,
      folios: [],
    });
  });
});

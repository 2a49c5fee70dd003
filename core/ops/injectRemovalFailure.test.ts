import { NO_REFS } from '../state/refIndex.ts';
import { describe, expect, it } from 'vitest';
import { fns, outcome, run, violated } from '../testkit.ts';

describe('injectRemovalFailure', () => {
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
    expect(failed?.state.refs).toEqual(NO_REFS);
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
});

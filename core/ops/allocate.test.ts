import { runsOf } from '../state/rangeMap.ts';
import { describe, expect, it } from 'vitest';
import { fns, outcome, run } from '../testkit.ts';

describe('allocate', () => {
  it('refuses after close (EBADF), misaligned/empty (EINVAL), and at or past EOF (EINVAL, test_fallocate)', () => {
    expect(outcome(run({}, [{ op: 'close' }, { op: 'allocate', offset: 0, length: '4K' }]).last)).toBe(
      'EBADF',
    );
    expect(outcome(run({}, [{ op: 'allocate', offset: 1, length: '4K' }]).last)).toBe('EINVAL');
    expect(outcome(run({}, [{ op: 'allocate', offset: 0, length: 0 }]).last)).toBe('EINVAL');
    expect(run({}, [{ op: 'allocate', offset: '4M', length: '4K' }]).last.refusal?.rule).toBe(
      'args.beyond-eof',
    );
  });

  it('allocates 4K folios without zeroing them', () => {
    const r = run({}, [{ op: 'allocate', offset: '8K', length: '16K' }]);
    expect(r.obs.folios).toEqual([
      expect.objectContaining({ offset: 8192, size: 4096, count: 4, refcount: 1 }),
    ]);
    expect(r.obs.contents).toEqual([]);
  });

  it('takes whole blocks from the subpool and splits a block holding a shared index at once', () => {
    const r = run({ size: '4M', pageSize: '2M' }, [
      { op: 'convert', offset: '2M', length: '4K', to: 'shared' },
      { op: 'allocate', offset: '1M', length: '2M' },
    ]);
    expect(fns(r.last).filter((f) => f === 'hugepage_subpool_get_pages')).toHaveLength(2);
    expect(fns(r.last)).toContain('kvm_gmem_split_folio_in_filemap');
    expect(r.obs.folios.map((f) => [f.offset, f.size, f.count])).toEqual([
      [0, 2097152, 1],
      [2097152, 4096, 512],
    ]);
    expect(r.obs.pool).toMatchObject({ reserved: 2, inUse: 2, vmemmapPages: 9 });
  });
});

describe('create', () => {
  it('validates size, flags and the reservation', async () => {
    const { create } = await import('../create.ts');
    const { DEFAULT_POLICY } = await import('../scenario/policy.ts');
    const base = {
      vmType: 'sw_protected' as const,
      size: 1 << 30,
      pageSize: 1 << 30,
      mmap: true,
      initShared: false,
      policy: DEFAULT_POLICY,
    };
    expect(create(base).ok).toBe(true);
    expect(create({ ...base, size: 0 }).refusal?.errno).toBe('EINVAL');
    expect(create({ ...base, size: 4096 }).refusal?.rule).toBe('create.size-alignment');
    expect(create({ ...base, mmap: false, initShared: true }).refusal?.rule).toBe(
      'create.init-shared-without-mmap',
    );
    expect(
      create({ ...base, pageSize: 4096, initShared: true, policy: { ...DEFAULT_POLICY, mainline: true } })
        .refusal?.rule,
    ).toBe('create.init-shared-private-vm');
    expect(create({ ...base, policy: { ...DEFAULT_POLICY, mainline: true } }).refusal?.rule).toBe(
      'create.mainline-hugetlb',
    );
    // Issue 10 rule 7: kvm_arch_supports_gmem_init_shared() on x86 is
    // !kvm_arch_has_private_mem(kvm): sw_protected, snp and tdx are refused; pkvm is not x86.
    const mainline4k = {
      ...base,
      pageSize: 4096,
      initShared: true,
      policy: { ...DEFAULT_POLICY, mainline: true },
    };
    for (const vmType of ['sw_protected', 'snp', 'tdx'] as const)
      expect(create({ ...mainline4k, vmType }).refusal?.rule).toBe('create.init-shared-private-vm');
    expect(create({ ...mainline4k, vmType: 'pkvm' }).ok).toBe(true);
    expect(runsOf(create({ ...mainline4k, vmType: 'pkvm' }).state?.attrs)).toEqual([
      { start: 0, end: 1 << 30, value: 'shared' },
    ]);
    expect(create({ ...base, policy: { ...DEFAULT_POLICY, hostHugePages: 0 } }).refusal).toMatchObject({
      errno: 'ENOMEM',
      fn: 'hugepage_new_subpool',
    });
  });
});

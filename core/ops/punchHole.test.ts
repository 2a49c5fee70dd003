import { describe, expect, it } from 'vitest';
import { fns, outcome, run, violated } from '../testkit.ts';

describe('punchHole', () => {
  it('refuses after close, misaligned or empty; past EOF it is a no-op', () => {
    expect(outcome(run({}, [{ op: 'close' }, { op: 'punchHole', offset: 0, length: '4K' }]).last)).toBe(
      'EBADF',
    );
    expect(outcome(run({}, [{ op: 'punchHole', offset: 0, length: 4095 }]).last)).toBe('EINVAL');
    expect(outcome(run({}, [{ op: 'punchHole', offset: 0, length: 0 }]).last)).toBe('EINVAL');
    const past = run({}, [{ op: 'punchHole', offset: '4M', length: '4K' }]);
    expect(outcome(past.last)).toBe('ok');
    expect(past.last.events.map((e) => e.type)).toEqual(['punch_hole']);
  });

  it('frees folios, zaps stage-2 and PTEs, keeps attributes (4K file)', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
      { op: 'guestAccess', offset: '4K' },
      { op: 'punchHole', offset: 0, length: '8K' },
    ]);
    expect(fns(r.last)).toEqual(
      expect.arrayContaining([
        'kvm_gmem_invalidate_begin',
        'tdp_mmu_zap_leafs',
        'unmap_mapping_range',
        'truncate_inode_pages_range',
      ]),
    );
    expect(r.obs.folios).toEqual([]);
    expect(r.obs.hostMappings).toEqual([]);
    expect(r.obs.guestMappings).toEqual([]);
    expect(r.obs.shareability).toEqual([{ offset: 0, length: 4194304, state: 'shared' }]);
  });

  it('orphans a pinned 4K folio; the last unpin frees it', () => {
    const steps = [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
      { op: 'punchHole', offset: 0, length: '4K' },
    ];
    const r = run({ initShared: true }, steps);
    expect(r.obs.orphans).toEqual([
      expect.objectContaining({ offset: 0, size: 4096, count: 1, pincount: 1 }),
    ]);
    expect(r.obs.folios).toEqual([]);
    const freed = run({ initShared: true }, [
      ...steps,
      { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' },
    ]);
    expect(freed.obs.orphans).toEqual([]);
    expect(fns(freed.last)).toContain('folio_put');
  });

  it('refuses EAGAIN when a split 2M block holding a pinned shared page must merge (test_truncate_shared_while_pinned)', () => {
    const r = run({ size: '4M', pageSize: '2M' }, [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: 0, length: '4K' },
      { op: 'punchHole', offset: 0, length: '2M' },
    ]);
    expect(r.last.refusal).toMatchObject({
      errno: 'EAGAIN',
      rule: 'punch.merge-unsafe',
      fn: 'kvm_gmem_merge_truncate_indices',
    });
  });

  it('merges a split block with no references, then frees it to the subpool', () => {
    const r = run({ size: '4M', pageSize: '2M' }, [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'allocate', offset: 0, length: '4M' },
      { op: 'punchHole', offset: 0, length: '2M' },
    ]);
    expect(fns(r.last)).toEqual(
      expect.arrayContaining(['kvm_gmem_merge_truncate_indices', 'free_huge_folio']),
    );
    expect(r.obs.pool).toMatchObject({ reserved: 2, inUse: 1 });
    expect(r.obs.shareability[0]).toEqual({ offset: 0, length: 4096, state: 'shared' });
  });

  it('only zeroes the part of a block it covers (partialPunch zero)', () => {
    const r = run({ size: '4M', pageSize: '2M' }, [
      { op: 'guestAccess', offset: 0, write: true },
      { op: 'guestAccess', offset: '8K', write: true },
      { op: 'punchHole', offset: 0, length: '4K' },
    ]);
    expect(fns(r.last)).toContain('kvm_gmem_zero_range');
    expect(r.obs.folios).toEqual([expect.objectContaining({ offset: 0, size: 2097152, count: 1 })]);
    // The first fault zeroed the whole 2M folio (folio_zero_user); the punch zeroes page 0 again.
    expect(r.obs.contents).toEqual([
      { offset: 0, length: 8192, content: 'zero' },
      { offset: 8192, length: 4096, content: 'guest' },
      { offset: 12288, length: 2084864, content: 'zero' },
    ]);
    expect(r.obs.guestMappings).toEqual([]);
  });

  it('refuses a partial block with EINVAL under partialPunch refuse', () => {
    const r = run({ size: '4M', pageSize: '2M', policy: { partialPunch: 'refuse' } }, [
      { op: 'allocate', offset: 0, length: '4M' },
      { op: 'punchHole', offset: 0, length: '1M' },
    ]);
    expect(r.last.refusal).toMatchObject({ errno: 'EINVAL', rule: 'punch.partial-block' });
  });

  it('orphans an unsplit huge folio that a transient reference holds, keeping its pool page', () => {
    const r = run({ size: '4M', pageSize: '2M' }, [
      { op: 'allocate', offset: 0, length: '2M' },
      { op: 'getRef', offset: 0 },
      { op: 'punchHole', offset: 0, length: '2M' },
      { op: 'allocate', offset: 0, length: '2M' },
    ]);
    expect(outcome(r.last)).toBe('ok');
    expect(r.obs.pool).toMatchObject({ reserved: 2, inUse: 2 });
    expect(r.obs.orphans).toHaveLength(1);
    const full = run({ size: '2M', pageSize: '2M' }, [
      { op: 'allocate', offset: 0, length: '2M' },
      { op: 'getRef', offset: 0 },
      { op: 'punchHole', offset: 0, length: '2M' },
      { op: 'allocate', offset: 0, length: '2M' },
    ]);
    expect(full.last.refusal).toMatchObject({ errno: 'ENOMEM', rule: 'pool.exhausted' });
    expect(violated(full.state)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { edges, fns, outcome, run, violated } from '../testkit.ts';

/**
 * Spec v2, the "close" rule: close(fd) drops one file reference (fput); kvm_gmem_release is the
 * file's ->release (virt/kvm/guest_memfd.c), run by __fput at the *last* reference. A VMA holds
 * the file (vma->vm_file); the memslot does not (kvm_gmem_get_file() uses get_file_active()).
 */
describe('close', () => {
  const mappedGuest = [
    { op: 'hostMap', offset: 0, length: '4M' },
    { op: 'guestAccess', offset: 0 },
    { op: 'close' },
  ];

  it('while a VMA holds the file: nothing is zapped and guest faults keep being served', () => {
    const r = run({ vm: 'tdx' }, [...mappedGuest, { op: 'guestAccess', offset: '8K', write: true }]);
    expect(fns(r.results[2] ?? r.last)).toEqual(['fput']);
    expect(r.results[2]?.events.find((e) => e.fn === 'kvm_gmem_release')).toBeUndefined();
    expect(outcome(r.last)).toBe('ok');
    expect(fns(r.last)).toEqual(expect.arrayContaining(['kvm_gmem_get_pfn', 'tdh_mem_page_aug']));
    expect(r.obs.guestMappings).toEqual([
      { offset: 0, length: 4096, level: 4096, kind: 'private' },
      { offset: 8192, length: 4096, level: 4096, kind: 'private' },
    ]);
    expect(r.obs).toMatchObject({ open: false, evicted: false });
    expect(violated(r.state)).toEqual([]);
    // fd calls fail all the same: the fd is gone.
    expect(outcome(run({}, [...mappedGuest, { op: 'allocate', offset: 0, length: '4K' }]).last)).toBe(
      'EBADF',
    );
  });

  it('the munmap of the last VMA runs kvm_gmem_release, then evicts the inode', () => {
    const r = run({ vm: 'tdx' }, [...mappedGuest, { op: 'hostUnmap', offset: 0, length: '4M' }]);
    expect(fns(r.last)).toEqual([
      'do_vmi_munmap',
      'kvm_gmem_release',
      'tdp_mmu_zap_leafs',
      'kvm_gmem_evict_inode',
      'truncate_inode_pages_range',
    ]);
    expect(r.obs).toMatchObject({ open: false, evicted: true, guestMappings: [], folios: [] });
    expect(edges(r.last)).toContain('hostUnmap:private-mapped->private-hole');
    const after = run({ vm: 'tdx' }, [
      ...mappedGuest,
      { op: 'hostUnmap', offset: 0, length: '4M' },
      { op: 'guestAccess', offset: 0 },
    ]);
    expect(after.last.refusal).toMatchObject({ errno: 'EFAULT', rule: 'guest.closed' });
  });

  it('munmap of one VMA of two keeps the file', () => {
    const r = run({}, [
      { op: 'hostMap', offset: 0, length: '1M' },
      { op: 'hostMap', offset: '2M', length: '1M' },
      { op: 'guestAccess', offset: 0 },
      { op: 'close' },
      { op: 'hostUnmap', offset: 0, length: '1M' },
    ]);
    expect(fns(r.last)).toEqual(['do_vmi_munmap']);
    expect(r.obs.guestMappings).toHaveLength(1);
  });

  it('with no VMA left the close itself releases: fput, kvm_gmem_release, zap, eviction', () => {
    const r = run({}, [{ op: 'guestAccess', offset: 0 }, { op: 'close' }]);
    expect(fns(r.last)).toEqual([
      'fput',
      'kvm_gmem_release',
      'tdp_mmu_zap_leafs',
      'kvm_gmem_evict_inode',
      'truncate_inode_pages_range',
    ]);
    expect(r.obs).toMatchObject({ evicted: true, guestMappings: [] });
    expect(run({}, [{ op: 'close' }, { op: 'guestAccess', offset: 0 }]).last.refusal?.errno).toBe('EFAULT');
  });
});

describe('close while a VMA remains', () => {
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

import { describe, expect, it } from 'vitest';
import { fns, outcome, run } from '../testkit.ts';

const level = (vm: string) =>
  run({ vm, size: '2G', pageSize: '1G' }, [{ op: 'guestAccess', offset: '2M' }]).obs.guestMappings[0]?.level;

describe('guestAccess', () => {
  it('refuses after close (EFAULT), misaligned or past EOF (EINVAL)', () => {
    expect(run({}, [{ op: 'close' }, { op: 'guestAccess', offset: 0 }]).last.refusal).toMatchObject({
      errno: 'EFAULT',
      rule: 'guest.closed',
    });
    expect(outcome(run({}, [{ op: 'guestAccess', offset: 12 }]).last)).toBe('EINVAL');
    expect(outcome(run({}, [{ op: 'guestAccess', offset: '4M' }]).last)).toBe('EINVAL');
  });

  it('exits with KVM_EXIT_MEMORY_FAULT when the access kind differs from the attribute', () => {
    const r = run({}, [{ op: 'guestAccess', offset: 0, as: 'shared' }]);
    expect(r.last.refusal).toMatchObject({
      errno: 'EFAULT',
      exit: 'KVM_EXIT_MEMORY_FAULT',
      rule: 'guest.attribute-mismatch',
    });
  });

  it('answers EHWPOISON on a poisoned folio', () => {
    const r = run({}, [
      { op: 'allocate', offset: 0, length: '4K' },
      { op: 'memoryFailure', offset: 0 },
      { op: 'guestAccess', offset: 0 },
    ]);
    expect(r.last.refusal).toMatchObject({ errno: 'EHWPOISON', rule: 'guest.poisoned' });
  });

  it('allocates, zeroes and maps at the largest level allowed per VM type', () => {
    expect(level('sw_protected')).toBe(1073741824);
    // Spec v2: pKVM's arm64 stage-2 maps PMD blocks at most (kvm_pgtable_stage2_map, 2M).
    expect(level('pkvm')).toBe(2097152);
    expect(level('tdx')).toBe(2097152);
    expect(level('snp')).toBe(2097152);
    const tdx = run({ vm: 'tdx', size: '2G', pageSize: '1G' }, [{ op: 'guestAccess', offset: 0 }]);
    expect(fns(tdx.last)).toEqual(
      expect.arrayContaining(['hugepage_subpool_get_pages', 'folio_zero_user', 'tdh_mem_page_aug']),
    );
    expect(fns(run({ vm: 'snp' }, [{ op: 'guestAccess', offset: 0 }]).last)).toContain('sev_gmem_prepare');
  });

  it('maps a shared page at 4K and a present leaf is a plain access', () => {
    const r = run({ initShared: true, size: '4M', pageSize: '4K' }, [
      { op: 'guestAccess', offset: 0 },
      { op: 'guestAccess', offset: 0, write: true },
    ]);
    expect(r.obs.guestMappings).toEqual([{ offset: 0, length: 4096, level: 4096, kind: 'shared' }]);
    expect(fns(r.last)).toEqual(['KVM_RUN']);
    expect(r.obs.contents[0]).toEqual({ offset: 0, length: 4096, content: 'guest' });
  });
});

describe('hostAccess', () => {
  it('SIGSEGV without a VMA, SIGBUS past EOF, on private and on poisoned pages, EINVAL misaligned', () => {
    expect(run({ initShared: true }, [{ op: 'hostAccess', offset: 0 }]).last.refusal?.errno).toBe('SIGSEGV');
    expect(
      run({ initShared: true }, [
        { op: 'hostMap', offset: 0, length: '8M' },
        { op: 'hostAccess', offset: '4M' },
      ]).last.refusal?.rule,
    ).toBe('host.beyond-eof');
    expect(
      run({}, [
        { op: 'hostMap', offset: 0, length: '4M' },
        { op: 'hostAccess', offset: 0 },
      ]).last.refusal,
    ).toMatchObject({ errno: 'SIGBUS', rule: 'host.private' });
    const poisoned = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
      { op: 'memoryFailure', offset: 0 },
      { op: 'hostAccess', offset: 0 },
    ]);
    expect(poisoned.last.refusal).toMatchObject({ errno: 'SIGBUS', rule: 'host.poisoned' });
    expect(
      outcome(
        run({ initShared: true }, [
          { op: 'hostMap', offset: 0, length: '4M' },
          { op: 'hostAccess', offset: 3 },
        ]).last,
      ),
    ).toBe('EINVAL');
  });

  it('faults in a zeroed 4K page with one PTE; a shared page in a 1G file splits its block', () => {
    const r = run({ size: '2G', pageSize: '1G' }, [
      { op: 'convert', offset: '1G', length: '4K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '2G' },
      { op: 'hostAccess', offset: '1G', write: true },
    ]);
    expect(r.obs.hostMappings).toEqual([{ offset: 1073741824, length: 4096, level: 4096 }]);
    expect(r.obs.folios[0]).toMatchObject({
      offset: 1073741824,
      size: 4096,
      count: 1,
      mapcount: 1,
      refcount: 2,
    });
    expect(r.obs.contents).toEqual([{ offset: 1073741824, length: 4096, content: 'host' }]);
  });
});

describe('hostMap / hostUnmap / madviseDontneed', () => {
  it('mmap needs GUEST_MEMFD_FLAG_MMAP (ENODEV), an open fd (EBADF) and aligned ranges', () => {
    expect(run({ mmap: false }, [{ op: 'hostMap', offset: 0, length: '4K' }]).last.refusal?.errno).toBe(
      'ENODEV',
    );
    expect(run({}, [{ op: 'close' }, { op: 'hostMap', offset: 0, length: '4K' }]).last.refusal?.errno).toBe(
      'EBADF',
    );
    expect(outcome(run({}, [{ op: 'hostMap', offset: 0, length: 100 }]).last)).toBe('EINVAL');
    expect(outcome(run({}, [{ op: 'hostUnmap', offset: 0, length: 100 }]).last)).toBe('EINVAL');
  });

  it('madvise(DONTNEED) zaps PTEs but keeps the folio; ENOMEM outside a VMA', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0, write: true },
      { op: 'madviseDontneed', offset: 0, length: '4K' },
    ]);
    expect(r.obs.hostMappings).toEqual([]);
    expect(r.obs.folios).toHaveLength(1);
    expect(r.obs.contents[0]?.content).toBe('host');
    expect(run({}, [{ op: 'madviseDontneed', offset: 0, length: '4K' }]).last.refusal).toMatchObject({
      errno: 'ENOMEM',
      rule: 'madvise.unmapped',
    });
  });

  // mm/madvise.c madvise_walk_vmas: every VMA in the range is acted on, then a gap answers
  // -ENOMEM (unmapped_error); spec v2 "Refused operations can have side effects".
  it('madvise(DONTNEED) over a partly mapped range zaps the mapped part, then answers ENOMEM', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '8K' },
      { op: 'hostAccess', offset: 0 },
      { op: 'hostAccess', offset: '4K' },
      { op: 'madviseDontneed', offset: 0, length: '16K' },
    ]);
    expect(r.last.refusal).toMatchObject({ errno: 'ENOMEM', rule: 'madvise.unmapped' });
    expect(r.last.refusal?.reason).toContain('zapped the 2 PTEs of the mapped part');
    expect(r.obs.hostMappings).toEqual([]);
    expect(r.obs.folios).toEqual([expect.objectContaining({ offset: 0, count: 2, mapcount: 0 })]);
    expect(fns(r.last)).toEqual(['do_madvise', 'madvise_dontneed_single_vma']);
    expect(r.last.events.filter((e) => e.type === 'transition').map((e) => e.edge)).toEqual([
      'madviseDontneed:shared-mapped->shared',
    ]);
    // Only the PTEs changed: the VMAs, folios, contents and attributes are as before.
    expect({ ...r.state, ptes: [] }).toEqual({ ...r.results[2]?.state, ptes: [] });
    // With no PTE in the mapped part, the refusal changes nothing and lists no event.
    const none = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '8K' },
      { op: 'madviseDontneed', offset: 0, length: '16K' },
    ]);
    expect(none.last.state).toBe(none.results[0]?.state);
    expect(none.last.events).toEqual([]);
  });

  it('munmap of the last VMA after close evicts the inode; pinned folios live on as orphans', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: 0, length: '8K' },
      { op: 'hostAccess', offset: '1M' },
      { op: 'close' },
      { op: 'hostUnmap', offset: 0, length: '4M' },
    ]);
    expect(fns(r.last)).toContain('kvm_gmem_evict_inode');
    expect(r.obs).toMatchObject({ open: false, evicted: true, folios: [] });
    // Spec v2: an orphan's refcount counts its holders only, the page cache's reference left
    // with the truncation (filemap_remove_folio -> folio_put_refs): one FOLL_PIN on a 4K folio
    // is GUP_PIN_COUNTING_BIAS (1024), its PTE went with the munmap.
    expect(r.obs.orphans).toEqual([
      expect.objectContaining({ offset: 0, size: 4096, count: 2, pincount: 1, mapcount: 0, refcount: 1024 }),
    ]);
  });
});

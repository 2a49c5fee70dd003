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

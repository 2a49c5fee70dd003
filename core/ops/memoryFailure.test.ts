import { describe, expect, it } from 'vitest';
import { fns, outcome, run } from '../testkit.ts';

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

import { describe, expect, it } from 'vitest';
import { fns, outcome, run } from '../testkit.ts';

const mapped = { initShared: true };
const map = { op: 'hostMap', offset: 0, length: '4M' };

describe('pin', () => {
  it('needs aligned ranges, a VMA, pages inside the file, shared and healthy pages', () => {
    expect(outcome(run(mapped, [map, { op: 'pin', offset: 0, length: 10 }]).last)).toBe('EINVAL');
    expect(run(mapped, [{ op: 'pin', offset: 0, length: '4K' }]).last.refusal?.rule).toBe('pin.no-vma');
    expect(
      run(mapped, [
        { op: 'hostMap', offset: 0, length: '8M' },
        { op: 'pin', offset: '4M', length: '4K' },
      ]).last.refusal?.rule,
    ).toBe('pin.beyond-eof');
    expect(run({}, [map, { op: 'pin', offset: 0, length: '4K' }]).last.refusal).toMatchObject({
      errno: 'EFAULT',
      rule: 'pin.private',
    });
    expect(
      run(mapped, [
        map,
        { op: 'allocate', offset: 0, length: '4K' },
        { op: 'memoryFailure', offset: 0 },
        { op: 'pin', offset: 0, length: '4K' },
      ]).last.refusal?.rule,
    ).toBe('pin.poisoned');
  });

  it('faults the pages in and counts one pin per page (refcount + 1024 on a small folio)', () => {
    const r = run(mapped, [map, { op: 'pin', offset: 0, length: '8K', holder: 'io_uring', longterm: false }]);
    expect(fns(r.last)).toEqual(
      expect.arrayContaining(['clear_highpage', 'handle_mm_fault', 'pin_user_pages']),
    );
    expect(r.obs.folios).toEqual([
      expect.objectContaining({ offset: 0, size: 4096, count: 2, mapcount: 1, pincount: 1, refcount: 1026 }),
    ]);
  });
});

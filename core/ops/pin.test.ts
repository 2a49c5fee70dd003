import { describe, expect, it } from 'vitest';
import { fns, outcome, run } from '../testkit.ts';

const mapped = { initShared: true };
const map = { op: 'hostMap', offset: 0, length: '4M' };

describe('pin / unpin', () => {
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

  it('unpin by another holder, or of what is not pinned, is EINVAL; pins are counted per holder', () => {
    const steps = [
      map,
      { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
      { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
    ];
    expect(
      run(mapped, [...steps, { op: 'unpin', offset: 0, length: '4K', holder: 'gup' }]).last.refusal?.rule,
    ).toBe('unpin.not-pinned');
    expect(
      run(mapped, [...steps, { op: 'unpin', offset: 0, length: '8K', holder: 'vfio' }]).last.refusal?.rule,
    ).toBe('unpin.not-pinned');
    const once = run(mapped, [...steps, { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' }]);
    expect(once.obs.folios[0]?.pincount).toBe(1);
    expect(
      outcome(
        run(mapped, [
          ...steps,
          { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' },
          { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' },
        ]).last,
      ),
    ).toBe('ok');
  });

  it('unpinning part of a pinned range keeps the rest pinned', () => {
    const r = run(mapped, [
      map,
      { op: 'pin', offset: 0, length: '16K' },
      { op: 'unpin', offset: '4K', length: '4K' },
    ]);
    expect(r.obs.folios.map((f) => [f.offset, f.count, f.pincount])).toEqual([
      [0, 1, 1],
      [4096, 1, 0],
      [8192, 2, 1],
    ]);
  });

  it('mergeWhen lastRef merges the block when the last pin drops', () => {
    const r = run({ size: '4M', pageSize: '2M', policy: { mergeWhen: 'lastRef' } }, [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      map,
      { op: 'pin', offset: 0, length: '4K' },
      { op: 'madviseDontneed', offset: 0, length: '4K' },
      { op: 'convert', offset: 0, length: '4K', to: 'private', note: 'refused: pinned' },
      { op: 'unpin', offset: 0, length: '4K' },
    ]);
    expect(outcome(r.results[4] ?? r.last)).toBe('EAGAIN');
    expect(r.obs.folios[0]).toMatchObject({ size: 4096 });
    const r2 = run(
      { size: '4M', pageSize: '2M', policy: { mergeWhen: 'lastRef', unsafeSkipRefCheck: false } },
      [
        { op: 'allocate', offset: 0, length: '2M' },
        { op: 'getRef', offset: 0 },
        { op: 'split', offset: 0, to: '4K' },
      ],
    );
    expect(r2.last.refusal?.errno).toBe('EAGAIN');
  });
});

describe('getRef / putRef', () => {
  it('needs a folio (ENOENT) and a held reference to drop (EINVAL)', () => {
    expect(run({}, [{ op: 'getRef', offset: 0 }]).last.refusal).toMatchObject({
      errno: 'ENOENT',
      rule: 'ref.no-folio',
    });
    expect(run({}, [{ op: 'getRef', offset: 5 }]).last.refusal?.errno).toBe('EINVAL');
    expect(
      run({}, [
        { op: 'allocate', offset: 0, length: '4K' },
        { op: 'getRef', offset: 0, holder: 'a' },
        { op: 'putRef', offset: 0, holder: 'b' },
      ]).last.refusal?.rule,
    ).toBe('ref.not-held');
  });

  it('a transient reference blocks conversion until it is dropped, then the conversion goes through', () => {
    const steps = [
      map,
      { op: 'hostAccess', offset: 0 },
      { op: 'getRef', offset: 0, holder: 'lru' },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ];
    expect(run(mapped, steps).last.refusal?.reason).toContain('1 transient reference (lru)');
    const r = run(mapped, [
      ...steps,
      { op: 'putRef', offset: 0, holder: 'lru' },
      steps[3] as Record<string, unknown>,
    ]);
    expect(outcome(r.last)).toBe('ok');
  });
});

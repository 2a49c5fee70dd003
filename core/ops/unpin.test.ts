import { describe, expect, it } from 'vitest';
import { outcome, run } from '../testkit.ts';

const mapped = { initShared: true };
const map = { op: 'hostMap', offset: 0, length: '4M' };

describe('unpin', () => {
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

import { describe, expect, it } from 'vitest';
import { fns, run } from '../testkit.ts';

const G1 = { size: '2G', pageSize: '1G' };

describe('merge', () => {
  it('merge refuses misaligned, too large, already merged, or blocked blocks', () => {
    expect(run(G1, [{ op: 'merge', offset: '4K', size: '2M' }]).last.refusal?.rule).toBe('merge.alignment');
    expect(
      run({ size: '4M', pageSize: '2M' }, [{ op: 'merge', offset: 0, size: '1G' }]).last.refusal?.rule,
    ).toBe('args.beyond-eof');
    expect(
      run({ size: '2G', pageSize: '2M' }, [{ op: 'merge', offset: 0, size: '1G' }]).last.refusal?.rule,
    ).toBe('merge.too-large');
    expect(
      run(G1, [
        { op: 'allocate', offset: 0, length: '1G' },
        { op: 'merge', offset: 0, size: '1G' },
      ]).last.refusal?.rule,
    ).toBe('merge.already');
    const shared = run(G1, [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'merge', offset: 0, size: '2M' },
    ]);
    expect(shared.last.refusal).toMatchObject({ errno: 'EAGAIN', rule: 'merge.blocked' });
    expect(run(G1, [{ op: 'merge', offset: 0, size: '1G' }]).last.refusal?.errno).toBe('EAGAIN');
  });

  it('merge reconstructs a 2M piece, then the whole 1G folio', () => {
    const r = run({ ...G1, policy: { mergeWhen: 'never' } }, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'split', offset: 0, to: '4K' },
      { op: 'merge', offset: '2M', size: '2M' },
    ]);
    expect(r.obs.folios.map((f) => [f.offset, f.size, f.count])).toEqual([
      [0, 4096, 512],
      [2097152, 2097152, 1],
      [4194304, 4096, 261120],
    ]);
    const whole = run(G1, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'split', offset: 0, to: '4K' },
      { op: 'merge', offset: 0, size: '1G' },
    ]);
    expect(whole.obs.folios).toEqual([expect.objectContaining({ size: 1073741824, count: 1 })]);
    expect(fns(whole.last)).toEqual(['guestmem_hugetlb_merge_folio']);
  });
});

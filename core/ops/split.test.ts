import { describe, expect, it } from 'vitest';
import { edges, fns, outcome, run, violated } from '../testkit.ts';

const G1 = { size: '2G', pageSize: '1G' };

describe('split', () => {
  it('split refuses on a closed file, a hole, a folio not larger than the target, or a referenced folio', () => {
    expect(outcome(run(G1, [{ op: 'close' }, { op: 'split', offset: 0, to: '4K' }]).last)).toBe('EBADF');
    expect(run(G1, [{ op: 'split', offset: 0, to: '4K' }]).last.refusal?.rule).toBe('split.no-folio');
    expect(
      run({}, [
        { op: 'allocate', offset: 0, length: '4K' },
        { op: 'split', offset: 0, to: '4K' },
      ]).last.refusal?.rule,
    ).toBe('split.not-smaller');
    const referenced = run(G1, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'getRef', offset: 0 },
      { op: 'split', offset: 0, to: '2M' },
    ]).last.refusal;
    expect(referenced?.errno).toBe('EAGAIN');
    // RFC1G-v2 38/51 filemap_remove_folio_for_restructuring: the kernel spins, it does not
    // answer EAGAIN; the sentence says so (issue 10 rule 6).
    expect(referenced?.reason).toContain('WARN "Spinning on folio"');
  });

  it('split demotes larger stage-2 leaves first', () => {
    const r = run(G1, [
      { op: 'guestAccess', offset: 0 },
      { op: 'split', offset: 0, to: '2M' },
    ]);
    expect(fns(r.last)).toEqual([
      'kvm_gmem_split_folio_in_filemap',
      'kvm_split_cross_boundary_leafs',
      'kvm_gmem_split_folio_in_filemap',
    ]);
    expect(edges(r.last)).toEqual(['split:huge->split']);
    expect(r.obs.guestMappings).toEqual([{ offset: 0, length: 1073741824, level: 2097152, kind: 'private' }]);
    expect(violated(r.state)).toEqual([]);
  });
});

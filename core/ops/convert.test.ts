import { describe, expect, it } from 'vitest';
import { fns, outcome, run, violated } from '../testkit.ts';

const G1 = { size: '2G', pageSize: '1G' };
const share4k = { op: 'convert', offset: 0, length: '4K', to: 'shared' };
const priv4k = { op: 'convert', offset: 0, length: '4K', to: 'private' };

describe('convert', () => {
  it('refuses after close (EBADF), misaligned (EINVAL), empty (EINVAL) and past EOF (EINVAL)', () => {
    expect(outcome(run({}, [{ op: 'close' }, share4k]).last)).toBe('EBADF');
    expect(run({}, [{ op: 'convert', offset: 1, length: '4K', to: 'shared' }]).last.refusal?.rule).toBe(
      'args.alignment',
    );
    expect(run({}, [{ op: 'convert', offset: 0, length: 0, to: 'shared' }]).last.refusal?.rule).toBe(
      'args.empty',
    );
    expect(run({}, [{ op: 'convert', offset: '4M', length: '4K', to: 'shared' }]).last.refusal?.rule).toBe(
      'args.beyond-eof',
    );
  });

  it('is a no-op when the range already has the attribute, even pinned (patch 12/42)', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: 0, length: '4K' },
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
    ]);
    expect(outcome(r.last)).toBe('ok');
    expect(r.last.events.map((e) => e.type)).toEqual(['set_attributes', 'no_change']);
  });

  it('to shared splits the 1G folio straight to 4K (splitPath direct)', () => {
    const r = run(G1, [{ op: 'allocate', offset: 0, length: '1G' }, share4k]);
    expect(fns(r.last)).toContain('kvm_gmem_split_folio_in_filemap');
    expect(r.obs.folios).toEqual([expect.objectContaining({ offset: 0, size: 4096, count: 262144 })]);
    expect(r.obs.pool).toMatchObject({ reserved: 2, inUse: 1, vmemmapPages: 4096 });
  });

  it('to shared splits 1G -> 2M -> 4K only where needed (splitPath stepwise)', () => {
    const r = run({ ...G1, policy: { splitPath: 'stepwise' } }, [
      { op: 'allocate', offset: 0, length: '1G' },
      share4k,
    ]);
    expect(r.obs.folios.map((f) => [f.offset, f.size, f.count])).toEqual([
      [0, 4096, 512],
      [2097152, 2097152, 511],
    ]);
  });

  it('to shared zaps the private leaf and demotes the leaves it crosses', () => {
    const r = run(G1, [{ op: 'guestAccess', offset: '4K' }, share4k]);
    expect(r.results[0]?.events.find((e) => e.type === 'stage2_map')?.length).toBe(1073741824);
    expect(fns(r.last)).toContain('kvm_split_cross_boundary_leafs');
    expect(r.obs.guestMappings).toEqual([{ offset: 4096, length: 1073737728, level: 4096, kind: 'private' }]);
    expect(violated(r.state)).toEqual([]);
  });

  it('to shared refuses with EAGAIN while a transient reference holds the huge folio', () => {
    const r = run(G1, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'getRef', offset: '8K', holder: 'gup-fast' },
      share4k,
    ]);
    expect(r.last.refusal).toMatchObject({ errno: 'EAGAIN', rule: 'convert.split-unsafe', errorOffset: 0 });
    expect(r.last.state).toBe(r.results[1]?.state);
  });

  it('to private refuses with EAGAIN and error_offset while a page is pinned', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: '8K', length: '4K', holder: 'vfio' },
      { op: 'convert', offset: 0, length: '16K', to: 'private' },
    ]);
    expect(r.last.refusal).toMatchObject({
      errno: 'EAGAIN',
      rule: 'convert.unsafe-refcount',
      fn: 'kvm_gmem_is_safe_for_conversion',
      errorOffset: 8192,
    });
    expect(r.last.refusal?.reason).toBe(
      'folio at 0x2000 has 1 long-term pin (vfio); conversion to private needs no extra references',
    );
  });

  it('to private unmaps the VMM, zaps shared leaves and merges the block back', () => {
    const r = run(G1, [
      share4k,
      { op: 'hostMap', offset: 0, length: '2G' },
      { op: 'hostAccess', offset: 0 },
      { op: 'guestAccess', offset: 0 },
      priv4k,
    ]);
    expect(fns(r.last)).toEqual(
      expect.arrayContaining([
        'unmap_mapping_pages',
        'kvm_mmu_unmap_gfn_range',
        'kvm_gmem_try_merge_folio_in_filemap',
      ]),
    );
    expect(r.obs.folios).toEqual([expect.objectContaining({ offset: 0, size: 1073741824, count: 1 })]);
    expect(r.obs.hostMappings).toEqual([]);
    expect(r.obs.pool?.vmemmapPages).toBe(1);
  });

  it('hostUnmap "require" refuses while the VMM still maps the range', () => {
    const steps = [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ];
    const r = run({ initShared: true, policy: { hostUnmap: 'require' } }, steps);
    expect(r.last.refusal).toMatchObject({ errno: 'EAGAIN', rule: 'convert.host-mapped' });
    const ok = run({ initShared: true, policy: { hostUnmap: 'require' } }, [
      ...steps.slice(0, 2),
      { op: 'madviseDontneed', offset: 0, length: '4K' },
      steps[2] as Record<string, unknown>,
    ]);
    expect(outcome(ok.last)).toBe('ok');
  });

  it('mergeWhen never leaves the block split', () => {
    const r = run({ ...G1, policy: { mergeWhen: 'never' } }, [
      { op: 'allocate', offset: 0, length: '1G' },
      share4k,
      priv4k,
    ]);
    expect(r.obs.folios[0]).toMatchObject({ size: 4096, count: 262144 });
  });

  it('unsafeSkipRefCheck converts despite a pin and breaks invariant 1', () => {
    const r = run({ initShared: true, policy: { unsafeSkipRefCheck: true } }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: 0, length: '4K' },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ]);
    expect(outcome(r.last)).toBe('ok');
    expect(violated(r.state)).toEqual([1]);
  });

  it('unsafeSkipZap leaves a shared leaf on a private page and breaks invariant 2', () => {
    const r = run({ initShared: true, policy: { unsafeSkipZap: true } }, [
      { op: 'guestAccess', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ]);
    expect(violated(r.state)).toContain(2);
  });

  it('contents: preserved on sw_protected, zeroed where S-EPT-mapped on tdx, ciphertext on snp', () => {
    const steps = [{ op: 'guestAccess', offset: 0, write: true }, share4k];
    const content = (vm: string) => run({ vm }, steps).obs.contents.find((c) => c.offset === 0)?.content;
    expect(content('sw_protected')).toBe('guest');
    expect(content('pkvm')).toBe('guest');
    expect(content('tdx')).toBe('zero');
    expect(content('snp')).toBe('ciphertext');
  });
});

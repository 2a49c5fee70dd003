import { runsOf, toRuns } from '../state/rangeMap.ts';
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

  // x86 TDP (arch/x86/kvm/mmu/tdp_mmu.c tdp_mmu_zap_leafs): every leaf overlapping the range
  // goes, whole; the rest of the 1G leaf is faulted back lazily.
  it('to shared on sw_protected zaps the whole huge leaf it lands in (tdp_mmu_zap_leafs)', () => {
    const r = run(G1, [{ op: 'guestAccess', offset: '4K' }, share4k]);
    expect(r.results[0]?.events.find((e) => e.type === 'stage2_map')?.length).toBe(1073741824);
    expect(fns(r.last)).toContain('tdp_mmu_zap_leafs');
    expect(fns(r.last)).not.toContain('kvm_split_cross_boundary_leafs');
    expect(r.last.events.find((e) => e.type === 'stage2_zap')).toMatchObject({
      offset: 0,
      length: 1073741824,
    });
    expect(r.obs.guestMappings).toEqual([]);
    expect(violated(r.state)).toEqual([]);
  });

  // crossBoundary "split": the TDX huge page series' kvm_split_cross_boundary_leafs() runs on
  // every x86 VM's roots, so only the converted range loses its leaves.
  it('to shared with crossBoundary split demotes the leaves it crosses, then zaps the range', () => {
    const r = run({ ...G1, policy: { crossBoundary: 'split' } }, [
      { op: 'guestAccess', offset: '4K' },
      share4k,
    ]);
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
    // __kvm_gmem_set_attributes: unmap_mapping_pages() runs before the refcount check, and
    // EAGAIN does not undo it (semantics.md v2, "Refused operations can have side effects").
    expect(r.last.refusal?.reason).toBe(
      "folio at 0x2000 has 1 long-term pin (vfio); conversion to private needs no extra references; the VMM's PTEs in [0x0, 0x4000) were zapped first (unmap_mapping_pages) and stay zapped: the VMM faults them back on its next access",
    );
    expect(runsOf(r.results[1]?.state.ptes)).toEqual([{ start: 8192, end: 12288, value: true }]);
    expect(toRuns(r.last.state.ptes)).toEqual([]);
    expect(fns(r.last)).toEqual(['KVM_SET_MEMORY_ATTRIBUTES2', 'unmap_mapping_pages']);
    // Nothing else changed: the attributes, the pin and the folios are the state before.
    expect({ ...r.last.state, ptes: [] }).toEqual({ ...r.results[1]?.state, ptes: [] });
  });

  it('to private refused with nothing mapped changes nothing and has no events', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: '8K', length: '4K', holder: 'vfio' },
      { op: 'madviseDontneed', offset: '8K', length: '4K' },
      { op: 'convert', offset: 0, length: '16K', to: 'private' },
    ]);
    expect(r.last.refusal?.rule).toBe('convert.unsafe-refcount');
    expect(r.last.refusal?.reason).not.toContain('zapped');
    expect(r.last.state).toBe(r.results[2]?.state);
    expect(r.last.events).toEqual([]);
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
        'tdp_mmu_zap_leafs',
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

  it('says why a block that turned wholly private stays split (a transient reference), per mergeWhen', () => {
    const steps = [
      { op: 'allocate', offset: 0, length: '1G' },
      share4k,
      { op: 'getRef', offset: '0x5000', holder: 'lru' },
      priv4k,
    ];
    const skipped = (mergeWhen: string) =>
      run({ ...G1, policy: { mergeWhen } }, steps).last.events.filter(
        (e) => e.type === 'folio_merge_skipped',
      );
    expect(skipped('convert')).toEqual([
      expect.objectContaining({
        fn: 'kvm_gmem_try_merge_folio_in_filemap',
        offset: 0,
        length: 2 ** 30,
        detail: expect.stringMatching(
          /^stays split: a folio in 0x0\+1G holds extra references \(lru\) \(mergeWhen convert/,
        ),
      }),
    ]);
    expect(skipped('lastRef')[0]?.detail).toContain('tried again when a reference drops');
    expect(skipped('never')).toEqual([]);
    // Still shared somewhere: split by design, nothing to say.
    const mixed = run(G1, [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'convert', offset: 0, length: '8K', to: 'shared' },
      priv4k,
    ]);
    expect(mixed.last.events.map((e) => e.type)).not.toContain('folio_merge_skipped');
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

  // Spec v2: what the guest reads after conversion to private, where the host wrote while the
  // page was shared (guest_memfd_conversions_test.c init_shared on sw_protected; TDX:
  // TDG.MEM.PAGE.ACCEPT zeroes the page the guest accepts; SNP: the RMP makes the host's
  // plaintext read through the guest's key).
  it('contents to private: kept on sw_protected and pkvm, zero on tdx, ciphertext on snp', () => {
    const steps = [
      { op: 'convert', offset: 0, length: '8K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0, write: true },
      { op: 'guestAccess', offset: '4K', write: true },
      { op: 'convert', offset: 0, length: '8K', to: 'private' },
    ];
    const after = (vm: string) => run({ vm }, steps);
    const contents = (vm: string) => after(vm).obs.contents;
    expect(contents('sw_protected')).toEqual([
      { offset: 0, length: 4096, content: 'host' },
      { offset: 4096, length: 4096, content: 'guest' },
    ]);
    expect(contents('pkvm')).toEqual(contents('sw_protected'));
    expect(contents('tdx')).toEqual([{ offset: 0, length: 8192, content: 'zero' }]);
    expect(fns(after('tdx').last)).toContain('tdx_accept_memory');
    expect(contents('snp')).toEqual([{ offset: 0, length: 8192, content: 'ciphertext' }]);
    expect(fns(after('snp').last)).toContain('rmp_make_private');
    // Pages that were private already are not touched by the conversion.
    const mixed = run({ vm: 'tdx' }, [
      { op: 'guestAccess', offset: 0, write: true },
      { op: 'convert', offset: '4K', length: '4K', to: 'shared' },
      { op: 'guestAccess', offset: '4K', write: true },
      { op: 'convert', offset: 0, length: '8K', to: 'private' },
    ]);
    expect(mixed.obs.contents).toEqual([
      { offset: 0, length: 4096, content: 'guest' },
      { offset: 4096, length: 4096, content: 'zero' },
    ]);
  });

  // RFC1G-v2 38/51 filemap_remove_folio_for_restructuring: folio_ref_freeze() spins with
  // WARN_ONCE "Spinning on folio" while a reference is held; the model's EAGAIN says so.
  it('to shared on a referenced huge folio: EAGAIN whose sentence says the kernel spins', () => {
    const r = run(G1, [{ op: 'allocate', offset: 0, length: '1G' }, { op: 'getRef', offset: '8K' }, share4k]);
    expect(r.last.refusal).toMatchObject({ errno: 'EAGAIN', rule: 'convert.split-unsafe' });
    expect(r.last.refusal?.reason).toContain('Spinning on folio');
    expect(r.last.refusal?.reason).toContain('the kernel does not return');
    expect(r.last.state).toBe(r.results[1]?.state);
  });
});

/**
 * Replays of the in-place conversion series' selftest
 * tools/testing/selftests/kvm/x86/guest_memfd_conversions_test.c ("guest_memfd: In-place
 * conversion support"; text read from intel-lab-lkp/linux at c1c5ada72c94 with the search
 * tool's read_file). Every test there runs on a KVM_X86_SW_PROTECTED_VM with one memslot
 * binding a GUEST_MEMFD_FLAG_MMAP guest_memfd (plus INIT_SHARED for the *_shared tests),
 * converts with KVM_SET_MEMORY_ATTRIBUTES2 on the guest_memfd fd, and reads and writes one
 * byte per page from the host (t->mem, the mmap) and from the guest.
 *
 * The model tracks who last wrote a page, not the byte: a selftest value the guest wrote is
 * 'guest', one the host wrote is 'host', 0 is 'zero'. sw_protected preserves contents in both
 * directions, which is exactly what the selftest's expected values assert.
 */
import { describe, expect, it } from 'vitest';
import { PAGE, Script, at, attrs, run, scenario, type Json } from './script.ts';

/** gmem_conversions_do_setup: nr_pages pages, MMAP (+ INIT_SHARED), the host maps them all. */
function setup(nrPages: number, initShared: boolean): { s: Script; gmem: Json } {
  const s = new Script();
  s.step({ op: 'hostMap', offset: 0, length: nrPages * PAGE }, 'vm_mem_add + addr_gpa2hva: the host mapping');
  return { s, gmem: { size: nrPages * PAGE, mmap: true, initShared } };
}

const pg = (i: number): number => i * PAGE;

// Replays of whole selftests: seconds each on a busy machine, so a generous limit.
describe('x86/guest_memfd_conversions_test.c (in-place conversion series)', { timeout: 60_000 }, () => {
  // GMEM_CONVERSION_TEST_INIT_PRIVATE(init_private):
  //   test_private(t, 0, 0, 'A'); test_convert_to_shared(t, 0, 'A', 'B', 'C');
  //   test_convert_to_private(t, 0, 'C', 'E');
  it('init_private: private, then shared, then private again; contents survive both ways', () => {
    const { s, gmem } = setup(1, false);
    s.testPrivate(0, 'zero');
    s.convert(0, PAGE, 'shared', 'test_convert_to_shared');
    s.testShared(0, 'guest');
    s.convert(0, PAGE, 'private', 'test_convert_to_private');
    s.testPrivate(0, 'guest');
    const t = run(scenario('init_private', gmem, s.steps));
    expect(s.problems(t)).toEqual([]);
    // One folio throughout: conversion never reallocates (in place).
    expect(at(t, t.steps.length - 1).state.folios).toEqual([
      expect.objectContaining({ offset: 0, size: PAGE, count: 1, mapcount: 0 }),
    ]);
  });

  // GMEM_CONVERSION_TEST_INIT_SHARED(init_shared):
  //   test_shared(t, 0, 0, 'A', 'B'); test_convert_to_private(t, 0, 'B', 'C');
  //   test_convert_to_shared(t, 0, 'C', 'D', 'E');
  it('init_shared: shared, private (guest reads its shared write), shared again', () => {
    const { s, gmem } = setup(1, true);
    s.testShared(0, 'zero');
    const toPrivate = s.convert(0, PAGE, 'private', 'test_convert_to_private');
    s.testPrivate(0, 'guest');
    s.convert(0, PAGE, 'shared', 'test_convert_to_shared');
    s.testShared(0, 'guest');
    const t = run(scenario('init_shared', gmem, s.steps));
    expect(s.problems(t)).toEqual([]);
    // The conversion unmapped the VMM and zapped the shared stage-2 entry itself.
    expect(at(t, toPrivate).state).toMatchObject({ hostMappings: [], guestMappings: [] });
  });

  // GMEM_CONVERSION_MULTIPAGE_TEST_INIT_SHARED(indexing, 4), for test_page = 0..3.
  it('indexing: converting one page of four leaves the others shared and untouched', () => {
    for (let tp = 0; tp < 4; tp++) {
      const { s, gmem } = setup(4, true);
      for (let i = 3; i >= 0; i--) s.testShared(pg(i), 'zero');
      const toPrivate = s.convert(pg(tp), PAGE, 'private', 'test_convert_to_private');
      s.testPrivate(pg(tp), 'guest');
      for (let i = 0; i < 4; i++) if (i !== tp) s.testShared(pg(i), 'guest');
      s.convert(pg(tp), PAGE, 'shared', 'test_convert_to_shared');
      s.testShared(pg(tp), 'guest');
      for (let i = 0; i < 4; i++) s.testShared(pg(i), 'guest');
      const t = run(scenario(`indexing, test_page ${tp}`, gmem, s.steps));
      expect(s.problems(t)).toEqual([]);
      const after = at(t, toPrivate).state;
      expect(after.shareability.find((r) => r.state === 'private')).toEqual({
        offset: pg(tp),
        length: PAGE,
        state: 'private',
      });
      // Only the converted page lost its PTE and its shared stage-2 entry.
      expect(after.hostMappings.reduce((n, m) => n + m.length, 0)).toBe(3 * PAGE);
      expect(
        after.guestMappings.every(
          (m) => m.kind === 'shared' && (m.offset + m.length <= pg(tp) || m.offset >= pg(tp + 1)),
        ),
      ).toBe(true);
    }
  });

  // before_allocation_shared: test_convert_to_private(t, 0, 0, 'A') on an INIT_SHARED file
  // with nothing allocated; before_allocation_private: test_convert_to_shared(t, 0, 0, 'A',
  // 'B') on a private one. The attribute is recorded without any folio.
  it('before_allocation_shared / before_allocation_private: conversions are recorded without memory', () => {
    const a = setup(1, true);
    const ca = a.s.convert(0, PAGE, 'private', 'test_convert_to_private');
    a.s.testPrivate(0, 'zero');
    const ta = run(scenario('before_allocation_shared', a.gmem, a.s.steps));
    expect(a.s.problems(ta)).toEqual([]);
    expect(at(ta, ca).state).toMatchObject({
      folios: [],
      shareability: [{ offset: 0, length: PAGE, state: 'private' }],
    });

    const b = setup(1, false);
    const cb = b.s.convert(0, PAGE, 'shared', 'test_convert_to_shared');
    b.s.testShared(0, 'zero');
    const tb = run(scenario('before_allocation_private', b.gmem, b.s.steps));
    expect(b.s.problems(tb)).toEqual([]);
    expect(at(tb, cb).state).toMatchObject({
      folios: [],
      shareability: [{ offset: 0, length: PAGE, state: 'shared' }],
    });
  });

  // GMEM_CONVERSION_MULTIPAGE_TEST_INIT_SHARED(unallocated_folios, 8): the host writes 'A'
  // into test_page and page 4, everything converts to private at once, and the guest reads
  // the host's 'A' where it was written and 0 elsewhere; then page by page back to shared.
  it('unallocated_folios: the guest reads the host data of the pages the host wrote before conversion', () => {
    for (let tp = 0; tp < 8; tp++) {
      const { s, gmem } = setup(8, true);
      s.hostRmw(pg(tp), 'zero');
      if (tp !== 4) s.hostRmw(pg(4), 'zero');
      const bulk = s.convert(0, 8 * PAGE, 'private', 'gmem_set_private(0, nr_pages)');
      for (let i = 0; i < 8; i++) s.testPrivate(pg(i), i === tp || i === 4 ? 'host' : 'zero');
      for (let i = 0; i < 8; i++) {
        s.convert(pg(i), PAGE, 'shared', 'test_convert_to_shared');
        s.testShared(pg(i), 'guest');
      }
      const t = run(scenario(`unallocated_folios, test_page ${tp}`, gmem, s.steps));
      expect(s.problems(t)).toEqual([]);
      // The conversion itself allocates nothing: only the two faulted pages have folios.
      const folioPages = at(t, bulk).state.folios.flatMap((f) =>
        Array.from({ length: f.count }, (_, k) => (f.offset + k * f.size) / PAGE),
      );
      expect(folioPages).toEqual([...new Set([tp, 4])].toSorted((x, y) => x - y));
    }
  });

  // GMEM_CONVERSION_TEST_INIT_SHARED(truncate): "Truncation should not affect shared/private
  // status." The host writes, PUNCH_HOLE, the host reads 0 and writes again; convert to
  // private, the guest reads the host's byte; PUNCH_HOLE again; the guest now reads 0.
  it('truncate: PUNCH_HOLE frees memory but keeps shared/private status', () => {
    const { s, gmem } = setup(1, true);
    s.hostRmw(0, 'zero');
    const p1 = s.step({ op: 'punchHole', offset: 0, length: PAGE }, 'kvm_fallocate(PUNCH_HOLE)');
    s.hostRmw(0, 'zero');
    s.convert(0, PAGE, 'private', 'test_convert_to_private');
    s.testPrivate(0, 'host');
    const p2 = s.step({ op: 'punchHole', offset: 0, length: PAGE }, 'kvm_fallocate(PUNCH_HOLE)');
    s.testPrivate(0, 'zero');
    const t = run(scenario('truncate', gmem, s.steps));
    expect(s.problems(t)).toEqual([]);
    expect(at(t, p1).state).toMatchObject({ folios: [], hostMappings: [], contents: [] });
    expect(attrs(at(t, p1).state)).toEqual([[0, PAGE, 'shared']]);
    expect(at(t, p2).state).toMatchObject({ folios: [], guestMappings: [], contents: [] });
    expect(attrs(at(t, p2).state)).toEqual([[0, PAGE, 'private']]);
  });

  // GMEM_CONVERSION_TEST_INIT_SHARED(forked_accesses), with the model's single VMM: the
  // parent's test_shared, the child's host_do_rmw(0xB -> 0xC), the conversion (which unmaps
  // the page from every process: unmap_mapping_pages), then test_private sees the child's
  // 0xC and both host load and store SIGBUS.
  it('forked_accesses: conversion to private unmaps the page from the host, which then SIGBUSes', () => {
    const { s, gmem } = setup(1, true);
    s.testShared(0, 'zero');
    s.hostRmw(0, 'guest', 'child host_do_rmw');
    const conv = s.convert(0, PAGE, 'private', 'test_convert_to_private');
    s.testPrivate(0, 'host');
    s.hostSigbus(0, false, 'child TEST_EXPECT_SIGBUS');
    s.hostSigbus(0, true, 'child TEST_EXPECT_SIGBUS');
    const t = run(scenario('forked_accesses', gmem, s.steps));
    expect(s.problems(t)).toEqual([]);
    expect(at(t, conv - 1).state.hostMappings).toEqual([{ offset: 0, length: PAGE, level: PAGE }]);
    expect(at(t, conv).state.hostMappings).toEqual([]);
    expect(at(t, conv).state.vmas).toEqual([{ offset: 0, length: PAGE }]);
  });

  // GMEM_CONVERSION_MULTIPAGE_TEST_INIT_SHARED(elevated_refcount, 4), test_page = 0..3:
  // pin test_page; bulk conversion of all four pages fails with EAGAIN and error_offset =
  // test_page * page_size; page-wise, every other page converts and test_page fails with the
  // same error_offset; after unpin_pages() the bulk conversion (a mixed range) succeeds and
  // the guest reads what it wrote while the pages were shared.
  it('elevated_refcount: a pinned page fails conversion with EAGAIN at its error_offset until unpinned', () => {
    for (let tp = 0; tp < 4; tp++) {
      const { s, gmem } = setup(4, true);
      s.step(
        { op: 'pin', offset: pg(tp), length: PAGE, holder: 'gup_test' },
        'pin_pages (PIN_LONGTERM_TEST_START)',
      );
      for (let i = 0; i < 4; i++) s.testShared(pg(i), 'zero');
      const bulk = s.convertFails(0, 4 * PAGE, pg(tp), 'bulk test_convert_to_private_fails');
      for (let i = 0; i < 4; i++) {
        if (i === tp) s.convertFails(pg(i), PAGE, pg(tp));
        else {
          s.convert(pg(i), PAGE, 'private', 'test_convert_to_private');
          s.testPrivate(pg(i), 'guest');
        }
      }
      const unpin = s.step({ op: 'unpin', offset: pg(tp), length: PAGE, holder: 'gup_test' }, 'unpin_pages');
      s.convert(0, 4 * PAGE, 'private', 'gmem_set_private(0, nr_pages)');
      for (let i = 0; i < 4; i++) s.testPrivate(pg(i), 'guest');
      const t = run(scenario(`elevated_refcount, test_page ${tp}`, gmem, s.steps));
      expect(s.problems(t)).toEqual([]);
      expect(at(t, bulk)).toMatchObject({
        rule: 'convert.unsafe-refcount',
        fn: 'kvm_gmem_is_safe_for_conversion',
      });
      // All or nothing: the refused bulk conversion changed no attribute.
      expect(attrs(at(t, bulk).state)).toEqual([[0, 4 * PAGE, 'shared']]);
      expect(at(t, unpin - 1).state.folios.find((f) => f.offset === pg(tp))).toMatchObject({ pincount: 1 });
      expect(attrs(at(t, t.steps.length - 1).state)).toEqual([[0, 4 * PAGE, 'private']]);
    }
  });

  // kernel-notes b.8 (IPC __kvm_gmem_set_attributes step 1, patch 12/42): a range that
  // already has the requested attributes returns 0 at once, with no unmapping and no
  // refcount check, so it succeeds even while the folio is referenced. The selftest file
  // read above has no function for this; the scenario below exercises the rule directly.
  it('a range already private (or shared) converts to the same state even while referenced', () => {
    const { s, gmem } = setup(2, true);
    s.convert(0, PAGE, 'private');
    s.guestRmw(0, 'zero');
    s.step({ op: 'getRef', offset: 0, holder: 'pfn-walker' }, 'a transient reference on the private folio');
    const same = s.convert(0, PAGE, 'private', 'already private: no-op despite the reference');
    s.step({ op: 'pin', offset: pg(1), length: PAGE, holder: 'vfio' }, 'pin the shared page');
    const sameShared = s.convert(pg(1), PAGE, 'shared', 'already shared: no-op despite the pin');
    s.convert(0, PAGE, 'shared', 'to shared: no refcount check');
    s.convertFails(0, PAGE, 0, 'back to private: the reference now blocks it');
    s.convertFails(0, 2 * PAGE, 0, 'the pinned page blocks it too');
    s.step({ op: 'putRef', offset: 0, holder: 'pfn-walker' }, 'drop the reference');
    s.convertFails(0, 2 * PAGE, pg(1), 'only the pin is left: error_offset moves to it');
    s.step({ op: 'unpin', offset: pg(1), length: PAGE, holder: 'vfio' }, 'unpin');
    s.convert(0, 2 * PAGE, 'private');
    const t = run(scenario('already-private conversion while referenced', gmem, s.steps));
    expect(s.problems(t)).toEqual([]);
    expect(at(t, same).events.map((e) => e.type)).toEqual(['set_attributes', 'no_change']);
    expect(at(t, sameShared).events.map((e) => e.type)).toEqual(['set_attributes', 'no_change']);
    expect(at(t, sameShared).state.hostMappings).toEqual([{ offset: PAGE, length: PAGE, level: PAGE }]);
  });
});

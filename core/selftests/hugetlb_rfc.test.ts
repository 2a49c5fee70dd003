/**
 * Replays of the selftests of the HugeTLB series ("1G page support for guest_memfd"):
 *
 * - RFC v1 (seed 001): tools/testing/selftests/kvm/guest_memfd_pin_test.c, read from
 *   xzpeter/linux at 91f8b25696d9 with the search tool's read_file.
 * - RFC v2: tools/testing/selftests/kvm/guest_memfd_conversions_test.c of that era (the
 *   successor of v1's guest_memfd_sharing_test.c), read through find_string/read_file (the
 *   index gives the text, store id 57505706666, without naming its repository), with the
 *   patch hunk adding test_truncate_shared_while_pinned (store id 17286463723, May 2025).
 *
 * v2's setup_test(): a KVM_X86_SW_PROTECTED_VM, a guest_memfd with
 * GUEST_MEMFD_FLAG_SUPPORT_SHARED (= the model's `mmap`), shared unless INIT_PRIVATE (=
 * `initShared: !init_private`), HugeTLB 2M/1G per test_page_size, one memslot, and the host
 * mmap of the whole file. test_with_size() runs every test for 4K, 2M and 1G pages; so do
 * these replays. Contents: 'zero' | 'host' | 'guest' stand for who wrote the byte the
 * selftest checks (sw_protected preserves contents across conversion).
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../index.ts';
import { PAGE, SZ_1G, SZ_2M, Script, at, attrs, last, run, scenario, type Json } from './script.ts';

const SIZES: [string, number][] = [
  ['4K', PAGE],
  ['2M', SZ_2M],
  ['1G', SZ_1G],
];

/** A HugeTLB page size (2M, 1G), as opposed to plain 4K guest_memfd. */
const huge = (P: number): boolean => P !== PAGE;

/** setup_test(total, init_private): the file and the host's mmap of all of it. */
function setup(P: number, total: number, initPrivate: boolean): { s: Script; gmem: Json } {
  const s = new Script();
  s.step({ op: 'hostMap', offset: 0, length: total }, 'add_memslot: mmap of the whole guest_memfd');
  return { s, gmem: { size: total, pageSize: P, mmap: true, initShared: !initPrivate } };
}

/**
 * The folio layout of [a, b) (default: the whole file) as maximal [offset, size, count] runs,
 * whatever the reference counts.
 */
function folios(o: Observation, a = 0, b = Infinity): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const f of o.folios) {
    const start = Math.max(f.offset, a);
    const end = Math.min(f.offset + f.size * f.count, b);
    if (start >= end) continue;
    const count = (end - start) / f.size;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev[1] === f.size && prev[0] + prev[1] * prev[2] === start) prev[2] += count;
    else out.push([start, f.size, count]);
  }
  return out;
}

// Replays of whole selftests: seconds each on a busy machine, so a generous limit.
const SLOW = { timeout: 60_000 };

describe('guest_memfd_pin_test.c (HugeTLB RFC v1)', SLOW, () => {
  // run_test(): a one-page guest_memfd on a SW_PROTECTED VM, all shared. Toggling private and
  // back works; after pin_pages() (gup_test PIN_LONGTERM_TEST_START, FOLL_LONGTERM) and
  // MADV_DONTNEED, setting PRIVATE must fail; after unpin_pages() it succeeds.
  //
  // v1 answered the refused conversion with EINVAL (its KVM_SET_MEMORY_ATTRIBUTES path). The
  // model follows the later series, where the same refusal is EAGAIN (RFC v2
  // __test_conversions_should_fail_if_memory_has_elevated_refcount and the in-place series'
  // elevated_refcount both assert EAGAIN), so EAGAIN is asserted here.
  it('run_test: a pinned shared page cannot become private; after unpin it can', () => {
    const s = new Script();
    s.step({ op: 'hostMap', offset: 0, length: PAGE }, 'mmap(MAP_SHARED)');
    s.convert(0, PAGE, 'private', 'vm_mem_set_private before pinning');
    s.convert(0, PAGE, 'shared', 'vm_mem_set_shared before pinning');
    const pin = s.step({ op: 'pin', offset: 0, length: PAGE, holder: 'gup_test' }, 'pin_pages');
    const dontneed = s.step({ op: 'madviseDontneed', offset: 0, length: PAGE }, 'madvise(MADV_DONTNEED)');
    const refused = s.convertFails(0, PAGE, 0, 'set PRIVATE while pinned');
    s.step({ op: 'unpin', offset: 0, length: PAGE, holder: 'gup_test' }, 'unpin_pages');
    const done = s.convert(0, PAGE, 'private', 'vm_mem_set_private after unpin');
    const t = run(
      scenario('guest_memfd_pin_test run_test', { size: '4K', mmap: true, initShared: true }, s.steps),
    );
    expect(s.problems(t)).toEqual([]);
    // Pinning faulted the page in; MADV_DONTNEED removed the PTE but not the pin.
    expect(at(t, pin).state.folios).toEqual([
      expect.objectContaining({ offset: 0, mapcount: 1, pincount: 1 }),
    ]);
    expect(at(t, dontneed).state.hostMappings).toEqual([]);
    expect(at(t, dontneed).state.folios).toEqual([
      expect.objectContaining({ offset: 0, mapcount: 0, pincount: 1, refcount: 1 + 1024 }),
    ]);
    expect(at(t, refused).reason).toContain('gup_test');
    expect(attrs(at(t, refused).state)).toEqual([[0, PAGE, 'shared']]);
    expect(attrs(at(t, done).state)).toEqual([[0, PAGE, 'private']]);
  });
});

/** The VMM's PTEs outside [a, b). */
const outside = (o: Observation, a: number, b: number) =>
  o.hostMappings
    .flatMap((m) => [
      [m.offset, Math.min(m.offset + m.length, a)],
      [Math.max(m.offset, b), m.offset + m.length],
    ])
    .filter(([x, y]) => (x as number) < (y as number));

/** An observation without what the VMM's PTEs count (hostMappings, mapcount, refcount). */
const unmappedView = (o: Observation) => ({
  ...o,
  hostMappings: [],
  folios: o.folios.map((f) => ({ ...f, mapcount: 0, refcount: 0 })),
});

describe('guest_memfd_conversions_test.c (HugeTLB RFC v2), for 4K, 2M and 1G pages', SLOW, () => {
  // Each test runs its scenario for every page size and compares what it found, per size,
  // with what the selftest (and the HugeTLB design behind it) expects.

  // test_sharing(): host writes 'A', the guest reads 'A' and writes 'B'; convert to private:
  // the host cannot fault, the guest reads 'B' and writes 'C'; convert to shared: the host
  // reads 'C' and writes 'D', the guest reads 'D' and writes 'E'.
  it('test_sharing: contents survive both conversions; the block merges and splits', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, P, false);
      s.hostWrite(0, "host_use_memory(mem, 'X', 'A')");
      s.guestRmw(0, 'host');
      const toPrivate = s.convert(0, P, 'private', 'guest_memfd_convert_private');
      s.hostSigbus(0, true, 'assert_host_cannot_fault');
      const guestPrivate = s.step({ op: 'guestAccess', offset: 0 }, 'guest reads B', 'ok', {
        seen: { offset: 0, value: 'guest' },
      });
      s.guestWrite(0);
      const toShared = s.convert(0, P, 'shared', 'guest_memfd_convert_shared');
      s.hostRmw(0, 'guest');
      s.guestRmw(0, 'host');
      const t = run(scenario(`test_sharing ${name}`, gmem, s.steps));
      return {
        name,
        problems: s.problems(t),
        // A shared index lives in 4K folios: the block was split at allocation, merges when
        // it becomes wholly private (kvm_gmem_try_merge_folio_in_filemap) and splits
        // straight to 4K again on conversion to shared.
        sharedLayout: folios(at(t, toPrivate - 1).state),
        privateLayout: folios(at(t, toPrivate).state),
        pool: at(t, toPrivate).state.pool,
        // The guest maps the private block with one leaf as large as the folio.
        privateLeaf: at(t, guestPrivate).state.guestMappings,
        backToShared: { layout: folios(at(t, toShared).state), leaves: at(t, toShared).state.guestMappings },
      };
    });
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({
        name,
        problems: [],
        sharedLayout: [[0, PAGE, P / PAGE]],
        privateLayout: [[0, P, 1]],
        pool: huge(P) ? { pageSize: P, reserved: 1, inUse: 1, vmemmapPages: 1 } : undefined,
        privateLeaf: [{ offset: 0, length: P, level: P, kind: 'private' }],
        backToShared: { layout: [[0, PAGE, P / PAGE]], leaves: [] },
      })),
    );
  });

  // test_init_mappable_false(): INIT_PRIVATE. The host cannot fault; the guest writes 'A';
  // convert to shared: the host reads 'A' and writes 'B', the guest reads 'B'.
  it('test_init_mappable_false: a private file, then converted to shared', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, P, true);
      s.hostSigbus(0, true, 'assert_host_cannot_fault');
      const g = s.guestWrite(0, "guest_use_memory(gva, 'X', 'A')");
      s.convert(0, P, 'shared', 'guest_memfd_convert_shared');
      s.hostRmw(0, 'guest');
      s.guestRmw(0, 'host');
      const t = run(scenario(`test_init_mappable_false ${name}`, gmem, s.steps));
      return {
        name,
        problems: s.problems(t),
        layout: folios(at(t, g).state),
        contents: at(t, g).state.contents,
      };
    });
    // A private fault allocates the whole block as one folio and zeroes it (folio_zero_user).
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({
        name,
        problems: [],
        layout: [[0, P, 1]],
        contents: [
          { offset: 0, length: PAGE, content: 'guest' },
          ...(huge(P) ? [{ offset: PAGE, length: P - PAGE, content: 'zero' }] : []),
        ],
      })),
    );
  });

  // test_conversion_before_allocation(): "even if there are no folios yet, conversion
  // requests are recorded in guest_memfd".
  it('test_conversion_before_allocation: conversion without folios is recorded', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, P, false);
      const conv = s.convert(0, P, 'private', 'guest_memfd_convert_private');
      s.hostSigbus(0, true, 'assert_host_cannot_fault');
      s.guestWrite(0, "guest_use_memory(gva, 'X', 'A')");
      s.convert(0, P, 'shared', 'guest_memfd_convert_shared');
      s.hostRmw(0, 'guest');
      s.guestRmw(0, 'host');
      const t = run(scenario(`test_conversion_before_allocation ${name}`, gmem, s.steps));
      return {
        name,
        problems: s.problems(t),
        folios: at(t, conv).state.folios,
        inUse: at(t, conv).state.pool?.inUse,
      };
    });
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({ name, problems: [], folios: [], inUse: huge(P) ? 0 : undefined })),
    );
  });

  // test_conversion_if_not_all_folios_allocated(): 16 pages of test_page_size; for each
  // page_to_fault, the host writes 'A' there and at page 8; all 16 convert to private; the
  // guest reads 'A' where the host wrote; all convert back and both sides see each other.
  it('test_conversion_if_not_all_folios_allocated: partly allocated ranges convert both ways', () => {
    const cases = SIZES.flatMap(([name, P]) => Array.from({ length: 16 }, (_, ptf) => ({ name, P, ptf })));
    const found = cases.map(({ name, P, ptf }) => {
      const { s, gmem } = setup(P, 16 * P, false);
      s.hostWrite(ptf * P, "host_use_memory(page_to_fault, 'X', 'A')");
      s.hostWrite(8 * P, "host_use_memory(8, 'X', 'A')");
      const conv = s.convert(0, 16 * P, 'private', 'guest_memfd_convert_private(0, total)');
      for (let i = 0; i < 16; i++) {
        s.hostSigbus(i * P, true, 'assert_host_cannot_fault');
        // 'X' (unchecked) for the pages never faulted: a fresh page reads zero.
        s.guestRmw(i * P, i === ptf || i === 8 ? 'host' : 'zero');
      }
      s.convert(0, 16 * P, 'shared', 'guest_memfd_convert_shared(0, total)');
      for (let i = 0; i < 16; i++) {
        s.hostRmw(i * P, 'guest');
        s.guestRmw(i * P, 'host');
      }
      const t = run(scenario(`test_conversion_if_not_all_folios_allocated ${name} ${ptf}`, gmem, s.steps));
      const o = at(t, conv).state;
      return {
        name,
        ptf,
        problems: s.problems(t),
        // Which blocks hold memory after the conversion, and in folios of which sizes.
        blocks: o.folios.flatMap((f) =>
          Array.from({ length: (f.count * f.size) / P }, (_, k) => f.offset / P + k),
        ),
        folioSizes: [...new Set(o.folios.map((f) => f.size))],
        pool: [o.pool?.inUse, last(t).state.pool?.inUse],
      };
    });
    expect(found).toEqual(
      cases.map(({ name, P, ptf }) => {
        const blocks = [...new Set([ptf, 8])].toSorted((x, y) => x - y);
        // On HugeTLB the two allocated blocks merged back into one folio each.
        return {
          name,
          ptf,
          problems: [],
          blocks,
          folioSizes: [huge(P) ? P : PAGE],
          pool: huge(P) ? [blocks.length, 16] : [undefined, undefined],
        };
      }),
    );
  });

  // test_conversions_should_not_affect_surrounding_pages(): four pages, convert page 2 to
  // private and back; its neighbours stay host-accessible with their data.
  it('test_conversions_should_not_affect_surrounding_pages: only the converted block changes', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, 4 * P, false);
      for (let i = 0; i < 4; i++) {
        s.hostWrite(i * P);
        s.guestRmw(i * P, 'host');
      }
      const conv = s.convert(2 * P, P, 'private', 'guest_memfd_convert_private(page 2)');
      for (let i = 0; i < 4; i++) {
        if (i === 2) {
          s.hostSigbus(i * P, true, 'assert_host_cannot_fault');
          s.guestRmw(i * P, 'guest');
        } else {
          s.hostRmw(i * P, 'guest');
          s.guestRmw(i * P, 'host');
        }
      }
      s.convert(2 * P, P, 'shared', 'guest_memfd_convert_shared(page 2)');
      for (let i = 0; i < 4; i++) {
        s.hostRmw(i * P, 'guest');
        s.guestRmw(i * P, 'host');
      }
      const t = run(scenario(`test_conversions_should_not_affect_surrounding_pages ${name}`, gmem, s.steps));
      const o = at(t, conv).state;
      return { name, problems: s.problems(t), attrs: attrs(o), block2: folios(o, 2 * P, 3 * P) };
    });
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({
        name,
        problems: [],
        attrs: [
          [0, 2 * P, 'shared'],
          [2 * P, P, 'private'],
          [3 * P, P, 'shared'],
        ],
        block2: [[2 * P, P, 1]],
      })),
    );
  });

  // test_truncate_should_not_change_mappability(): punching keeps the page shared (the host
  // faults it again), and after conversion, punching keeps it private (the host still
  // cannot fault; the guest faults a fresh page).
  it('test_truncate_should_not_change_mappability: PUNCH_HOLE never changes shareability', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, P, false);
      s.hostWrite(0, "host_use_memory(mem, 'X', 'A')");
      const p1 = s.step(
        { op: 'punchHole', offset: 0, length: P },
        'truncating the first page should succeed',
      );
      s.hostWrite(0, "host_use_memory(mem, 'X', 'A')");
      s.convert(0, P, 'private', 'guest_memfd_convert_private');
      s.hostSigbus(0, true, 'assert_host_cannot_fault');
      s.guestRmw(0, 'host', "guest_use_memory(gva, 'A', 'A')");
      const p2 = s.step(
        { op: 'punchHole', offset: 0, length: P },
        'truncating the first page should succeed',
      );
      s.hostSigbus(0, true, 'assert_host_cannot_fault');
      s.guestRmw(0, 'zero', "guest_use_memory(gva, 'X', 'A')");
      const t = run(scenario(`test_truncate_should_not_change_mappability ${name}`, gmem, s.steps));
      const after = (i: number) => {
        const o = at(t, i).state;
        return {
          attrs: attrs(o),
          memory: [o.folios, o.orphans, o.hostMappings, o.guestMappings],
          inUse: o.pool?.inUse,
        };
      };
      return { name, problems: s.problems(t), punches: [after(p1), after(p2)] };
    });
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({
        name,
        problems: [],
        punches: (['shared', 'private'] as const).map((st) => ({
          attrs: [[0, P, st]],
          memory: [[], [], [], []],
          inUse: huge(P) ? 0 : undefined,
        })),
      })),
    );
  });

  // __test_conversions_should_fail_if_memory_has_elevated_refcount(test_page_size, 4, i):
  // pin page i (a whole test_page_size block); converting it to private fails with EAGAIN and
  // error_offset == i * test_page_size; after unpin_pages() it converts, its neighbours are
  // untouched, and it converts back to shared.
  it('test_conversions_should_fail_if_memory_has_elevated_refcount: EAGAIN at the pinned block', () => {
    const cases = SIZES.flatMap(([name, P]) => [0, 1, 2, 3].map((ptc) => ({ name, P, ptc })));
    const found = cases.map(({ name, P, ptc }) => {
      const { s, gmem } = setup(P, 4 * P, false);
      const pin = s.step(
        { op: 'pin', offset: ptc * P, length: P, holder: 'gup_test' },
        'pin_pages(page_to_convert)',
      );
      for (let i = 0; i < 4; i++) {
        s.hostWrite(i * P, "host_use_memory(i, 'X', 'A')");
        s.guestRmw(i * P, 'host');
      }
      const refused = s.convertFails(ptc * P, P, ptc * P, '__guest_memfd_convert_private');
      s.step({ op: 'unpin', offset: ptc * P, length: P, holder: 'gup_test' }, 'unpin_pages');
      const conv = s.convert(ptc * P, P, 'private', 'guest_memfd_convert_private');
      for (let i = 0; i < 4; i++) {
        if (i === ptc) {
          s.hostSigbus(i * P, true, 'assert_host_cannot_fault');
          s.guestWrite(i * P, "guest_use_memory(i, 'X', 'D')");
        } else {
          s.hostRmw(i * P, 'guest');
          s.guestRmw(i * P, 'host');
        }
      }
      s.convert(ptc * P, P, 'shared', 'guest_memfd_convert_shared');
      for (let i = 0; i < 4; i++) {
        if (i === ptc) s.hostWrite(i * P, "host_use_memory(i, 'X', 'E')");
        else s.hostRmw(i * P, 'guest');
        s.guestRmw(i * P, 'host');
      }
      const t = run(scenario(`elevated_refcount ${name} page ${ptc}`, gmem, s.steps));
      const pinned = at(t, pin).state.folios.find((f) => f.offset === ptc * P);
      return {
        name,
        ptc,
        problems: s.problems(t),
        // The pin covers the whole block: every 4K folio of it holds one pin.
        pinned: [pinned?.size, pinned?.count, pinned?.pincount],
        // All or nothing for the attributes; but __kvm_gmem_set_attributes unmapped the VMM
        // (unmap_mapping_pages) before the refcount check and EAGAIN leaves it so (spec v2,
        // "Refused operations can have side effects"): the block's PTEs are gone, nothing else.
        refusedAttrs: attrs(at(t, refused).state),
        refusedBlockPtes: at(t, refused).state.hostMappings.filter(
          (m) => m.offset < (ptc + 1) * P && m.offset + m.length > ptc * P,
        ),
        blockWasMapped: at(t, refused - 1).state.hostMappings.some(
          (m) => m.offset < (ptc + 1) * P && m.offset + m.length > ptc * P,
        ),
        otherPtesKept:
          JSON.stringify(outside(at(t, refused).state, ptc * P, (ptc + 1) * P)) ===
          JSON.stringify(outside(at(t, refused - 1).state, ptc * P, (ptc + 1) * P)),
        refusedElseUnchanged:
          JSON.stringify(unmappedView(at(t, refused).state)) ===
          JSON.stringify(unmappedView(at(t, refused - 1).state)),
        convertedBlock: folios(at(t, conv).state, ptc * P, (ptc + 1) * P),
      };
    });
    expect(found).toEqual(
      cases.map(({ name, P, ptc }) => ({
        name,
        ptc,
        problems: [],
        pinned: [PAGE, P / PAGE, 1],
        refusedAttrs: [[0, 4 * P, 'shared']],
        refusedBlockPtes: [],
        blockWasMapped: true,
        otherPtesKept: true,
        refusedElseUnchanged: true,
        convertedBlock: [[ptc * P, P, 1]],
      })),
    );
  });

  // test_truncate_shared_while_pinned(): a shared, allocated, wholly pinned file of one
  // test_page_size. PUNCH_HOLE: 4K succeeds ("no need to merge"); 2M/1G fail with EAGAIN
  // (the block must merge before truncation and the pins make it unsafe). After
  // unpin_pages(), PUNCH_HOLE succeeds.
  it('test_truncate_shared_while_pinned: 4K punch orphans the pinned page; 2M/1G punch is EAGAIN', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, P, false);
      const alloc = s.step({ op: 'allocate', offset: 0, length: P }, 'fallocate should have succeeded');
      s.step({ op: 'pin', offset: 0, length: P, holder: 'gup_test' }, 'pin_pages');
      const punch = huge(P)
        ? s.step(
            { op: 'punchHole', offset: 0, length: P },
            'truncate should have failed since pages are pinned',
            'EAGAIN',
          )
        : s.step(
            { op: 'punchHole', offset: 0, length: P },
            'truncate should have succeeded since there is no need to merge',
          );
      const unpin = s.step({ op: 'unpin', offset: 0, length: P, holder: 'gup_test' }, 'unpin_pages');
      const again = s.step(
        { op: 'punchHole', offset: 0, length: P },
        'truncate should succeed now that pages are unpinned',
      );
      const t = run(scenario(`test_truncate_shared_while_pinned ${name}`, gmem, s.steps));
      const p = at(t, punch);
      const end = at(t, again).state;
      return {
        name,
        problems: s.problems(t),
        allocated: folios(at(t, alloc).state),
        punch: {
          rule: p.rule,
          errorOffset: p.errorOffset,
          unchanged: JSON.stringify(p.state) === JSON.stringify(at(t, punch - 1).state),
        },
        // 4K: the pinned page leaves the file and lives on as an orphan until unpinned.
        orphans: [
          p.state.orphans.map((o) => [o.offset, o.size, o.count, o.pincount]),
          at(t, unpin).state.orphans,
        ],
        end: {
          attrs: attrs(end),
          memory: [end.folios, end.orphans, end.hostMappings],
          inUse: end.pool?.inUse,
        },
      };
    });
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({
        name,
        problems: [],
        allocated: [[0, PAGE, P / PAGE]],
        punch: huge(P)
          ? { rule: 'punch.merge-unsafe', errorOffset: 0, unchanged: true }
          : { rule: undefined, errorOffset: undefined, unchanged: false },
        orphans: [huge(P) ? [] : [[0, PAGE, 1, 1]], []],
        end: { attrs: [[0, P, 'shared']], memory: [[], [], []], inUse: huge(P) ? 0 : undefined },
      })),
    );
  });

  // test_truncate_private(): INIT_PRIVATE, fallocate, PUNCH_HOLE succeeds ("no need to
  // merge"): the block is one huge folio and goes straight back to the subpool.
  it('test_truncate_private: a private block truncates without merging', () => {
    const found = SIZES.map(([name, P]) => {
      const { s, gmem } = setup(P, P, true);
      const alloc = s.step({ op: 'allocate', offset: 0, length: P }, 'fallocate should have succeeded');
      const punch = s.step(
        { op: 'punchHole', offset: 0, length: P },
        'truncate should have succeeded since there is no need to merge',
      );
      const t = run(scenario(`test_truncate_private ${name}`, gmem, s.steps));
      return {
        name,
        problems: s.problems(t),
        allocated: folios(at(t, alloc).state),
        after: at(t, punch).state.folios,
        merged: at(t, punch).events.some((e) => e.fn === 'kvm_gmem_merge_truncate_indices'),
        inUse: at(t, punch).state.pool?.inUse,
      };
    });
    expect(found).toEqual(
      SIZES.map(([name, P]) => ({
        name,
        problems: [],
        allocated: [[0, P, 1]],
        after: [],
        merged: false,
        inUse: huge(P) ? 0 : undefined,
      })),
    );
  });

  // __test_close_with_pinning(size, init_private): fallocate, pin when shared, then
  // cleanup_test() (munmap, close) and only then unpin_pages(). Closing while pinned is fine;
  // after the unpin "the HugeTLB page got merged and returned to HugeTLB".
  it('test_close_with_pinning: the pinned block outlives close and returns to HugeTLB on unpin', () => {
    const cases = SIZES.flatMap(([name, P]) =>
      [true, false].map((initPrivate) => ({ name, P, initPrivate })),
    );
    const found = cases.map(({ name, P, initPrivate }) => {
      const { s, gmem } = setup(P, P, initPrivate);
      s.step({ op: 'allocate', offset: 0, length: P }, 'fallocate should have succeeded');
      if (!initPrivate) s.step({ op: 'pin', offset: 0, length: P, holder: 'gup_test' }, 'pin_pages');
      s.step({ op: 'hostUnmap', offset: 0, length: P }, 'cleanup_test: munmap');
      const close = s.step({ op: 'close' }, 'cleanup_test: close(guest_memfd)');
      const unpin = initPrivate
        ? close
        : s.step({ op: 'unpin', offset: 0, length: P, holder: 'gup_test' }, 'unpin_pages');
      const t = run(scenario(`test_close_with_pinning ${name} init_private=${initPrivate}`, gmem, s.steps));
      const closed = at(t, close).state;
      const end = at(t, unpin);
      return {
        name,
        initPrivate,
        problems: s.problems(t),
        closed: {
          open: closed.open,
          evicted: closed.evicted,
          folios: closed.folios,
          orphanPins: closed.orphans.map((o) => o.pincount),
          inUse: closed.pool?.inUse,
        },
        end: {
          orphans: end.state.orphans,
          pool: end.state.pool === undefined ? undefined : [end.state.pool.reserved, end.state.pool.inUse],
        },
        mergedBack:
          end.events.some((e) => e.fn === 'guestmem_hugetlb_handle_folio_put') &&
          end.events.some((e) => e.fn === 'free_huge_folio'),
      };
    });
    expect(found).toEqual(
      cases.map(({ name, P, initPrivate }) => ({
        name,
        initPrivate,
        problems: [],
        closed: {
          open: false,
          evicted: true,
          folios: [],
          orphanPins: initPrivate ? [] : [1],
          inUse: huge(P) ? (initPrivate ? 0 : 1) : undefined,
        },
        end: { orphans: [], pool: huge(P) ? [0, 0] : undefined },
        // The split, pinned block merges back through the folio_put callback on the last unpin.
        mergedBack: huge(P) && !initPrivate,
      })),
    );
  });
});

/**
 * Replays of the mainline selftest tools/testing/selftests/kvm/x86/private_mem_conversions_test.c
 * (torvalds/linux at 5171573ce7cb, read with the search tool's read_file), one vCPU, one
 * memslot, as far as the model reaches, plus the exit contract of
 * x86/private_mem_kvm_exits_test.c (same commit).
 *
 * Mainline runs this test with per-VM attributes (KVM_SET_MEMORY_ATTRIBUTES) and a separate
 * shared backing, so there "shared" data never lives in guest_memfd. The model is in-place
 * conversion: shared and private pages are the same guest_memfd folios, so the file here is
 * GUEST_MEMFD_FLAG_MMAP | INIT_SHARED ("Memory should be shared by default") and the host's
 * view of shared memory (addr_gpa2hva) is the guest_memfd mmap. Two consequences, both of the
 * design and not of the model: the host cannot read a private page at all (SIGBUS, where
 * mainline's memcmp_h reads the untouched shared backing), and PUNCH_HOLE on a range frees
 * its shared data too. Each test range therefore runs on a fresh file.
 */
import { describe, expect, it } from 'vitest';
import type { Observation, Trace } from '../index.ts';
import { PAGE, SZ_2M, Script, at, attrs, last, run, scenario } from './script.ts';

/** PER_CPU_DATA_SIZE = SZ_2M + PAGE_SIZE; the memfd is align_up(that, SZ_2M) = 4M. */
const DATA = SZ_2M + PAGE;
const MEMFD = 2 * SZ_2M;
const GMEM = { size: MEMFD, mmap: true, initShared: true };

/** test_ranges[]: GUEST_STAGE(offset, size). */
const RANGES: [number, number][] = [
  [0, PAGE],
  [0, SZ_2M],
  [PAGE, PAGE],
  [PAGE, SZ_2M],
  [SZ_2M, PAGE],
];

const pages = (a: number, b: number): number[] =>
  Array.from({ length: (b - a) / PAGE }, (_, i) => a + i * PAGE);

/** The content of every page of [a, b) is `value`. */
function allContent(o: Observation, a: number, b: number, value: string | undefined): boolean {
  return pages(a, b).every(
    (x) => o.contents.find((c) => c.offset <= x && x < c.offset + c.length)?.content === value,
  );
}

/** A mapping run overlaps [gpa, gpa + size). */
const overlaps = (m: { offset: number; length: number }, gpa: number, size: number): boolean =>
  m.offset < gpa + size && m.offset + m.length > gpa;

/** No stage-2 entry and no folio inside [a, b). */
function freed(o: Observation, a: number, b: number): boolean {
  return (
    !o.guestMappings.some((m) => overlaps(m, a, b - a)) &&
    !o.folios.some((f) => overlaps({ offset: f.offset, length: f.size * f.count }, a, b - a))
  );
}

function guestWriteAll(s: Script, a: number, b: number, label: string): void {
  for (const x of pages(a, b)) s.guestWrite(x, label);
}

function guestReadAll(s: Script, a: number, b: number, seen: 'zero' | 'host' | 'guest', label: string): void {
  for (const x of pages(a, b))
    s.step({ op: 'guestAccess', offset: x }, `${label}: guest reads`, 'ok', {
      seen: { offset: x, value: seen },
    });
}

/**
 * guest_test_explicit_conversion(base_gpa, do_fallocate) for one test range, on a fresh file;
 * handle_exit_hypercall turns each MAP_GPA_RANGE into fallocate (if asked) + a conversion.
 */
function explicitConversion(
  gpa: number,
  size: number,
  doFallocate: boolean,
): { s: Script; toPrivate: number; toShared: number; end: number } {
  const s = new Script();
  s.step({ op: 'hostMap', offset: 0, length: MEMFD }, 'the host view of the memslot (guest_memfd mmap)');
  // memset(base, def_p); memcmp_g; guest_sync_shared(def_p -> init_p); memcmp_g(init_p).
  guestWriteAll(s, 0, DATA, 'memset(base_gpa, def_p)');
  for (const x of pages(0, DATA)) s.hostRmw(x, 'guest', 'guest_sync_shared: memcmp_h(def_p), memset(init_p)');
  guestReadAll(s, 0, DATA, 'host', 'memcmp_g(base_gpa, init_p)');
  // memset(gpa, p1, size); guest_map_private(gpa, size, do_fallocate).
  guestWriteAll(s, gpa, gpa + size, 'memset(gpa, p1)');
  if (doFallocate)
    s.step({ op: 'allocate', offset: gpa, length: size }, 'vm_guest_mem_fallocate(map_shared = false)');
  const toPrivate = s.convert(gpa, size, 'private', 'vm_set_memory_attributes(PRIVATE)');
  if (size > PAGE) {
    s.guestWrite(gpa, 'memset(gpa, p2, PAGE_SIZE); goto skip');
  } else {
    s.guestWrite(gpa, 'memset(gpa, p2, size)');
    // guest_sync_private: mainline's host reads its shared backing; in place, private is SIGBUS.
    s.hostSigbus(gpa, false, 'guest_sync_private: memcmp_h');
    s.step({ op: 'guestAccess', offset: gpa }, 'memcmp_g(gpa, p2)', 'ok', {
      seen: { offset: gpa, value: 'guest' },
    });
    // The odd-frame loop: j = 0 is even, so guest_sync_private once more.
    s.hostSigbus(gpa, false, 'guest_sync_private: memcmp_h');
  }
  // skip: guest_map_shared(gpa, size, do_fallocate); memset(p3); guest_sync_shared(p3 -> p4); memcmp_g(p4).
  if (doFallocate)
    s.step(
      { op: 'punchHole', offset: gpa, length: size },
      'vm_guest_mem_fallocate(map_shared = true): PUNCH_HOLE',
    );
  const toShared = s.convert(gpa, size, 'shared', 'vm_set_memory_attributes(0)');
  guestWriteAll(s, gpa, gpa + size, 'memset(gpa, p3)');
  for (const x of pages(gpa, gpa + size))
    s.hostRmw(x, 'guest', 'guest_sync_shared: memcmp_h(p3), memset(p4)');
  guestReadAll(s, gpa, gpa + size, 'host', 'memcmp_g(gpa, p4)');
  guestWriteAll(s, gpa, gpa + size, 'memset(gpa, init_p)');
  // guest_map_shared(base_gpa, PER_CPU_DATA_SIZE, true): free everything for the next stage.
  s.step(
    { op: 'punchHole', offset: 0, length: DATA },
    'vm_guest_mem_fallocate(base, PER_CPU_DATA_SIZE): PUNCH_HOLE',
  );
  const end = s.convert(0, DATA, 'shared', 'vm_set_memory_attributes(0): already shared');
  return { s, toPrivate, toShared, end };
}

// Replays of whole selftests: seconds each on a busy machine, so a generous limit.
describe('x86/private_mem_conversions_test.c (mainline), in place', { timeout: 60_000 }, () => {
  // guest_test_explicit_conversion(base_gpa, false / true) for each of test_ranges[].
  it('guest_test_explicit_conversion: every test range converts to private and back, with and without fallocate', () => {
    const cases = [false, true].flatMap((doFallocate) =>
      RANGES.map(([gpa, size]) => ({ gpa, size, doFallocate })),
    );
    const found = cases.map(({ gpa, size, doFallocate }) => {
      const { s, toPrivate, toShared, end } = explicitConversion(gpa, size, doFallocate);
      const t: Trace = run(
        scenario(`guest_test_explicit_conversion ${gpa}+${size} do_fallocate=${doFallocate}`, GMEM, s.steps),
      );
      const priv = at(t, toPrivate).state;
      const shared = at(t, toShared).state;
      const done = at(t, end).state;
      return {
        gpa,
        size,
        doFallocate,
        problems: s.problems(t),
        privateRanges: attrs(priv).filter(([, , st]) => st === 'private'),
        // Converting zaps the VMM's PTEs and the shared stage-2 entries of the range only.
        rangeStillMapped:
          priv.hostMappings.some((m) => overlaps(m, gpa, size)) ||
          priv.guestMappings.some((m) => overlaps(m, gpa, size)),
        leafKinds: [...new Set(priv.guestMappings.map((m) => m.kind))],
        // "the rest of the data (map shared) still holds the initial pattern"; and
        // sw_protected keeps the bytes in place: the range still holds the guest's p1.
        restHoldsInitP: allContent(priv, 0, gpa, 'host') && allContent(priv, gpa + size, DATA, 'host'),
        rangeHoldsP1: allContent(priv, gpa, gpa + size, 'guest'),
        sharedAgain: attrs(shared),
        // With do_fallocate the private memory was punched before the conversion to shared.
        punchedBeforeShared: freed(shared, gpa, gpa + size),
        end: { freed: freed(done, 0, DATA), hostMappings: done.hostMappings, attrs: attrs(done) },
      };
    });
    expect(found).toEqual(
      cases.map(({ gpa, size, doFallocate }) => ({
        gpa,
        size,
        doFallocate,
        problems: [],
        privateRanges: [[gpa, size, 'private']],
        rangeStillMapped: false,
        leafKinds: ['shared'],
        restHoldsInitP: true,
        rangeHoldsP1: true,
        sharedAgain: [[0, MEMFD, 'shared']],
        punchedBeforeShared: doFallocate,
        end: { freed: true, hostMappings: [], attrs: [[0, MEMFD, 'shared']] },
      })),
    );
  });

  // guest_test_punch_hole(base_gpa, precise = false / true): the whole data range is private;
  // for each test range, free everything (PUNCH_HOLE), fault in and initialise (all of it, or
  // only the target range), punch the target range, and "verify that reads from the guest
  // succeed and return zeroes". Then test_mem_conversions' tail: with the VM gone, punching
  // and re-allocating the whole guest_memfd still succeeds.
  it('guest_test_punch_hole: punching zaps the stage-2 entries and the re-fault reads zero', () => {
    const found = [false, true].map((precise) => {
      const s = new Script();
      s.convert(0, DATA, 'private', 'guest_map_private(base_gpa, PER_CPU_DATA_SIZE, false)');
      const marks: { punched: number; reread: number; gpa: number; size: number }[] = [];
      for (const [gpa, size] of RANGES) {
        s.step({ op: 'punchHole', offset: 0, length: DATA }, 'guest_punch_hole(base_gpa, PER_CPU_DATA_SIZE)');
        const [a, b] = precise ? [gpa, gpa + size] : [0, DATA];
        guestWriteAll(s, a, b, 'memset(init_p)');
        guestReadAll(s, a, b, 'guest', 'memcmp_g(init_p)');
        const punched = s.step({ op: 'punchHole', offset: gpa, length: size }, 'guest_punch_hole(gpa, size)');
        guestReadAll(s, gpa, gpa + size, 'zero', 'memcmp_g(gpa, 0, size)');
        marks.push({ punched, reread: s.steps.length - 1, gpa, size });
      }
      s.step(
        { op: 'punchHole', offset: 0, length: MEMFD },
        'kvm_fallocate(PUNCH_HOLE, 0, memfd_size) after kvm_vm_free',
      );
      const realloc = s.step(
        { op: 'allocate', offset: 0, length: MEMFD },
        'kvm_fallocate(KEEP_SIZE, 0, memfd_size)',
      );
      s.step({ op: 'close' }, 'close(memfd)');
      const t = run(scenario(`guest_test_punch_hole precise=${precise}`, { size: MEMFD }, s.steps));
      return {
        precise,
        problems: s.problems(t),
        ranges: marks.map(({ punched, reread, gpa, size }) => {
          const p = at(t, punched).state;
          const r = at(t, reread).state;
          return {
            freed: freed(p, gpa, gpa + size),
            // Punching never changes attributes.
            attrs: attrs(p),
            // Outside the target range, what was faulted in is still there.
            restKept: precise || (allContent(p, 0, gpa, 'guest') && allContent(p, gpa + size, DATA, 'guest')),
            rereadZero: allContent(r, gpa, gpa + size, 'zero'),
            rereadLeafKinds: [
              ...new Set(r.guestMappings.filter((m) => overlaps(m, gpa, size)).map((m) => m.kind)),
            ],
          };
        }),
        realloc: at(t, realloc).state.folios.map((f) => [f.offset, f.size, f.count]),
        end: { open: last(t).state.open, guestMappings: last(t).state.guestMappings },
      };
    });
    expect(found).toEqual(
      [false, true].map((precise) => ({
        precise,
        problems: [],
        ranges: RANGES.map(() => ({
          freed: true,
          attrs: [[0, MEMFD, 'private']],
          restKept: true,
          rereadZero: true,
          rereadLeafKinds: ['private'],
        })),
        realloc: [[0, PAGE, MEMFD / PAGE]],
        end: { open: false, guestMappings: [] },
      })),
    );
  });
});

describe('x86/private_mem_kvm_exits_test.c (mainline): the exit contract', { timeout: 60_000 }, () => {
  // run_vcpu_get_exit_reason(): a private access KVM cannot serve makes KVM_RUN fail with
  // EFAULT and exit_reason KVM_EXIT_MEMORY_FAULT (memory_fault.flags PRIVATE). The selftest
  // provokes it by deleting the memslot or binding no guest_memfd, which the model does not
  // have; the model's way to the same exit is an access whose kind differs from the
  // attribute (userspace is expected to convert and re-enter).
  it('a private access to a shared page exits with EFAULT / KVM_EXIT_MEMORY_FAULT and allocates nothing', () => {
    const s = new Script();
    s.step({ op: 'guestAccess', offset: 0, as: 'private' }, 'private access to a shared GPA', 'EFAULT', {
      exit: 'KVM_EXIT_MEMORY_FAULT',
    });
    s.convert(0, PAGE, 'private', 'userspace handles the exit: convert');
    s.step({ op: 'guestAccess', offset: 0, as: 'private' }, 're-entered: the private access is served');
    s.step(
      { op: 'guestAccess', offset: 0, as: 'shared' },
      'a shared access to the now private GPA',
      'EFAULT',
      { exit: 'KVM_EXIT_MEMORY_FAULT' },
    );
    const t = run(scenario('private_mem_kvm_exits', { size: '4K', mmap: true, initShared: true }, s.steps));
    expect(s.problems(t)).toEqual([]);
    expect(at(t, 0).state).toMatchObject({ folios: [], guestMappings: [] });
    expect(at(t, 0).rule).toBe('guest.attribute-mismatch');
    expect(at(t, 2).state.guestMappings).toEqual([{ offset: 0, length: PAGE, level: PAGE, kind: 'private' }]);
    expect(at(t, 3).state).toEqual(at(t, 2).state);
  });
});

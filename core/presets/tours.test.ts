import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, parseScenario, type Trace } from '../index.ts';
import { TOUR_INDEX, TOURS, tourByName, tourEntry, tourFocus } from './index.ts';
import {
  attrAt,
  contentAt,
  emitted,
  folioAt,
  leafAt,
  outcome,
  ptesAt,
  runTour,
  shape,
  stepOf,
} from './testkit.ts';

const K = 1024;
const M = 1024 * K;
const G = 1024 * M;
const traces = new Map<string, Trace>(TOURS.map((t) => [t.name, runTour(t)]));
const trace = (name: string): Trace => {
  const t = traces.get(name);
  if (t === undefined) throw new Error(`no tour ${name}`);
  return t;
};
/** Outcomes of every step, "ok" or the errno (and exit). */
const outcomes = (name: string): string[] => trace(name).steps.map(outcome);
const state = (name: string, i: number) => stepOf(trace(name), i).state;
/** Plain text: no markup, no control characters but newline and tab. */
const plain = (s: string): boolean =>
  !/<\/?[a-z!]/i.test(s) && [...s].every((c) => c === '\n' || c === '\t' || c.charCodeAt(0) >= 0x20);

/** A thread cited by quoted subject and (author, year), or a kernel source path with a function. */
const THREAD = /"[^"]{12,}"[^"()]{0,20}\([A-Z][\w'-]+ [A-Z][\w'-]+[^)]*\b20\d\d\b[^)]*\)/;
const KERNEL_FILE = /\b(virt|arch|mm|include|tools|Documentation)\/[\w./-]+\.(c|h|rst)\b/;
const FUNCTION = /\b[a-z_][a-z0-9_]*\(\)/;
const cites = (s: string): boolean => THREAD.test(s) || (KERNEL_FILE.test(s) && FUNCTION.test(s));
/** Shorthand only the project knows: seed numbers, series nicknames, revision numbers without a subject. */
const SHORTHAND = /\bseeds? 00\d|\bIPC\b|\bRFC v\d\b|\bRFC1G\b|\bML\b/;

describe('tour catalogue', () => {
  it('has at least 12 tours with unique, URL-safe names', () => {
    expect(TOURS.length).toBeGreaterThanOrEqual(12);
    const names = TOURS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const n of names) expect(encodeURIComponent(n)).toBe(n);
  });

  it('is what the index lists: the same tours, in its order, with its titles and step counts', () => {
    // The app lists tours from the index alone and loads the tours when one is played.
    expect(TOURS.map((t) => ({ name: t.name, title: t.title, steps: t.scenario.steps.length }))).toEqual(
      TOUR_INDEX,
    );
    for (const t of TOURS) expect(t.scenario.title).toBe(tourEntry(t.name)?.title);
    expect(tourEntry('no-such-tour')).toBeUndefined();
  });

  it('finds tours by name', () => {
    for (const t of TOURS) expect(tourByName(t.name)).toBe(t);
    expect(tourByName('no-such-tour')).toBeUndefined();
  });

  it.each(TOURS.map((t) => [t.name, t] as const))(
    '%s: 4-12 steps, each with a short plain-text note',
    (_n, t) => {
      expect(t.scenario.steps.length).toBeGreaterThanOrEqual(4);
      expect(t.scenario.steps.length).toBeLessThanOrEqual(12);
      for (const s of t.scenario.steps) {
        expect(s.note.trim().length).toBeGreaterThan(0);
        expect(s.note.length).toBeLessThanOrEqual(200);
        expect(plain(s.note)).toBe(true);
      }
      expect(t.title).toBe(t.scenario.title);
      expect(t.description).toBe(t.scenario.description);
      expect(plain(t.title) && plain(t.description)).toBe(true);
      // A conference audience can look every source up: a thread by subject, author and date,
      // or a kernel file and function. Internal shorthand ("seed 001", "IPC v7") says nothing to them.
      expect(cites(t.description)).toBe(true);
      for (const text of [t.title, t.description, ...t.scenario.steps.map((s) => s.note)])
        expect(text).not.toMatch(SHORTHAND);
    },
  );

  it.each(TOURS.map((t) => [t.name, t] as const))(
    '%s: every step points at a page-aligned range inside the file, and at the refusal exactly when refused',
    (_n, t) => {
      expect(t.focus).toHaveLength(t.scenario.steps.length);
      const parsed = parseScenario(t.scenario);
      const size = parsed.ok ? parsed.scenario.config.size : 0;
      expect(tourFocus(t, 0)).toEqual({ panel: 'tree', start: 0, end: size });
      trace(t.name).steps.forEach((s, i) => {
        const f = tourFocus(t, i + 1);
        if (f === undefined) throw new Error(`step ${i + 1} has no focus`);
        expect(f.start % 4096, `step ${i + 1}`).toBe(0);
        expect(f.end % 4096, `step ${i + 1}`).toBe(0);
        expect(0 <= f.start && f.start < f.end && f.end <= size, `step ${i + 1} in the file`).toBe(true);
        expect(f.panel === 'refusal', `step ${i + 1}: refusal panel iff refused`).toBe(s.errno !== undefined);
        // The page the kernel names in its answer is inside the range the camera frames.
        const named = s.errorOffset ?? f.start;
        expect(f.start <= named && named < f.end, `step ${i + 1} error_offset`).toBe(true);
      });
      expect(tourFocus(t, t.scenario.steps.length + 1)).toBeUndefined();
    },
  );

  it('accepts real citations and rejects shorthand', () => {
    expect(cites('"[RFC PATCH 00/39] 1G page support for guest_memfd" (Ackerley Tng, 2024-09-10)')).toBe(
      true,
    );
    expect(cites('virt/kvm/guest_memfd.c, kvm_gmem_release()')).toBe(true);
    expect(cites('seed 001 and the IPC v7 api.rst')).toBe(false);
    expect(cites('mainline guest_memfd.c')).toBe(false);
    expect('seed 003').toMatch(SHORTHAND);
    expect('IPC v7 api.rst').toMatch(SHORTHAND);
    expect('RFC v2 patch 38/51').toMatch(SHORTHAND);
  });

  it.each(TOURS.map((t) => [t.name, t] as const))(
    '%s: plain JSON data that parses, replays cleanly and survives a share link',
    (_n, t) => {
      expect(JSON.parse(JSON.stringify(t.scenario))).toEqual(t.scenario);
      const parsed = parseScenario(t.scenario);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const tr = trace(t.name);
      expect(tr.create.ok).toBe(true);
      expect(tr.steps).toHaveLength(t.scenario.steps.length);
      expect(tr.violations).toEqual([]);
      tr.steps.forEach((s, i) => expect(s.note).toBe(t.scenario.steps[i]?.note));
      const back = decodeScenario(encodeScenario(parsed.scenario));
      expect(back.ok && back.scenario).toEqual(parsed.scenario);
    },
  );
});

describe('what each tour teaches', () => {
  it('private-only-cvm: no mmap at all, and a punched page comes back zeroed', () => {
    expect(outcomes('private-only-cvm')).toEqual(['ok', 'ok', 'ok', 'ENODEV', 'ok', 'ok']);
    expect(contentAt(state('private-only-cvm', 1), 0)).toBe('guest');
    expect(emitted(stepOf(trace('private-only-cvm'), 1), 'arch_prepare', 'sev_gmem_prepare')).toBe(true);
    expect(folioAt(state('private-only-cvm', 4), 0)).toBeUndefined();
    expect(attrAt(state('private-only-cvm', 4), 0)).toBe('private');
    expect(contentAt(state('private-only-cvm', 5), 0)).toBe('zero');
  });

  it('non-cvm-init-shared: one memory seen by both, freed only when the inode is evicted', () => {
    const name = 'non-cvm-init-shared';
    expect(trace(name).initial?.shareability).toEqual([{ offset: 0, length: 64 * K, state: 'shared' }]);
    expect(outcomes(name).every((o) => o === 'ok')).toBe(true);
    expect(leafAt(state(name, 2), 0)).toMatchObject({ kind: 'shared', level: 4 * K });
    expect(contentAt(state(name, 4), 8 * K)).toBe('guest');
    expect(folioAt(state(name, 5), 0)).toMatchObject({ pincount: 1, refcount: 1 + 1 + 1024 });
    // Spec v2 (the "close" rule): the VMA holds the file, so close releases nothing.
    expect(state(name, 7)).toMatchObject({ open: false, evicted: false });
    expect(state(name, 7).guestMappings).toEqual(state(name, 6).guestMappings);
    expect(state(name, 7).folios.length).toBeGreaterThan(0);
    expect(emitted(stepOf(trace(name), 8), 'release', 'kvm_gmem_release')).toBe(true);
    expect(state(name, 8)).toMatchObject({ evicted: true, folios: [], guestMappings: [] });
  });

  // Spec v2: sw_protected is x86 TDP with direct roots: tdp_mmu_zap_leafs zaps the whole leaf.
  it('share-4k-in-2m: the 2M folio splits to 4K, the whole 2M leaf is zapped, page 2 faults back at 4K', () => {
    const name = 'share-4k-in-2m';
    expect(leafAt(state(name, 0), 0)).toMatchObject({ level: 2 * M, kind: 'private' });
    const conv = stepOf(trace(name), 1);
    expect(emitted(conv, 'folio_split', 'kvm_gmem_split_folio_in_filemap')).toBe(true);
    expect(emitted(conv, 'stage2_demote')).toBe(false);
    expect(emitted(conv, 'stage2_zap', 'tdp_mmu_zap_leafs')).toBe(true);
    expect(shape(conv.state)).toEqual([[0, 4 * K, 512]]);
    expect(conv.state.pool?.vmemmapPages).toBe(8);
    expect(conv.state.guestMappings).toEqual([]);
    expect(emitted(stepOf(trace(name), 5), 'guest_fault')).toBe(true);
    expect(leafAt(state(name, 5), 8 * K)).toMatchObject({ level: 4 * K, kind: 'private' });
    expect(leafAt(state(name, 4), 4 * K)).toMatchObject({ kind: 'shared' });
    expect(outcomes(name)[6]).toBe('SIGBUS');
  });

  it('share-4k-in-1g: stepwise 1G -> 2M -> 4K only where needed, leaves follow folios, then a 1G merge', () => {
    const name = 'share-4k-in-1g';
    const conv = stepOf(trace(name), 1);
    expect(conv.events.filter((e) => e.type === 'folio_split')).toHaveLength(2);
    expect(shape(conv.state)).toEqual([
      [0, 2 * M, 1],
      [2 * M, 4 * K, 512],
      [4 * M, 2 * M, 510],
    ]);
    expect(leafAt(state(name, 4), 4 * M)).toMatchObject({ level: 2 * M });
    expect(leafAt(state(name, 5), 2 * M)).toMatchObject({ level: 4 * K });
    const back = stepOf(trace(name), 6);
    expect(emitted(back, 'folio_merge')).toBe(true);
    expect(shape(back.state)).toEqual([[0, G, 1]]);
    expect(back.state.pool?.vmemmapPages).toBe(1);
    expect(state(name, 7).guestMappings).toEqual([{ offset: 0, length: G, level: G, kind: 'private' }]);
  });

  it('vfio-pin-blocks-conversion: EAGAIN at error_offset 0 naming vfio, then success and a merge', () => {
    const name = 'vfio-pin-blocks-conversion';
    expect(outcomes(name)).toEqual(['ok', 'ok', 'ok', 'EAGAIN', 'ok', 'ok']);
    const refused = stepOf(trace(name), 3);
    expect(refused).toMatchObject({ rule: 'convert.unsafe-refcount', errorOffset: 0 });
    expect(refused.reason).toContain('vfio');
    expect(attrAt(refused.state, 0)).toBe('shared');
    expect(folioAt(state(name, 2), 0)).toMatchObject({ pincount: 1, refcount: 1 + 1 + 1024 });
    expect(emitted(stepOf(trace(name), 5), 'folio_merge')).toBe(true);
    expect(shape(state(name, 5))).toEqual([[0, 2 * M, 1]]);
  });

  it('transient-ref-retry: a speculative reference makes the conversion EAGAIN until it is dropped', () => {
    const name = 'transient-ref-retry';
    expect(outcomes(name)).toEqual(['ok', 'ok', 'ok', 'ok', 'EAGAIN', 'ok', 'ok']);
    expect(folioAt(state(name, 3), 0)?.transient).toBe(1);
    expect(stepOf(trace(name), 4)).toMatchObject({ rule: 'convert.unsafe-refcount', errorOffset: 0 });
    expect(attrAt(state(name, 6), 0)).toBe('private');
    expect(contentAt(state(name, 6), 0)).toBe('host');
  });

  it('madvise-before-convert: with hostUnmap "require" a mapped page refuses, DONTNEED keeps the data', () => {
    const name = 'madvise-before-convert';
    expect(outcomes(name)).toEqual(['ok', 'ok', 'ok', 'ok', 'EAGAIN', 'ok', 'ok', 'ok']);
    expect(stepOf(trace(name), 4)).toMatchObject({ rule: 'convert.host-mapped', errorOffset: 0 });
    expect(state(name, 5).hostMappings).toEqual([]);
    expect(contentAt(state(name, 5), 8 * K)).toBe('host');
    expect(contentAt(state(name, 7), 0)).toBe('host');
  });

  it('make-private-and-merge: a block merges only once wholly private', () => {
    const name = 'make-private-and-merge';
    expect(outcomes(name).every((o) => o === 'ok')).toBe(true);
    const partly = stepOf(trace(name), 5);
    expect(emitted(partly, 'folio_merge')).toBe(false);
    expect(ptesAt(partly.state, 4 * K)).toBe(false);
    expect(partly.state.pool?.vmemmapPages).toBe(8 + 1);
    const all = stepOf(trace(name), 6);
    expect(emitted(all, 'folio_merge', 'kvm_gmem_try_merge_folio_in_filemap')).toBe(true);
    expect(shape(all.state)).toEqual([[0, 2 * M, 2]]);
    expect(all.state.pool?.vmemmapPages).toBe(2);
    expect(leafAt(state(name, 7), 4 * K)).toMatchObject({ level: 2 * M });
    expect(contentAt(state(name, 7), 4 * K)).toBe('host');
  });

  it('punch-hole-huge: partial blocks are zeroed, whole ones freed, a pinned split block is EAGAIN', () => {
    const name = 'punch-hole-huge';
    expect(outcomes(name)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'EAGAIN', 'ok', 'ok', 'ok']);
    const partial = stepOf(trace(name), 2);
    expect(partial.state.pool?.inUse).toBe(2);
    expect(partial.events.filter((e) => e.fn === 'kvm_gmem_zero_range')).toHaveLength(2);
    expect(contentAt(stepOf(trace(name), 1).state, 2 * M)).toBe('guest');
    expect(contentAt(partial.state, 2 * M)).toBe('zero');
    expect(contentAt(partial.state, 0)).toBe('guest');
    expect(state(name, 3).pool?.inUse).toBe(1);
    expect(stepOf(trace(name), 7)).toMatchObject({ rule: 'punch.merge-unsafe' });
    const whole = stepOf(trace(name), 9);
    expect(emitted(whole, 'folio_merge', 'kvm_gmem_merge_truncate_indices')).toBe(true);
    expect(whole.state.pool?.inUse).toBe(0);
    expect(attrAt(whole.state, 4 * K)).toBe('shared');
    expect(shape(state(name, 10))).toEqual([[0, 4 * K, 512]]);
  });

  it('vmm-touches-private: SIGBUS on private pages, GUP refused, conversion unmaps the VMM', () => {
    const name = 'vmm-touches-private';
    expect(outcomes(name)).toEqual(['ok', 'ok', 'SIGBUS', 'EFAULT', 'ok', 'ok', 'ok', 'SIGBUS']);
    expect(stepOf(trace(name), 2).rule).toBe('host.private');
    expect(stepOf(trace(name), 3).rule).toBe('pin.private');
    expect(contentAt(state(name, 5), 0)).toBe('guest');
    expect(emitted(stepOf(trace(name), 6), 'pte_zap', 'unmap_mapping_pages')).toBe(true);
    expect(state(name, 6).hostMappings).toEqual([]);
  });

  it('guest-access-mismatch: a mismatched access exits with KVM_EXIT_MEMORY_FAULT both ways', () => {
    const name = 'guest-access-mismatch';
    const exit = 'EFAULT KVM_EXIT_MEMORY_FAULT';
    expect(outcomes(name)).toEqual(['ok', exit, 'ok', 'ok', exit, 'ok', 'ok']);
    expect(leafAt(state(name, 1), 4 * K)).toBeUndefined();
    expect(leafAt(state(name, 3), 4 * K)).toMatchObject({ kind: 'shared' });
    expect(leafAt(state(name, 5), 4 * K)).toBeUndefined();
    expect(leafAt(state(name, 6), 4 * K)).toMatchObject({ kind: 'private' });
    expect(contentAt(state(name, 6), 4 * K)).toBe('guest');
  });

  it('stage2-zap-on-convert: demote, zap one S-EPT leaf (zeroed by TDX), zap the shared leaf, never promote', () => {
    const name = 'stage2-zap-on-convert';
    expect(outcomes(name).every((o) => o === 'ok')).toBe(true);
    expect(leafAt(state(name, 0), 0)).toMatchObject({ level: 2 * M, kind: 'private' });
    const share = stepOf(trace(name), 1);
    expect(emitted(share, 'stage2_demote', 'tdh_mem_page_demote')).toBe(true);
    expect(share.events.find((e) => e.type === 'stage2_zap')).toMatchObject({
      offset: 0x1ff000,
      length: 4 * K,
    });
    expect(contentAt(stepOf(trace(name), 0).state, 0x1ff000)).toBe('guest');
    expect(contentAt(share.state, 0x1ff000)).toBe('zero');
    expect(leafAt(state(name, 2), 0x1ff000)).toMatchObject({ kind: 'shared', level: 4 * K });
    const back = stepOf(trace(name), 4);
    expect(back.events.find((e) => e.type === 'stage2_zap')?.detail).toContain('shared');
    expect(leafAt(back.state, 4 * K)).toMatchObject({ kind: 'private', level: 4 * K });
    // TDX huge page series: S-EPT leaves are never promoted; the fault maps at the level there.
    expect(state(name, 5).guestMappings).toEqual([
      { offset: 0, length: 2 * M, level: 4 * K, kind: 'private' },
    ]);
  });

  it('tdx-removal-leak: the leaked reference blocks conversion, orphans the block and exhausts the pool', () => {
    const name = 'tdx-removal-leak';
    expect(outcomes(name)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'EAGAIN',
      'ok',
      'ok',
      'ENOMEM',
      'EAGAIN',
    ]);
    expect(emitted(stepOf(trace(name), 3), 'removal_failed', 'tdh_mem_page_remove')).toBe(true);
    expect(folioAt(state(name, 3), 4 * K)).toMatchObject({ arch: 1, size: 4 * K });
    expect(stepOf(trace(name), 6).reason).toContain('tdx');
    const punched = state(name, 8);
    expect(punched.orphans).toEqual([expect.objectContaining({ offset: 2 * M, size: 2 * M, arch: 1 })]);
    expect(punched.pool).toMatchObject({ reserved: 2, inUse: 2 });
    expect(stepOf(trace(name), 9).rule).toBe('pool.exhausted');
    expect(stepOf(trace(name), 10).rule).toBe('punch.merge-unsafe');
  });

  it('memory-failure: poison zaps the folio, refuses guest and host, leaves with the punched block', () => {
    const name = 'memory-failure';
    expect(outcomes(name)).toEqual([
      'ok',
      'ok',
      'EHWPOISON',
      'EHWPOISON',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'SIGBUS',
      'ok',
    ]);
    expect(state(name, 1)).toMatchObject({
      guestMappings: [],
      poisoned: [{ offset: 12 * K, length: 4 * K }],
    });
    expect(folioAt(state(name, 1), 0)?.size).toBe(2 * M);
    expect(state(name, 4).poisoned).toEqual([]);
    expect(contentAt(state(name, 5), 0)).toBe('zero');
    expect(ptesAt(state(name, 8), 2 * M)).toBe(true);
    expect(ptesAt(state(name, 9), 2 * M)).toBe(false);
    expect(leafAt(state(name, 11), 0x201000)).toMatchObject({ kind: 'private', level: 4 * K });
  });

  it('close-while-pinned: close frees nothing, eviction orphans the pinned block, the last unpin returns it', () => {
    const name = 'close-while-pinned';
    expect(outcomes(name).every((o) => o === 'ok')).toBe(true);
    expect(state(name, 4)).toMatchObject({
      open: false,
      guestMappings: [{ offset: 2 * M, length: 2 * M, level: 2 * M, kind: 'private' }],
      pool: { inUse: 2 },
    });
    expect(emitted(stepOf(trace(name), 4), 'release')).toBe(false);
    expect(emitted(stepOf(trace(name), 5), 'release', 'kvm_gmem_release')).toBe(true);
    const evicted = state(name, 5);
    expect(evicted).toMatchObject({ evicted: true, folios: [], pool: { reserved: 1, inUse: 1 } });
    // The orphan's refcount counts its holders only: the pin's GUP_PIN_COUNTING_BIAS (spec v2).
    expect(evicted.orphans).toEqual([
      expect.objectContaining({ offset: 0, size: 4 * K, pincount: 1, refcount: 1024 }),
    ]);
    expect(evicted.guestMappings).toEqual([]);
    const last = stepOf(trace(name), 6);
    expect(emitted(last, 'folio_merge', 'guestmem_hugetlb_handle_folio_put')).toBe(true);
    expect(last.state).toMatchObject({ orphans: [], pool: { reserved: 0, inUse: 0 } });
  });

  it('covers every tour', () => {
    const tested = [
      'private-only-cvm',
      'non-cvm-init-shared',
      'share-4k-in-2m',
      'share-4k-in-1g',
      'vfio-pin-blocks-conversion',
      'transient-ref-retry',
      'madvise-before-convert',
      'make-private-and-merge',
      'punch-hole-huge',
      'vmm-touches-private',
      'guest-access-mismatch',
      'stage2-zap-on-convert',
      'tdx-removal-leak',
      'memory-failure',
      'close-while-pinned',
    ];
    expect(TOURS.map((t) => t.name).toSorted()).toEqual(tested.toSorted());
  });
});

import { describe, expect, it } from 'vitest';
import { fns, run } from '../testkit.ts';

describe('madviseDontneed', () => {
  it('madvise(DONTNEED) zaps PTEs but keeps the folio; ENOMEM outside a VMA', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0, write: true },
      { op: 'madviseDontneed', offset: 0, length: '4K' },
    ]);
    expect(r.obs.hostMappings).toEqual([]);
    expect(r.obs.folios).toHaveLength(1);
    expect(r.obs.contents[0]?.content).toBe('host');
    expect(run({}, [{ op: 'madviseDontneed', offset: 0, length: '4K' }]).last.refusal).toMatchObject({
      errno: 'ENOMEM',
      rule: 'madvise.unmapped',
    });
  });

  // mm/madvise.c do_madvise: `if (end == start) return 0`, after the start's alignment check.
  it('madvise over no bytes succeeds and changes nothing, even with no VMA; an unaligned start is EINVAL', () => {
    const mapped = [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
    ];
    const r = run({ initShared: true }, [...mapped, { op: 'madviseDontneed', offset: 0, length: 0 }]);
    expect(r.last.refusal).toBeUndefined();
    expect(r.last.events.map((e) => [e.type, e.fn])).toEqual([['no_change', 'do_madvise']]);
    expect(r.obs.hostMappings).toEqual([{ offset: 0, length: 4096, level: 4096 }]);
    expect(run({}, [{ op: 'madviseDontneed', offset: '4M', length: 0 }]).last.refusal).toBeUndefined();
    expect(run({}, [{ op: 'madviseDontneed', offset: 1, length: 0 }]).last.refusal).toMatchObject({
      errno: 'EINVAL',
      rule: 'args.alignment',
    });
  });

  // mm/madvise.c madvise_walk_vmas: every VMA in the range is acted on, then a gap answers
  // -ENOMEM (unmapped_error); spec v2 "Refused operations can have side effects".

  it('madvise(DONTNEED) over a partly mapped range zaps the mapped part, then answers ENOMEM', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '8K' },
      { op: 'hostAccess', offset: 0 },
      { op: 'hostAccess', offset: '4K' },
      { op: 'madviseDontneed', offset: 0, length: '16K' },
    ]);
    expect(r.last.refusal).toMatchObject({ errno: 'ENOMEM', rule: 'madvise.unmapped' });
    expect(r.last.refusal?.reason).toContain('zapped the 2 PTEs of the mapped part');
    expect(r.obs.hostMappings).toEqual([]);
    expect(r.obs.folios).toEqual([expect.objectContaining({ offset: 0, count: 2, mapcount: 0 })]);
    expect(fns(r.last)).toEqual(['do_madvise', 'madvise_dontneed_single_vma']);
    expect(r.last.transitions.map((e) => e.edge)).toEqual(['madviseDontneed:shared-mapped->shared']);
    // Only the PTEs changed: the VMAs, folios, contents and attributes are as before.
    expect({ ...r.state, ptes: [] }).toEqual({ ...r.results[2]?.state, ptes: [] });
    // With no PTE in the mapped part, the refusal changes nothing and lists no event.
    const none = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '8K' },
      { op: 'madviseDontneed', offset: 0, length: '16K' },
    ]);
    expect(none.last.state).toBe(none.results[0]?.state);
    expect(none.last.events).toEqual([]);
  });
});

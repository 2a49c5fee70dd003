import { describe, expect, it } from 'vitest';
import { BLOCK_MACHINE, PAGE_MACHINE, hasEdge } from './diagram.ts';
import { OP_FIELDS } from './scenario/parse.ts';
import { edges, run } from './testkit.ts';

describe('state diagram', () => {
  it('every edge joins declared states and names a real op', () => {
    for (const m of [PAGE_MACHINE, BLOCK_MACHINE]) {
      const ids = new Set(m.states.map((s) => s.id as string));
      for (const e of m.edges) {
        expect([e.id, ids.has(e.from) && ids.has(e.to)]).toEqual([e.id, true]);
        expect(e.from).not.toBe(e.to);
        expect(Object.keys(OP_FIELDS)).toContain(e.op);
      }
      for (const r of m.refused) expect(ids.has(r.from)).toBe(true);
      expect(new Set(m.edges.map((e) => e.id)).size).toBe(m.edges.length);
    }
  });

  it("each step's transition events name the edges it took", () => {
    const r = run({ size: '2G', pageSize: '1G' }, [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '2G' },
      { op: 'hostAccess', offset: 0 },
      { op: 'pin', offset: 0, length: '4K' },
      { op: 'unpin', offset: 0, length: '4K' },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ]);
    expect(r.results.map(edges)).toEqual([
      ['convert:private-hole->shared-hole'],
      [],
      [
        'hostAccess:shared-hole->shared-mapped',
        'hostAccess:private-hole->private',
        'hostAccess:absent->split',
      ],
      ['pin:shared-mapped->shared-pinned'],
      ['unpin:shared-pinned->shared-mapped'],
      ['convert:shared-mapped->private', 'convert:split->huge'],
    ]);
    expect(r.results.flatMap(edges).filter((e) => !hasEdge(e))).toEqual([]);
  });

  // Spec v2 (Objects): "A transient reference is not a pin: a page held only transiently is
  // referenced, not pinned, in every view." A pin wins over a transient reference. Kernel:
  // mm/gup.c try_grab_folio: FOLL_PIN adds GUP_PIN_COUNTING_BIAS (folio_maybe_dma_pinned sees
  // it), a speculative folio_try_get (GUP-fast, page-cache walkers) is a plain reference.
  it('a transient reference makes a page referenced, never pinned', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
      { op: 'getRef', offset: 0, holder: 'gup-fast' },
      { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
      { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' },
      { op: 'putRef', offset: 0, holder: 'gup-fast' },
      { op: 'getRef', offset: 0, holder: 'gup-fast' },
      { op: 'punchHole', offset: 0, length: '4K' },
    ]);
    expect(r.results.map(edges)).toEqual([
      [],
      ['hostAccess:shared-hole->shared-mapped'],
      ['getRef:shared-mapped->shared-referenced'],
      ['pin:shared-referenced->shared-pinned'],
      ['unpin:shared-pinned->shared-referenced'],
      ['putRef:shared-referenced->shared-mapped'],
      ['getRef:shared-mapped->shared-referenced'],
      ['punchHole:shared-referenced->shared-hole'],
    ]);
    // The orphan's refcount is its one transient reference: the page cache's left with it.
    expect(r.obs.orphans).toEqual([expect.objectContaining({ transient: 1, refcount: 1 })]);
    expect(PAGE_MACHINE.states.find((x) => x.id === 'shared-referenced')?.label).toBe('shared, referenced');
  });
});

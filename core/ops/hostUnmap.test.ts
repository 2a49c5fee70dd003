import { describe, expect, it } from 'vitest';
import { fns, run } from '../testkit.ts';

describe('hostUnmap', () => {
  it('munmap of the last VMA after close evicts the inode; pinned folios live on as orphans', () => {
    const r = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'pin', offset: 0, length: '8K' },
      { op: 'hostAccess', offset: '1M' },
      { op: 'close' },
      { op: 'hostUnmap', offset: 0, length: '4M' },
    ]);
    expect(fns(r.last)).toContain('kvm_gmem_evict_inode');
    expect(r.obs).toMatchObject({ open: false, evicted: true, folios: [] });
    // Spec v2: an orphan's refcount counts its holders only, the page cache's reference left
    // with the truncation (filemap_remove_folio -> folio_put_refs): one FOLL_PIN on a 4K folio
    // is GUP_PIN_COUNTING_BIAS (1024), its PTE went with the munmap.
    expect(r.obs.orphans).toEqual([
      expect.objectContaining({ offset: 0, size: 4096, count: 2, pincount: 1, mapcount: 0, refcount: 1024 }),
    ]);
  });
});

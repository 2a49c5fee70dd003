import { truncate } from './folioOps.ts';
import { isHugetlb, presentBlocks } from './folios.ts';
import { emit, type Tx } from './tx.ts';

/**
 * The inode dies when the fd is closed and no VMA reaches it any more (kvm_gmem_evict_inode):
 * every folio leaves the file without merging; what pins or references still hold lives on as
 * orphans, and split HugeTLB pieces merge back through the folio_put callback later.
 */
export function maybeEvict(tx: Tx): void {
  const s = tx.s;
  if (s.open || s.evicted || s.vmas.length > 0) return;
  emit(tx, {
    type: 'evict',
    fn: 'kvm_gmem_evict_inode',
    offset: 0,
    length: s.config.size,
    detail: 'last reference to the inode gone',
  });
  if (isHugetlb(s.config)) {
    const P = s.config.pageSize;
    for (const b of presentBlocks(s, 0, s.config.size)) truncate(tx, b, b + P);
  } else truncate(tx, 0, s.config.size);
  tx.s = { ...tx.s, evicted: true };
}

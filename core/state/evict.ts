import { truncate } from './folioOps.ts';
import { isHugetlb, presentBlocks } from './folios.ts';
import { isEmpty } from './rangeMap.ts';
import { zapStage2 } from './stage2.ts';
import { emit, type Tx } from './tx.ts';
import type { GmemState } from '../types.ts';

/**
 * Whether the file is gone: the fd is closed and no VMA holds the file any more (each VMA
 * has vm_file; the memslot holds none, kvm_gmem_get_file() uses get_file_active()).
 */
export const fileReleased = (s: GmemState): boolean => !s.open && isEmpty(s.vmas);

/**
 * At the last file reference (the close, or the munmap of the last VMA): kvm_gmem_release
 * zaps every stage-2 leaf of the file and unbinds it, then the inode dies
 * (kvm_gmem_evict_inode): every folio leaves the file without merging; what pins or
 * references still hold lives on as orphans, and split HugeTLB pieces merge back through the
 * folio_put callback later.
 */
export function maybeRelease(tx: Tx): void {
  const s = tx.s;
  if (!fileReleased(s) || s.evicted) return;
  emit(tx, {
    type: 'release',
    fn: 'kvm_gmem_release',
    offset: 0,
    length: s.config.size,
    detail: 'last file reference gone: stage-2 zapped, memslot unbound',
  });
  zapStage2(tx, 0, s.config.size, 'file released');
  emit(tx, {
    type: 'evict',
    fn: 'kvm_gmem_evict_inode',
    offset: 0,
    length: s.config.size,
    detail: 'last reference to the inode gone',
  });
  if (isHugetlb(s.config)) {
    const P = s.config.pageSize;
    for (const b of presentBlocks(tx.s, 0, s.config.size)) truncate(tx, b, b + P);
  } else truncate(tx, 0, s.config.size);
  tx.s = { ...tx.s, evicted: true };
}

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { maybeRelease } from '../state/evict.ts';
import { zapPtes } from '../state/host.ts';
import { emit, newTx, write } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * munmap: the VMA goes with its PTEs. Unmapping what is not mapped is not an error. The last
 * VMA of a closed file held its last reference: kvm_gmem_release runs, then the inode goes
 * (kvm_gmem_evict_inode).
 */
export function hostUnmap(s: GmemState, op: OpOf<'hostUnmap'>): OpResult {
  const bad = needAligned('do_vmi_munmap', op.offset, op.length);
  if (bad !== undefined) return refused(s, bad);
  const end = op.offset + op.length;
  const tx = newTx(s);
  emit(tx, { type: 'munmap', fn: 'do_vmi_munmap', offset: op.offset, length: op.length });
  zapPtes(tx, op.offset, end, 'unmap_page_range', 'munmap');
  write(tx, 'vmas', op.offset, end, undefined);
  maybeRelease(tx);
  return done(tx);
}

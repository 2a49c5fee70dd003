import type { GmemState, OpOf, OpResult } from '../types.ts';
import { emit, newTx, refuse, write } from '../state/tx.ts';
import { first, needAligned, needOpen } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * mmap(MAP_SHARED) of the guest_memfd (kvm_gmem_mmap): needs GUEST_MEMFD_FLAG_MMAP. mmap
 * itself checks neither size nor attributes: faults do, so a VMA may reach past EOF.
 */
export function hostMap(s: GmemState, op: OpOf<'hostMap'>): OpResult {
  const fn = 'kvm_gmem_mmap';
  const bad = first(
    () => needOpen(s, fn),
    () =>
      s.config.mmap
        ? undefined
        : refuse('ENODEV', 'mmap.no-flag', fn, 'the file was created without GUEST_MEMFD_FLAG_MMAP'),
    () => needAligned(fn, op.offset, op.length),
  );
  if (bad !== undefined) return refused(s, bad);
  const tx = newTx(s);
  write(tx, 'vmas', op.offset, op.offset + op.length, true);
  emit(tx, { type: 'mmap', fn, offset: op.offset, length: op.length, detail: 'MAP_SHARED VMA' });
  return done(tx);
}

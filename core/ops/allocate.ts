import type { GmemState, OpOf, OpResult } from '../types.ts';
import { allocate as allocateFolios } from '../state/folioOps.ts';
import { widenToBlocks } from '../state/folios.ts';
import { emit, newTx } from '../state/tx.ts';
import { first, needAligned, needInFile, needOpen } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * fallocate(mode 0 | KEEP_SIZE): populates the missing folios of the range (kvm_gmem_allocate),
 * whole blocks on a HugeTLB file. Nothing is zeroed: the first user does that.
 * @example allocate(s, { op: 'allocate', offset: 0, length: 4096 })
 */
export function allocate(s: GmemState, op: OpOf<'allocate'>): OpResult {
  const fn = 'kvm_gmem_fallocate';
  const bad = first(
    () => needOpen(s, fn),
    () => needAligned(fn, op.offset, op.length),
    () => needInFile(s, fn, op.offset, op.length),
  );
  if (bad !== undefined) return refused(s, bad);
  const tx = newTx(s);
  emit(tx, { type: 'fallocate', fn: 'kvm_gmem_allocate', offset: op.offset, length: op.length });
  const [a, b] = widenToBlocks(s.config, op.offset, op.offset + op.length);
  const err = allocateFolios(tx, a, b);
  return err === undefined ? done(tx) : refused(s, err);
}

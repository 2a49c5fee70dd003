import type { GmemState, OpOf, StepResult } from '../types.ts';
import { maybeEvict } from '../state/evict.ts';
import { zapStage2 } from '../state/stage2.ts';
import { emit, newTx } from '../state/tx.ts';
import { needOpen } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * close(fd) -> kvm_gmem_release: zaps every stage-2 leaf of the file and unbinds it. Memory
 * belongs to the inode, not the file: nothing is freed while a VMA still reaches the inode.
 */
export function close(s: GmemState, _op: OpOf<'close'>): StepResult {
  const bad = needOpen(s, 'kvm_gmem_release');
  if (bad !== undefined) return refused(s, bad);
  const tx = newTx(s);
  emit(tx, {
    type: 'release',
    fn: 'kvm_gmem_release',
    offset: 0,
    length: s.config.size,
    detail: 'file closed',
  });
  zapStage2(tx, 0, s.config.size, 'file released');
  tx.s = { ...tx.s, open: false };
  maybeEvict(tx);
  return done(tx);
}

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { maybeRelease } from '../state/evict.ts';
import { toRuns } from '../state/rangeMap.ts';
import { emit, newTx } from '../state/tx.ts';
import { needOpen } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * close(fd): drops the fd's file reference (fput). kvm_gmem_release runs only at the last
 * one: while a VMA still holds the file (vm_file) nothing is zapped or freed and guest faults
 * keep being served; the munmap of the last VMA releases it then (hostUnmap).
 */
export function close(s: GmemState, _op: OpOf<'close'>): OpResult {
  const bad = needOpen(s, 'kvm_gmem_release');
  if (bad !== undefined) return refused(s, bad);
  const tx = newTx(s);
  const vmas = toRuns(s.vmas).length;
  emit(tx, {
    type: 'close',
    fn: 'fput',
    offset: 0,
    length: s.config.size,
    detail:
      vmas > 0
        ? `fd closed; ${vmas === 1 ? 'a VMA still holds' : `${vmas} VMAs still hold`} the file: nothing is released yet`
        : 'fd closed: its reference was the last one',
  });
  tx.s = { ...tx.s, open: false };
  maybeRelease(tx);
  return done(tx);
}

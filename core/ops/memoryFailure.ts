import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE, hex } from '../units.ts';
import { folioAt } from '../state/folios.ts';
import { zapPtes } from '../state/host.ts';
import { valueAt } from '../state/rangeMap.ts';
import { zapStage2 } from '../state/stage2.ts';
import { emit, newTx, refuse, write } from '../state/tx.ts';
import { first, needAligned, needInFile } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'kvm_gmem_error_folio';

/**
 * A hardware memory error on a page (memory_failure -> kvm_gmem_error_folio): the page is
 * poisoned, the folio's stage-2 leaves are zapped and the VMM's PTE of the page is unmapped;
 * nothing is truncated (MF_DELAYED): what happens next is userspace's decision.
 */
export function memoryFailure(s: GmemState, op: OpOf<'memoryFailure'>): OpResult {
  const bad = first(
    () => needAligned(FN, op.offset),
    () => needInFile(s, FN, op.offset),
  );
  if (bad !== undefined) return refused(s, bad);
  const f = folioAt(s, op.offset);
  if (f === undefined)
    return refused(
      s,
      refuse('EINVAL', 'mf.no-memory', 'memory_failure', `no memory is allocated at ${hex(op.offset)}`),
    );
  if (valueAt(s.poisoned, op.offset) !== undefined)
    return refused(
      s,
      refuse('EHWPOISON', 'mf.already', 'memory_failure', `${hex(op.offset)} is already poisoned`),
    );
  const tx = newTx(s);
  write(tx, 'poisoned', op.offset, op.offset + PAGE, true);
  emit(tx, {
    type: 'poison',
    fn: 'memory_failure',
    offset: op.offset,
    length: PAGE,
    detail: 'page marked hwpoison',
  });
  zapPtes(tx, op.offset, op.offset + PAGE, 'unmap_poisoned_folio', 'poisoned page unmapped from the VMM');
  emit(tx, {
    type: 'error_folio',
    fn: FN,
    offset: f.start,
    length: f.size,
    detail: 'MF_DELAYED: not truncated',
  });
  zapStage2(tx, f.start, f.start + f.size, 'memory failure');
  return done(tx);
}

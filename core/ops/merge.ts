import type { GmemState, OpOf, OpResult } from '../types.ts';
import { hex, sizeName } from '../units.ts';
import { mergeBlocker, mergeFolios } from '../state/folioOps.ts';
import { folioAt } from '../state/folios.ts';
import { newTx, refuse } from '../state/tx.ts';
import { first, needInFile, needOpen } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'guestmem_hugetlb_merge_folio';

/**
 * Reconstructs the huge folio of `size` at `offset` from its small folios, to explore: every
 * piece present, every index private, none referenced or mapped by the VMM.
 */
export function merge(s: GmemState, op: OpOf<'merge'>): OpResult {
  const bad = first(
    () => needOpen(s, FN),
    () =>
      op.offset % op.size === 0
        ? undefined
        : refuse('EINVAL', 'merge.alignment', FN, `${hex(op.offset)} is not aligned to ${sizeName(op.size)}`),
    () => needInFile(s, FN, op.offset, op.size),
    () =>
      op.size <= s.config.pageSize
        ? undefined
        : refuse(
            'EINVAL',
            'merge.too-large',
            FN,
            `this file's folios are at most ${sizeName(s.config.pageSize)}`,
          ),
    () =>
      (folioAt(s, op.offset)?.size ?? 0) >= op.size
        ? refuse(
            'EINVAL',
            'merge.already',
            FN,
            `${hex(op.offset)} is already in a ${sizeName(folioAt(s, op.offset)?.size ?? 0)} folio`,
          )
        : undefined,
  );
  if (bad !== undefined) return refused(s, bad);
  const blocker = mergeBlocker(s, op.offset, op.size);
  if (blocker !== undefined)
    return refused(s, refuse('EAGAIN', 'merge.blocked', FN, `cannot merge: ${blocker}`));
  const tx = newTx(s);
  mergeFolios(tx, op.offset, op.size, FN, 'explicit merge');
  return done(tx);
}

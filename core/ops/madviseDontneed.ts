import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE, rangeName } from '../units.ts';
import { zapPtes } from '../state/host.ts';
import { coveredBytes, covers } from '../state/rangeMap.ts';
import { emit, newTx, refuse } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused, refusedAfter } from './result.ts';

/** madvise over no bytes: success, and nothing changes. */
function emptyRange(s: GmemState, offset: number): OpResult {
  const tx = newTx(s);
  emit(tx, {
    type: 'no_change',
    fn: 'do_madvise',
    offset,
    length: 0,
    detail: 'length 0: returns 0 before looking at any VMA',
  });
  return done(tx);
}

/**
 * madvise(MADV_DONTNEED): zaps the VMM's PTEs; the folios and their data stay in the file.
 * Over a range only partly mapped, madvise_walk_vmas acts on every VMA it finds and then
 * answers ENOMEM for the gap: the mapped part is zapped all the same (a refusal with a side
 * effect, semantics.md).
 */
export function madviseDontneed(s: GmemState, op: OpOf<'madviseDontneed'>): OpResult {
  const fn = 'madvise_dontneed_single_vma';
  // do_madvise checks the start, rounds the length up, and returns 0 for an empty range
  // before it looks at any VMA (core README decision 22): no EINVAL, nothing done.
  if (op.length === 0 && op.offset % PAGE === 0) return emptyRange(s, op.offset);
  const bad = needAligned(fn, op.offset, op.length);
  if (bad !== undefined) return refused(s, bad);
  const end = op.offset + op.length;
  const tx = newTx(s);
  emit(tx, {
    type: 'madvise',
    fn: 'do_madvise',
    offset: op.offset,
    length: op.length,
    detail: 'MADV_DONTNEED',
  });
  if (!covers(s.vmas, op.offset, end)) {
    const zapped = coveredBytes(s.ptes, op.offset, end);
    if (zapped === 0)
      return refused(
        s,
        refuse(
          'ENOMEM',
          'madvise.unmapped',
          'do_madvise',
          `${rangeName(op.offset, end)} is not entirely mapped by the VMM`,
        ),
      );
    zapPtes(tx, op.offset, end, fn, 'MADV_DONTNEED on the mapped part, before the ENOMEM');
    return refusedAfter(
      tx,
      refuse(
        'ENOMEM',
        'madvise.unmapped',
        'do_madvise',
        `${rangeName(op.offset, end)} is not entirely mapped by the VMM; madvise first zapped the ${zapped / 4096} PTE${zapped === 4096 ? '' : 's'} of the mapped part (they stay zapped), then answered ENOMEM for the gap`,
      ),
    );
  }
  zapPtes(tx, op.offset, end, fn, 'MADV_DONTNEED');
  return done(tx);
}

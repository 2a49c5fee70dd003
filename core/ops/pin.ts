import type { GmemState, OpOf, OpResult } from '../types.ts';
import { hex, rangeName } from '../units.ts';
import { allocate, zeroIfNotUptodate } from '../state/folioOps.ts';
import { widenToBlocks } from '../state/folios.ts';
import { anyIn, covers, gaps, slice } from '../state/rangeMap.ts';
import { addRef } from '../state/refs.ts';
import { emit, newTx, refuse, write } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * GUP with FOLL_PIN (FOLL_LONGTERM by default) through the VMM's mapping: every page needs a
 * VMA and must be shared, since GUP faults through kvm_gmem_fault_user_mapping, which refuses
 * private pages. Missing pages are faulted in (PTEs installed) before they are pinned.
 * @example pin(s, { op: 'pin', offset: 0, length: 4096, holder: 'vfio' })
 */
export function pin(s: GmemState, op: OpOf<'pin'>): OpResult {
  const longterm = op.longterm ?? true;
  const fn = 'pin_user_pages';
  const holder = op.holder ?? 'gup';
  const bad = needAligned(fn, op.offset, op.length);
  if (bad !== undefined) return refused(s, bad);
  const start = op.offset;
  const end = start + op.length;
  const hole = gaps(s.vmas, start, end)[0];
  if (hole !== undefined)
    return refused(s, refuse('EFAULT', 'pin.no-vma', fn, `the VMM has no mapping of ${hex(hole[0])}`));
  if (end > s.config.size)
    return refused(
      s,
      refuse(
        'EFAULT',
        'pin.beyond-eof',
        fn,
        `${rangeName(start, end)} passes the end of the file: the fault answers SIGBUS`,
      ),
    );
  const priv = slice(s.attrs, start, end).find((r) => r.value === 'private');
  if (priv !== undefined)
    return refused(
      s,
      refuse(
        'EFAULT',
        'pin.private',
        fn,
        `${hex(priv.start)} is private: GUP's fault is refused (SIGBUS), so pinning fails`,
      ),
    );
  if (anyIn(s.poisoned, start, end))
    return refused(s, refuse('EFAULT', 'pin.poisoned', fn, `${rangeName(start, end)} holds a poisoned page`));
  const tx = newTx(s);
  emit(tx, {
    type: 'gup',
    fn: longterm ? 'pin_user_pages(FOLL_LONGTERM)' : fn,
    offset: start,
    length: end - start,
    detail: `GUP by ${holder}`,
  });
  const [a, b] = widenToBlocks(s.config, start, end);
  const err = allocate(tx, a, b);
  if (err !== undefined) return refused(s, err);
  if (!covers(tx.s.ptes, start, end)) {
    zeroIfNotUptodate(tx, start, end, 'clear_highpage');
    write(tx, 'ptes', start, end, true);
    emit(tx, {
      type: 'pte_map',
      fn: 'handle_mm_fault',
      offset: start,
      length: end - start,
      detail: 'GUP faults the pages in',
    });
  }
  addRef(tx, { kind: 'pin', holder, longterm, start, end, orphan: null });
  emit(tx, {
    type: 'pin',
    fn: longterm ? 'pin_user_pages(FOLL_LONGTERM)' : fn,
    offset: start,
    length: end - start,
    detail: `pinned by ${holder}`,
  });
  return done(tx);
}

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { hex, sizeName } from '../units.ts';
import { splitFolio } from '../state/folioOps.ts';
import { folioAt } from '../state/folios.ts';
import { firstUnsafeFolio, unsafeReason } from '../state/refs.ts';
import { emit, newTx, refuse } from '../state/tx.ts';
import { first, needAligned, needInFile, needOpen } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'kvm_gmem_split_folio_in_filemap';

/**
 * Splits the folio containing `offset` into folios of `to` bytes, to explore. Larger stage-2
 * leaves are demoted first; the folio must be safe, since splitting freezes its refcount.
 */
export function split(s: GmemState, op: OpOf<'split'>): OpResult {
  const bad = first(
    () => needOpen(s, FN),
    () => needAligned(FN, op.offset),
    () => needInFile(s, FN, op.offset),
  );
  if (bad !== undefined) return refused(s, bad);
  const f = folioAt(s, op.offset);
  if (f === undefined)
    return refused(s, refuse('EINVAL', 'split.no-folio', FN, `no folio at ${hex(op.offset)}`));
  if (op.to >= f.size)
    return refused(
      s,
      refuse(
        'EINVAL',
        'split.not-smaller',
        FN,
        `the folio at ${hex(f.start)} is ${sizeName(f.size)}: it cannot split into ${sizeName(op.to)} folios`,
      ),
    );
  const unsafe = firstUnsafeFolio(s, f.start, f.start + f.size);
  if (unsafe !== undefined)
    return refused(
      s,
      refuse(
        'EAGAIN',
        'split.unsafe',
        'filemap_remove_folio_for_restructuring',
        // folio_ref_freeze spins (WARN "Spinning on folio") while the reference is held.
        unsafeReason(
          unsafe.offset,
          unsafe.refs,
          'the kernel would freeze its refcount for the split and spin there (WARN "Spinning on folio") until the reference drops; the model answers EAGAIN instead, the kernel does not return',
        ),
        { errorOffset: unsafe.offset },
      ),
    );
  const tx = newTx(s);
  emit(tx, {
    type: 'split',
    fn: FN,
    offset: f.start,
    length: f.size,
    detail: `split requested into ${sizeName(op.to)} folios`,
  });
  splitFolio(tx, f, op.to, 'explicit split');
  return done(tx);
}

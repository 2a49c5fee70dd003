import type { GmemState, OpOf, StepResult } from '../types.ts';
import { rangeName } from '../units.ts';
import { zapPtes } from '../state/host.ts';
import { covers } from '../state/rangeMap.ts';
import { emit, newTx, refuse } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused } from './result.ts';

/** madvise(MADV_DONTNEED): zaps the VMM's PTEs; the folios and their data stay in the file. */
export function madviseDontneed(s: GmemState, op: OpOf<'madviseDontneed'>): StepResult {
  const fn = 'madvise_dontneed_single_vma';
  const bad = needAligned(fn, op.offset, op.length);
  if (bad !== undefined) return refused(s, bad);
  const end = op.offset + op.length;
  if (!covers(s.vmas, op.offset, end))
    return refused(
      s,
      refuse(
        'ENOMEM',
        'madvise.unmapped',
        'do_madvise',
        `${rangeName(op.offset, end)} is not entirely mapped by the VMM`,
      ),
    );
  const tx = newTx(s);
  emit(tx, {
    type: 'madvise',
    fn: 'do_madvise',
    offset: op.offset,
    length: op.length,
    detail: 'MADV_DONTNEED',
  });
  zapPtes(tx, op.offset, end, fn, 'MADV_DONTNEED');
  return done(tx);
}

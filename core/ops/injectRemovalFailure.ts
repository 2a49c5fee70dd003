import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE } from '../units.ts';
import { emit, newTx, refuse, write } from '../state/tx.ts';
import { first, needAligned, needInFile } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * TDX only: the next S-EPT removal of this page fails (an unexpected SEAMCALL error in
 * tdh_mem_page_remove). TDX then keeps a reference so the page is never reused (seed 004).
 */
export function injectRemovalFailure(s: GmemState, op: OpOf<'injectRemovalFailure'>): OpResult {
  const fn = 'tdh_mem_page_remove';
  const bad = first(
    () =>
      s.config.vmType === 'tdx'
        ? undefined
        : refuse(
            'EINVAL',
            'inject.not-tdx',
            fn,
            `S-EPT removal failures exist only on TDX, not ${s.config.vmType}`,
          ),
    () => needAligned(fn, op.offset),
    () => needInFile(s, fn, op.offset),
  );
  if (bad !== undefined) return refused(s, bad);
  const tx = newTx(s);
  write(tx, 'removalFailure', op.offset, op.offset + PAGE, true);
  emit(tx, {
    type: 'inject',
    fn,
    offset: op.offset,
    length: PAGE,
    detail: 'the next S-EPT removal of this page will fail',
  });
  return done(tx);
}

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { rangeName } from '../units.ts';
import { afterRelease, takeRefs } from '../state/release.ts';
import { emit, newTx, refuse } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * unpin_user_pages by one holder: drops one pin per page, on the folio it was taken on, even
 * if that folio was truncated since (the last drop frees the orphan).
 */
export function unpin(s: GmemState, op: OpOf<'unpin'>): OpResult {
  const fn = 'unpin_user_pages';
  const holder = op.holder ?? 'gup';
  const bad = needAligned(fn, op.offset, op.length);
  if (bad !== undefined) return refused(s, bad);
  const end = op.offset + op.length;
  const tx = newTx(s);
  if (!takeRefs(tx, 'pin', holder, op.offset, end))
    return refused(
      s,
      refuse(
        'EINVAL',
        'unpin.not-pinned',
        fn,
        `${holder} does not hold a pin on every page of ${rangeName(op.offset, end)}`,
      ),
    );
  emit(tx, { type: 'unpin', fn, offset: op.offset, length: op.length, detail: `released by ${holder}` });
  afterRelease(tx, op.offset, end);
  return done(tx);
}

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE, hex } from '../units.ts';
import { afterRelease, takeRefs } from '../state/release.ts';
import { emit, newTx, refuse } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused } from './result.ts';

/** folio_put of a transient reference taken at `offset` by `holder` (the oldest one first). */
export function putRef(s: GmemState, op: OpOf<'putRef'>): OpResult {
  const fn = 'folio_put';
  const holder = op.holder ?? 'transient';
  const bad = needAligned(fn, op.offset);
  if (bad !== undefined) return refused(s, bad);
  const tx = newTx(s);
  if (!takeRefs(tx, 'transient', holder, op.offset, op.offset + PAGE))
    return refused(
      s,
      refuse(
        'EINVAL',
        'ref.not-held',
        fn,
        `${holder} holds no transient reference taken at ${hex(op.offset)}`,
      ),
    );
  emit(tx, {
    type: 'ref_put',
    fn,
    offset: op.offset,
    length: PAGE,
    detail: `reference dropped by ${holder}`,
  });
  afterRelease(tx, op.offset, op.offset + PAGE);
  return done(tx);
}

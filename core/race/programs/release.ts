import type { OpOf } from '../../types.ts';
import { putRef } from '../../ops/putRef.ts';
import { unpin } from '../../ops/unpin.ts';
import { emit } from '../../state/tx.ts';
import { END, fail, type Build, type Program } from '../program.ts';

/**
 * U — unpin_user_page / folio_put [ML]: one step (gup_put_folio -> folio_put_refs; the last
 * reference frees the folio, and the folio_put callback's deferred merge runs inside it).
 */
export function releaseProgram(b: Build): Program {
  const op = b.actor.op as OpOf<'unpin'> | OpOf<'putRef'>;
  return [
    {
      label: 'U1',
      fn: op.op === 'unpin' ? 'unpin_user_page' : 'folio_put',
      run: (c) => {
        const r = op.op === 'unpin' ? unpin(c.tx.s, op) : putRef(c.tx.s, op);
        c.tx.s = r.state;
        for (const e of r.events) emit(c.tx, e);
        if (r.refusal !== undefined) fail(c, r.refusal);
        return END;
      },
    },
  ];
}

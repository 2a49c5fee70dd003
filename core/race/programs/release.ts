import type { OpOf, Refusal } from '../../types.ts';
import { PAGE, hex, rangeName } from '../../units.ts';
import { needAligned } from '../../ops/checks.ts';
import { afterRelease, takeRefs } from '../../state/release.ts';
import { emit, refuse } from '../../state/tx.ts';
import { END, fail, type Build, type Ctx, type Program } from '../program.ts';

type ReleaseOp = OpOf<'unpin'> | OpOf<'putRef'>;

/**
 * unpin_user_pages by one holder drops one pin per page, on the folio it was taken on, even
 * if that folio was truncated since; folio_put drops a transient reference taken at `offset`.
 * The oldest matching record goes first, and the last drop frees an orphan.
 */
function release(c: Ctx, op: ReleaseOp): Refusal | undefined {
  const unpin = op.op === 'unpin';
  const fn = unpin ? 'unpin_user_pages' : 'folio_put';
  const holder = op.holder ?? (unpin ? 'gup' : 'transient');
  const bad = unpin ? needAligned(fn, op.offset, op.length) : needAligned(fn, op.offset);
  if (bad !== undefined) return bad;
  const end = op.offset + (unpin ? op.length : PAGE);
  const released = takeRefs(c.tx, unpin ? 'pin' : 'transient', holder, op.offset, end);
  if (released === undefined)
    return unpin
      ? refuse(
          'EINVAL',
          'unpin.not-pinned',
          fn,
          `${holder} does not hold a pin on every page of ${rangeName(op.offset, end)}`,
        )
      : refuse(
          'EINVAL',
          'ref.not-held',
          fn,
          `${holder} holds no transient reference taken at ${hex(op.offset)}`,
        );
  emit(
    c.tx,
    unpin
      ? { type: 'unpin', fn, offset: op.offset, length: op.length, detail: `released by ${holder}` }
      : { type: 'ref_put', fn, offset: op.offset, length: PAGE, detail: `reference dropped by ${holder}` },
  );
  afterRelease(c.tx, released, op.offset, end);
  return undefined;
}

/**
 * U — unpin_user_page / folio_put [ML]: one step (gup_put_folio -> folio_put_refs; the last
 * reference frees the folio, and the folio_put callback's deferred merge runs inside it).
 * This is `apply`'s unpin and putRef.
 */
export function releaseProgram(b: Build): Program {
  const op = b.actor.op as ReleaseOp;
  return [
    {
      label: 'U1',
      fn: op.op === 'unpin' ? 'unpin_user_page' : 'folio_put',
      run(c) {
        const err = release(c, op);
        if (err !== undefined) fail(c, err);
        return END;
      },
    },
  ];
}

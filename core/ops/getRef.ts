import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE, hex } from '../units.ts';
import { folioAt } from '../state/folios.ts';
import { addRef } from '../state/refs.ts';
import { emit, newTx, refuse } from '../state/tx.ts';
import { first, needAligned, needInFile } from './checks.ts';
import { done, refused } from './result.ts';

/**
 * A transient reference on the folio at `offset` (speculative GUP-fast, a page-cache lookup, a
 * PFN walker, an LRU batch): any attribute; it makes the folio unsafe until putRef.
 */
export function getRef(s: GmemState, op: OpOf<'getRef'>): OpResult {
  const fn = 'folio_try_get';
  const holder = op.holder ?? 'transient';
  const bad = first(
    () => needAligned(fn, op.offset),
    () => needInFile(s, fn, op.offset),
  );
  if (bad !== undefined) return refused(s, bad);
  const folio = folioAt(s, op.offset);
  if (folio === undefined)
    return refused(
      s,
      refuse(
        'ENOENT',
        'ref.no-folio',
        'filemap_get_folio',
        `no folio at ${hex(op.offset)} to take a reference on`,
      ),
    );
  const tx = newTx(s);
  addRef(tx, {
    kind: 'transient',
    holder,
    longterm: false,
    start: op.offset,
    end: op.offset + PAGE,
    orphan: null,
  });
  emit(tx, {
    type: 'ref_get',
    fn,
    offset: folio.start,
    length: folio.size,
    detail: `reference taken by ${holder}`,
  });
  return done(tx);
}

import type { Attr, GmemState, Refusal } from '../types.ts';
import { PAGE } from '../units.ts';
import { allocate } from '../state/folioOps.ts';
import { folioAt, type Folio, widenToBlocks } from '../state/folios.ts';
import { anyIn, covers, lastOf } from '../state/rangeMap.ts';
import { mapStage2 } from '../state/stage2.ts';
import { fidAt, recordTarget } from './identity.ts';
import type { Ctx } from './program.ts';
import { grab, ownLookup, put } from './refs.ts';
import { synced } from './world.ts';
import { withLocals } from './locals.ts';

/**
 * __filemap_get_folio / kvm_gmem_get_folio: find the folio at x or allocate it (with the
 * rest of [x, end): GUP faults its whole range in), and take the path's own reference on it
 * (folio_try_get). The folio's id goes to `locals.folio`.
 */
export function lookupFolio(c: Ctx, x: number, end = x + PAGE): Refusal | undefined {
  // HugeTLB blocks are present whole or not at all: where [x, end) has its folios, so has every
  // block around it, and allocation (which looks for holes over whole blocks, thousands of
  // runs in a split 1G block) has nothing to do. This is every spurious fault.
  if (!covers(c.tx.s.folios, x, end)) {
    const [a, b] = widenToBlocks(c.tx.s.config, x, end);
    const err = allocate(c.tx, a, b);
    if (err !== undefined) return err;
  }
  // Alone, the folio's identity is never asked for (no lock, no reference, no map to record).
  if (c.w.alone) return undefined;
  synced(c);
  const fid = fidAt(c.w, x) as number;
  grab(c, ownLookup(c), x, fid);
  c.locals = withLocals(c.locals, { folio: fid });
  return undefined;
}

/**
 * The truncation re-check after folio_lock ("Has the page been truncated?"): when the folio
 * left the page cache, put the reference and say so; the caller looks it up again.
 */
export function truncatedSince(c: Ctx, x: number, fn: string): boolean {
  if (c.w.alone || fidAt(c.w, x) === c.locals.folio) return false;
  put(c, ownLookup(c), x);
  c.race.push({ type: 'retry', fn, detail: 'folio truncated: look it up again' });
  return true;
}

/** Installs the stage-2 leaf for x and records that it maps the folio this path holds. */
export function mapStage2Held(c: Ctx, x: number, kind: Attr): void {
  mapStage2(c.tx, x, kind);
  const e = lastOf(c.tx.ev);
  const a = e?.offset ?? x;
  c.w = recordTarget(c.w, 's2Ids', a, a + (e?.length ?? PAGE), c.locals.folio as number);
}

/** The folio at x when it has a poisoned page: no fault may map it (core decision 8). */
export function poisonedFolioAt(s: GmemState, x: number): Folio | undefined {
  const f = folioAt(s, x);
  return f !== undefined && anyIn(s.poisoned, f.start, f.start + f.size) ? f : undefined;
}

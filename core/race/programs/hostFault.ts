import type { Refusal } from '../../types.ts';
import { PAGE, hex } from '../../units.ts';
import { zeroFolio, zeroIfNotUptodate } from '../../state/folioOps.ts';
import { folioAt } from '../../state/folios.ts';
import { anyIn, assign, valueAt } from '../../state/rangeMap.ts';
import { emit, refuse } from '../../state/tx.ts';
import { recordTarget } from '../identity.ts';
import { folioLockWait, lockFolio, lockStep, unlockFolio, unlockInvalidate } from '../locks.ts';
import { END, fail, goto, type Build, type Ctx, type Next, type Step } from '../program.ts';
import { holds, lookupHolder, put } from '../refs.ts';
import { lookupFolio, truncatedSince } from '../lookup.ts';

const FN = 'kvm_gmem_fault_user_mapping';

/**
 * Who faults: the VMM's own access (H alone), or GUP's faultin_page (inside G, which then
 * follows the PTE again at S1). They differ in their events and their errno.
 */
export interface FaultMode {
  readonly x: number;
  readonly write: boolean;
  readonly gup?: { readonly fn: string; readonly holder: string };
  /** The H alone: the entry checks of the access (alignment, VMA, EOF). */
  readonly entry?: (c: Ctx) => Refusal | undefined;
}

/** GUP's first event, once (pin_user_pages emits it before any fault). */
export function announce(c: Ctx, gup: NonNullable<FaultMode['gup']>, x: number): void {
  if (c.locals.announced === true) return;
  c.locals = { ...c.locals, announced: true };
  emit(c.tx, { type: 'gup', fn: gup.fn, offset: x, length: PAGE, detail: `GUP by ${gup.holder}` });
}

/**
 * H — host page fault on the guest_memfd VMA (handle_mm_fault -> __do_fault ->
 * kvm_gmem_fault_user_mapping, then finish_fault) [IPC 01/46; ML without H1/H5].
 */
export function hostFaultSteps(b: Build, m: FaultMode): Step[] {
  const x = m.x;
  const locked = b.knobs.hostFaultLock;
  const back: Next = m.gup === undefined ? END : goto('S1');
  // A present PTE means no fault at all (the access, or GUP following it again).
  const present = (c: Ctx): boolean => valueAt(c.tx.s.ptes, x) !== undefined;
  const entry = (c: Ctx): Next => {
    const bad = m.entry?.(c);
    if (bad !== undefined) {
      fail(c, bad);
      return END;
    }
    if (!present(c)) return undefined;
    if (m.gup === undefined) {
      emit(c.tx, {
        type: 'host_access',
        fn: 'none: PTE present',
        offset: x,
        length: PAGE,
        detail: m.write ? 'store' : 'load',
      });
      if (m.write) c.tx.s = { ...c.tx.s, contents: assign(c.tx.s.contents, x, x + PAGE, 'host') };
    }
    return back;
  };
  const lock = lockStep('H1', false, () => undefined);
  const h1: Step = {
    label: 'H1',
    fn: lock.fn,
    guard: (w, id, l) => (valueAt(w.g.ptes, x) !== undefined ? undefined : lock.guard?.(w, id, l)),
    run: (c) => entry(c) ?? lock.run(c),
  };
  const refusal = (private_: boolean): Refusal => {
    const why = private_ ? `${hex(x)} is private` : `the folio at ${hex(x)} is poisoned`;
    if (m.gup !== undefined)
      return refuse(
        'EFAULT',
        private_ ? 'pin.private' : 'pin.poisoned',
        m.gup.fn,
        `${why}: GUP's fault answers SIGBUS`,
      );
    return refuse(
      'SIGBUS',
      private_ ? 'host.private' : 'host.poisoned',
      FN,
      `${why}: the host may not fault it`,
    );
  };
  const h2: Step = {
    label: 'H2',
    fn: 'kvm_gmem_is_shared_mem',
    run: (c) => {
      if (!locked) {
        const e = entry(c);
        if (e !== undefined) return e;
      }
      const s = c.tx.s;
      const attr = valueAt(s.attrs, x) ?? 'private';
      c.locals = { ...c.locals, attr0: attr };
      const f = folioAt(s, x);
      const poisoned = f !== undefined && anyIn(s.poisoned, f.start, f.start + f.size);
      if (attr === 'shared' && !poisoned) return undefined;
      fail(c, refusal(attr === 'private'));
      return locked ? goto('H5') : END;
    },
  };
  const h3: Step = {
    label: 'H3',
    fn: '__filemap_get_folio',
    run: (c) => {
      if (m.gup === undefined)
        emit(c.tx, {
          type: 'host_fault',
          fn: FN,
          offset: x,
          length: PAGE,
          detail: m.write ? 'write fault' : 'read fault',
        });
      else announce(c, m.gup, x);
      const err = lookupFolio(c, x);
      if (err === undefined) return undefined;
      fail(c, err);
      return locked ? goto('H5') : END;
    },
  };
  const h4: Step = {
    label: 'H4',
    fn: 'folio_lock',
    guard: (w, id, l) => folioLockWait(w, id, l.folio),
    run: (c) => {
      // "Has the page been truncated?": the folio left the page cache, look it up again.
      if (truncatedSince(c, x, '__filemap_get_folio')) return goto('H3');
      lockFolio(c, c.locals.folio as number);
      const f = folioAt(c.tx.s, x);
      if (m.gup !== undefined) zeroIfNotUptodate(c.tx, x, x + PAGE, 'clear_highpage');
      else if (f !== undefined) zeroFolio(c.tx, f);
      return locked ? undefined : goto('H6');
    },
  };
  const h5: Step = {
    label: 'H5',
    fn: 'filemap_invalidate_unlock_shared',
    run: (c) => {
      unlockInvalidate(c);
      return c.locals.err === undefined ? undefined : END;
    },
  };
  const h6: Step = {
    label: 'H6',
    fn: 'finish_fault',
    run: (c) => {
      // The lookup reference becomes the PTE's (mapcount); a PTE already there wins.
      if (!present(c)) {
        c.tx.s = { ...c.tx.s, ptes: assign(c.tx.s.ptes, x, x + PAGE, true) };
        c.w = recordTarget(c.w, 'pteIds', x, x + PAGE, c.locals.folio as number);
        emit(
          c.tx,
          m.gup === undefined
            ? { type: 'pte_map', fn: FN, offset: x, length: PAGE, detail: '4K PTE installed' }
            : {
                type: 'pte_map',
                fn: 'handle_mm_fault',
                offset: x,
                length: PAGE,
                detail: 'GUP faults the pages in',
              },
        );
      }
      if (holds(c, lookupHolder(c.id), x)) put(c, lookupHolder(c.id), x);
      if (m.gup === undefined && m.write)
        c.tx.s = { ...c.tx.s, contents: assign(c.tx.s.contents, x, x + PAGE, 'host') };
      return undefined;
    },
  };
  const h7: Step = {
    label: 'H7',
    fn: 'folio_unlock',
    run: (c) => {
      unlockFolio(c, c.locals.folio);
      return back;
    },
  };
  return locked ? [h1, h2, h3, h4, h5, h6, h7] : [h2, h3, h4, h6, h7];
}

import type { GmemState, OpOf, Refusal } from '../../types.ts';
import { needAligned } from '../../ops/checks.ts';
import { PAGE, hex, rangeName } from '../../units.ts';
import { zeroFolio, zeroIfNotUptodate } from '../../state/folioOps.ts';
import { folioAt } from '../../state/folios.ts';
import { anyIn, covers, slice, valueAt } from '../../state/rangeMap.ts';
import { emit, refuse, write } from '../../state/tx.ts';
import { recordTarget } from '../identity.ts';
import { folioLockWait, lockFolio, lockStep, unlockFolio, unlockInvalidate } from '../locks.ts';
import { END, fail, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { holds, lookupHolder, put } from '../refs.ts';
import { lookupFolio, poisonedFolioAt, truncatedSince } from '../lookup.ts';
import { withLocals } from '../locals.ts';

const FN = 'kvm_gmem_fault_user_mapping';

/**
 * Who faults: the VMM's own access (H alone), or GUP's faultin_page (inside G, which then
 * follows the PTE again at S1). They differ in their events and their errno.
 */
export interface FaultMode {
  readonly x: number;
  /** Bytes from x: one page for an access, the pinned range for GUP (faulted in together). */
  readonly length: number;
  readonly write: boolean;
  readonly gup?: { readonly fn: string; readonly holder: string };
  /** The H alone: the entry checks of the access (alignment, VMA, EOF). */
  readonly entry?: (c: Ctx) => Refusal | undefined;
}

/** GUP's first event, once (pin_user_pages emits it before any fault). */
export function announce(c: Ctx, gup: NonNullable<FaultMode['gup']>, x: number, length: number): void {
  if (c.locals.announced === true) return;
  c.locals = withLocals(c.locals, { announced: true });
  emit(c.tx, { type: 'gup', fn: gup.fn, offset: x, length, detail: `GUP by ${gup.holder}` });
}

/** Why the host may not fault [x, end): apply's hostAccess answers (SIGBUS). */
function hostRefusal(s: GmemState, x: number): Refusal | undefined {
  if (valueAt(s.attrs, x) === 'private')
    return refuse(
      'SIGBUS',
      'host.private',
      FN,
      `${hex(x)} is private: the host may not fault it (-EACCES becomes SIGBUS)`,
    );
  const f = poisonedFolioAt(s, x);
  if (f !== undefined)
    return refuse(
      'SIGBUS',
      'host.poisoned',
      FN,
      `the folio at ${hex(f.start)} is poisoned (VM_FAULT_HWPOISON)`,
    );
  return undefined;
}

/** Why GUP's fault of [x, end) fails: apply's pin answers (EFAULT). */
function gupRefusal(s: GmemState, x: number, end: number): Refusal | undefined {
  const fn = 'pin_user_pages';
  const priv = slice(s.attrs, x, end).find((r) => r.value === 'private');
  if (priv !== undefined)
    return refuse(
      'EFAULT',
      'pin.private',
      fn,
      `${hex(priv.start)} is private: GUP's fault is refused (SIGBUS), so pinning fails`,
    );
  if (anyIn(s.poisoned, x, end))
    return refuse('EFAULT', 'pin.poisoned', fn, `${rangeName(x, end)} holds a poisoned page`);
  return undefined;
}

/** A present PTE means no fault at all (the access, or GUP following it again). */
const mappedIn = (s: GmemState, m: FaultMode): boolean => covers(s.ptes, m.x, m.x + m.length);

/** The access's own checks, then a present PTE: a plain access, or GUP follows it (`back`). */
function entry(c: Ctx, m: FaultMode, back: Next): Next {
  const bad = m.entry?.(c);
  if (bad !== undefined) {
    fail(c, bad);
    return END;
  }
  if (!mappedIn(c.tx.s, m)) return undefined;
  if (m.gup === undefined) {
    emit(c.tx, {
      type: 'host_access',
      fn: 'none: PTE present',
      offset: m.x,
      length: PAGE,
      detail: m.write ? 'store' : 'load',
    });
    if (m.write) write(c.tx, 'contents', m.x, m.x + PAGE, 'host');
  }
  return back;
}

/**
 * H — host page fault on the guest_memfd VMA (handle_mm_fault -> __do_fault ->
 * kvm_gmem_fault_user_mapping, then finish_fault) [IPC 01/46; ML without H1/H5]. The VMM
 * alone is `apply`'s hostAccess: a present PTE is a plain access; otherwise the fault maps a
 * 4K PTE, or answers SIGBUS for a private, poisoned or past-EOF page.
 */
export function hostFaultSteps(b: Build, m: FaultMode): Step[] {
  const x = m.x;
  const end = x + m.length;
  const locked = b.knobs.hostFaultLock;
  const back: Next = m.gup === undefined ? END : goto('S1');
  const lock = lockStep('H1', false, () => undefined);
  const h1: Step = {
    label: 'H1',
    fn: lock.fn,
    guard(w, id, l) {
      return mappedIn(w.g, m) ? undefined : lock.guard?.(w, id, l);
    },
    run(c) {
      return entry(c, m, back) ?? lock.run(c);
    },
  };
  const h2: Step = {
    label: 'H2',
    fn: 'kvm_gmem_is_shared_mem',
    run(c) {
      if (!locked) {
        const e = entry(c, m, back);
        if (e !== undefined) return e;
      }
      const s = c.tx.s;
      c.locals = withLocals(c.locals, { attr0: valueAt(s.attrs, x) ?? 'private' });
      const err = m.gup === undefined ? hostRefusal(s, x) : gupRefusal(s, x, end);
      if (err === undefined) return undefined;
      fail(c, err);
      return locked ? goto('H5') : END;
    },
  };
  const h3: Step = {
    label: 'H3',
    fn: '__filemap_get_folio',
    run(c) {
      if (m.gup === undefined)
        emit(c.tx, {
          type: 'host_fault',
          fn: FN,
          offset: x,
          length: PAGE,
          detail: m.write ? 'write fault' : 'read fault',
        });
      else announce(c, m.gup, x, m.length);
      const err = lookupFolio(c, x, end);
      if (err === undefined) return undefined;
      fail(c, err);
      return locked ? goto('H5') : END;
    },
  };
  const h4: Step = {
    label: 'H4',
    fn: 'folio_lock',
    guard(w, id, l) {
      return folioLockWait(w, id, l.folio);
    },
    run(c) {
      // "Has the page been truncated?": the folio left the page cache, look it up again.
      if (truncatedSince(c, x, '__filemap_get_folio')) return goto('H3');
      lockFolio(c, c.locals.folio as number);
      const f = folioAt(c.tx.s, x);
      if (m.gup !== undefined) zeroIfNotUptodate(c.tx, x, end, 'clear_highpage');
      else if (f !== undefined) zeroFolio(c.tx, f);
      return locked ? undefined : goto('H6');
    },
  };
  const h5: Step = {
    label: 'H5',
    fn: 'filemap_invalidate_unlock_shared',
    run(c) {
      unlockInvalidate(c);
      return c.locals.err === undefined ? undefined : END;
    },
  };
  const h6: Step = {
    label: 'H6',
    fn: 'finish_fault',
    run(c) {
      // The lookup reference becomes the PTE's (mapcount); a PTE already there wins.
      if (!mappedIn(c.tx.s, m)) {
        write(c.tx, 'ptes', x, end, true);
        c.w = recordTarget(c.w, 'pteIds', x, end, c.locals.folio as number);
        emit(
          c.tx,
          m.gup === undefined
            ? { type: 'pte_map', fn: FN, offset: x, length: PAGE, detail: '4K PTE installed' }
            : {
                type: 'pte_map',
                fn: 'handle_mm_fault',
                offset: x,
                length: m.length,
                detail: 'GUP faults the pages in',
              },
        );
      }
      if (holds(c, lookupHolder(c.id), x)) put(c, lookupHolder(c.id), x);
      if (m.gup === undefined && m.write) write(c.tx, 'contents', x, x + PAGE, 'host');
      return undefined;
    },
  };
  const h7: Step = {
    label: 'H7',
    fn: 'folio_unlock',
    run(c) {
      unlockFolio(c, c.locals.folio);
      return back;
    },
  };
  return locked ? [h1, h2, h3, h4, h5, h6, h7] : [h2, h3, h4, h6, h7];
}

/** The VMM's load or store through its mapping (apply's hostAccess): H with its entry checks. */
export function hostAccessProgram(b: Build): Program {
  const op = b.actor.op as OpOf<'hostAccess'>;
  const x = op.offset;
  return hostFaultSteps(b, {
    x,
    length: PAGE,
    write: op.write === true,
    // A method, not an arrow: under tsx (esbuild's keepNames) a named arrow costs a
    // defineProperty at every build of the program (~4 us a host access).
    entry(c) {
      const bad = needAligned(FN, x);
      if (bad !== undefined) return bad;
      if (valueAt(c.tx.s.vmas, x) === undefined)
        return refuse('SIGSEGV', 'host.no-vma', 'do_user_addr_fault', `the VMM has no mapping of ${hex(x)}`);
      const size = c.tx.s.config.size;
      if (x >= size)
        return refuse(
          'SIGBUS',
          'host.beyond-eof',
          FN,
          `${hex(x)} is past the end of the file (${hex(size)})`,
        );
      return undefined;
    },
  });
}

import type { OpOf, Refusal } from '../../types.ts';
import { hex, rangeName } from '../../units.ts';
import { needAligned } from '../../ops/checks.ts';
import { covers, gaps } from '../../state/rangeMap.ts';
import { addRef } from '../../state/refs.ts';
import { emit, refuse } from '../../state/tx.ts';
import { orphanOf, pteAt, whereIs } from '../identity.ts';
import { END, fail, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { getHolder, grab, put, specHolder } from '../refs.ts';
import { announce, hostFaultSteps } from './hostFault.ts';

type PinOp = OpOf<'pin'> & { readonly path?: 'auto' | 'fast' | 'slow'; readonly foll?: 'pin' | 'get' };

/** pin_user_pages' own checks before any page-table walk: alignment, a VMA, inside the file. */
function entryCheck(c: Ctx, op: PinOp): Refusal | undefined {
  const fn = 'pin_user_pages';
  const bad = needAligned(fn, op.offset, op.length);
  if (bad !== undefined) return bad;
  const end = op.offset + op.length;
  const hole = gaps(c.tx.s.vmas, op.offset, end)[0];
  if (hole !== undefined)
    return refuse('EFAULT', 'pin.no-vma', fn, `the VMM has no mapping of ${hex(hole[0])}`);
  if (end > c.tx.s.config.size)
    return refuse(
      'EFAULT',
      'pin.beyond-eof',
      fn,
      `${rangeName(op.offset, end)} passes the end of the file: the fault answers SIGBUS`,
    );
  return undefined;
}

/**
 * G — GUP: pin_user_pages_fast (path auto), *_fast_only (fast), pin_user_pages (slow) [ML].
 * FOLL_PIN adds a pin (FOLL_LONGTERM by default), FOLL_GET a plain reference (vmsplice). Every
 * page needs a VMA and must be shared, since GUP faults through kvm_gmem_fault_user_mapping,
 * which refuses private pages; missing pages are faulted in (PTEs installed) before they are
 * pinned. The fast path needs every page mapped. Alone this is `apply`'s pin, of any length.
 */
export function gupProgram(b: Build): Program {
  const op = b.actor.op as PinOp;
  const x = op.offset;
  const end = x + op.length;
  /** The folio the PTEs of the whole range lead to (the first page's), if they are all there. */
  const mappedFid = (c: Ctx): number | undefined => (covers(c.tx.s.ptes, x, end) ? pteAt(c.w, x) : undefined);
  const longterm = op.foll !== 'get' && (op.longterm ?? true);
  const holder = op.holder ?? 'gup';
  const path = op.path ?? 'auto';
  const get = op.foll === 'get';
  const fn = longterm ? 'pin_user_pages(FOLL_LONGTERM)' : 'pin_user_pages';
  const gup = { fn, holder };
  const slowPath = (): Next => (path === 'fast' ? END : goto('S1'));
  const efault = (c: Ctx, why: string): Next => {
    if (path === 'fast')
      fail(
        c,
        refuse(
          'EFAULT',
          'pin.fast-only',
          'get_user_pages_fast_only',
          `${why}: the fast-only API pins 0 pages`,
        ),
      );
    return slowPath();
  };
  /** The reference GUP hands back: a pin or a FOLL_GET reference, on folio `fid`. */
  const commit = (c: Ctx, fid: number): Next => {
    announce(c, gup, x, op.length);
    const orphan = orphanOf(c.w, fid);
    if (get)
      addRef(c.tx, {
        kind: 'transient',
        holder: getHolder(holder),
        longterm: false,
        start: x,
        end,
        orphan,
      });
    else addRef(c.tx, { kind: 'pin', holder, longterm, start: x, end, orphan });
    const length = op.length;
    emit(
      c.tx,
      get
        ? { type: 'get', fn: 'get_user_pages', offset: x, length, detail: `FOLL_GET by ${holder}` }
        : { type: 'pin', fn, offset: x, length, detail: `pinned by ${holder}` },
    );
    return END;
  };
  const g1: Step = {
    label: 'G1',
    fn: 'gup_fast_pte_range',
    run: (c) => {
      const bad = entryCheck(c, op);
      if (bad !== undefined) return (fail(c, bad), END);
      const pte0 = mappedFid(c) ?? null;
      c.locals = { ...c.locals, pte0 };
      return pte0 === null ? efault(c, `no PTE at ${hex(x)}`) : undefined;
    },
  };
  const g2: Step = {
    label: 'G2',
    fn: 'try_grab_folio_fast',
    run: (c) => {
      const fid = c.locals.pte0 as number;
      if (whereIs(c.w, fid) === 'freed') return efault(c, 'the folio was freed');
      grab(c, specHolder(holder), x, fid);
      return undefined;
    },
  };
  const g3: Step = {
    label: 'G3',
    fn: 'gup_fast_pte_range',
    run: (c) => {
      const fid = c.locals.pte0 as number;
      const same = mappedFid(c) === fid;
      // gup_fast_folio_allowed: FOLL_LONGTERM on a file other than shmem leaves the fast path.
      const allowed = get || !longterm;
      c.race.push({
        type: 'recheck',
        fn: 'gup_fast_pte_range',
        detail: same ? 'PTE unchanged' : 'PTE changed',
      });
      put(c, specHolder(holder), x);
      if ((same || !b.knobs.gupFastRecheck) && allowed) return commit(c, fid);
      c.race.push({
        type: 'retry',
        fn: 'gup_put_folio',
        detail: allowed ? 'PTE changed under GUP-fast' : 'not allowed on the fast path',
      });
      return efault(c, allowed ? 'the PTE changed' : 'FOLL_LONGTERM is not allowed on the fast path');
    },
  };
  const s1: Step = {
    label: 'S1',
    fn: 'follow_page_pte',
    run: (c) => {
      if (path === 'slow' && c.locals.announced !== true && c.locals.pte0 === undefined) {
        const bad = entryCheck(c, op);
        if (bad !== undefined) return (fail(c, bad), END);
        c.locals = { ...c.locals, pte0: null };
      }
      const fid = mappedFid(c);
      return fid === undefined ? goto(b.knobs.hostFaultLock ? 'H1' : 'H2') : commit(c, fid);
    },
  };
  const fault = hostFaultSteps(b, { x, length: op.length, write: false, gup });
  const fast = path === 'slow' ? [] : [g1, g2, g3];
  return path === 'fast' ? fast : [...fast, s1, ...fault];
}

import { toRuns } from '../../state/rangeMap.ts';
import type { OpOf, Refusal } from '../../types.ts';
import { PAGE, hex } from '../../units.ts';
import { needAligned } from '../../ops/checks.ts';
import { valueAt } from '../../state/rangeMap.ts';
import { addRef } from '../../state/refs.ts';
import { emit, refuse } from '../../state/tx.ts';
import { orphanOf, whereIs } from '../identity.ts';
import { END, fail, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { getHolder, grab, put, specHolder } from '../refs.ts';
import { announce, hostFaultSteps } from './hostFault.ts';

type PinOp = OpOf<'pin'> & { readonly path?: 'auto' | 'fast' | 'slow'; readonly foll?: 'pin' | 'get' };

/** pin_user_pages' own checks before any page-table walk: alignment, a VMA, inside the file. */
function entryCheck(c: Ctx, op: PinOp, fn: string): Refusal | undefined {
  const bad = needAligned(fn, op.offset, op.length);
  if (bad !== undefined) return bad;
  if (valueAt(c.tx.s.vmas, op.offset) === undefined)
    return refuse('EFAULT', 'pin.no-vma', fn, `the VMM has no mapping of ${hex(op.offset)}`);
  if (op.offset + PAGE > c.tx.s.config.size)
    return refuse(
      'EFAULT',
      'pin.beyond-eof',
      fn,
      `${hex(op.offset)} passes the end of the file: the fault answers SIGBUS`,
    );
  return undefined;
}

/**
 * G — GUP: pin_user_pages_fast (path auto), *_fast_only (fast), pin_user_pages (slow) [ML],
 * one page. FOLL_PIN adds a pin, FOLL_GET a plain reference (vmsplice).
 */
export function gupProgram(b: Build): Program {
  const op = b.actor.op as PinOp;
  const x = op.offset;
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
    announce(c, gup, x);
    const orphan = toRuns(c.w.mem).some((r) => r.value === fid) ? null : orphanOf(c.w, fid);
    if (get)
      addRef(c.tx, {
        kind: 'transient',
        holder: getHolder(holder),
        longterm: false,
        start: x,
        end: x + PAGE,
        orphan,
      });
    else addRef(c.tx, { kind: 'pin', holder, longterm, start: x, end: x + PAGE, orphan });
    emit(
      c.tx,
      get
        ? { type: 'get', fn: 'get_user_pages', offset: x, length: PAGE, detail: `FOLL_GET by ${holder}` }
        : { type: 'pin', fn, offset: x, length: PAGE, detail: `pinned by ${holder}` },
    );
    return END;
  };
  const g1: Step = {
    label: 'G1',
    fn: 'gup_fast_pte_range',
    run: (c) => {
      const bad = entryCheck(c, op, fn);
      if (bad !== undefined) return (fail(c, bad), END);
      const pte0 = valueAt(c.w.pteIds, x) ?? null;
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
      const same = valueAt(c.w.pteIds, x) === fid;
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
        const bad = entryCheck(c, op, fn);
        if (bad !== undefined) return (fail(c, bad), END);
        c.locals = { ...c.locals, pte0: null };
      }
      const fid = valueAt(c.w.pteIds, x);
      return fid === undefined ? goto(b.knobs.hostFaultLock ? 'H1' : 'H2') : commit(c, fid);
    },
  };
  const fault = hostFaultSteps(b, { x, write: false, gup });
  const fast = path === 'slow' ? [] : [g1, g2, g3];
  return path === 'fast' ? fast : [...fast, s1, ...fault];
}

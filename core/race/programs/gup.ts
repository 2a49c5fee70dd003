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
import { withLocals } from '../locals.ts';

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
/** What GUP's steps need of the op (plain data: the helpers below are built once). */
interface Gup {
  readonly x: number;
  readonly end: number;
  readonly holder: string;
  readonly longterm: boolean;
  readonly get: boolean;
  readonly path: 'auto' | 'fast' | 'slow';
  readonly fn: string;
}

/** The folio the PTEs of the whole range lead to (the first page's), if they are all there. */
const mappedFid = (c: Ctx, g: Gup): number | undefined =>
  covers(c.tx.s.ptes, g.x, g.end) ? pteAt(c.w, g.x) : undefined;

const slowPath = (g: Gup): Next => (g.path === 'fast' ? END : goto('S1'));

/** The fast path gives up: fast-only pins nothing (EFAULT), the others take the slow path. */
function efault(c: Ctx, g: Gup, why: string): Next {
  if (g.path === 'fast')
    fail(
      c,
      refuse('EFAULT', 'pin.fast-only', 'get_user_pages_fast_only', `${why}: the fast-only API pins 0 pages`),
    );
  return slowPath(g);
}

/** The reference GUP hands back: a pin or a FOLL_GET reference, on folio `fid`. */
function commit(c: Ctx, g: Gup, fid: number): Next {
  const { x, end, holder } = g;
  announce(c, g, x, end - x);
  const orphan = orphanOf(c.w, fid);
  if (g.get)
    addRef(c.tx, { kind: 'transient', holder: getHolder(holder), longterm: false, start: x, end, orphan });
  else addRef(c.tx, { kind: 'pin', holder, longterm: g.longterm, start: x, end, orphan });
  const length = end - x;
  emit(
    c.tx,
    g.get
      ? { type: 'get', fn: 'get_user_pages', offset: x, length, detail: `FOLL_GET by ${holder}` }
      : { type: 'pin', fn: g.fn, offset: x, length, detail: `pinned by ${holder}` },
  );
  return END;
}

export function gupProgram(b: Build): Program {
  const op = b.actor.op as PinOp;
  const x = op.offset;
  const longterm = op.foll !== 'get' && (op.longterm ?? true);
  const get = op.foll === 'get';
  const fn = longterm ? 'pin_user_pages(FOLL_LONGTERM)' : 'pin_user_pages';
  const path = op.path ?? 'auto';
  const gup: Gup = { x, end: x + op.length, holder: op.holder ?? 'gup', longterm, get, path, fn };
  const g1: Step = {
    label: 'G1',
    fn: 'gup_fast_pte_range',
    run(c) {
      const bad = entryCheck(c, op);
      if (bad !== undefined) return (fail(c, bad), END);
      const pte0 = mappedFid(c, gup) ?? null;
      c.locals = withLocals(c.locals, { pte0 });
      return pte0 === null ? efault(c, gup, `no PTE at ${hex(x)}`) : undefined;
    },
  };
  const g2: Step = {
    label: 'G2',
    fn: 'try_grab_folio_fast',
    run(c) {
      const fid = c.locals.pte0 as number;
      if (whereIs(c.w, fid) === 'freed') return efault(c, gup, 'the folio was freed');
      grab(c, specHolder(gup.holder), x, fid);
      return undefined;
    },
  };
  const g3: Step = {
    label: 'G3',
    fn: 'gup_fast_pte_range',
    run(c) {
      const fid = c.locals.pte0 as number;
      const same = mappedFid(c, gup) === fid;
      // gup_fast_folio_allowed: FOLL_LONGTERM on a file other than shmem leaves the fast path.
      const allowed = get || !longterm;
      c.race.push({
        type: 'recheck',
        fn: 'gup_fast_pte_range',
        detail: same ? 'PTE unchanged' : 'PTE changed',
      });
      put(c, specHolder(gup.holder), x);
      if ((same || !b.knobs.gupFastRecheck) && allowed) return commit(c, gup, fid);
      c.race.push({
        type: 'retry',
        fn: 'gup_put_folio',
        detail: allowed ? 'PTE changed under GUP-fast' : 'not allowed on the fast path',
      });
      return efault(c, gup, allowed ? 'the PTE changed' : 'FOLL_LONGTERM is not allowed on the fast path');
    },
  };
  const s1: Step = {
    label: 'S1',
    fn: 'follow_page_pte',
    run(c) {
      if (path === 'slow' && c.locals.announced !== true && c.locals.pte0 === undefined) {
        const bad = entryCheck(c, op);
        if (bad !== undefined) return (fail(c, bad), END);
        c.locals = withLocals(c.locals, { pte0: null });
      }
      const fid = mappedFid(c, gup);
      return fid === undefined ? goto(b.knobs.hostFaultLock ? 'H1' : 'H2') : commit(c, gup, fid);
    },
  };
  const fault = hostFaultSteps(b, { x, length: op.length, write: false, gup });
  const fast = path === 'slow' ? [] : [g1, g2, g3];
  return path === 'fast' ? fast : [...fast, s1, ...fault];
}

import { allRefs } from '../state/refIndex.ts';
import { PAGE } from '../units.ts';
import { takeRefs } from '../state/release.ts';
import { addRef, freeDeadOrphans } from '../state/refs.ts';
import { orphanOf } from './identity.ts';
import { mmuWriteWait } from './locks.ts';
import type { Ctx, Step } from './program.ts';

/** Holder names of the race-only references (§2): a path's own lookup, a GUP-fast grab. */
export const lookupHolder = (actor: string): string => `lookup:${actor}`;
/** The reference this actor's own lookup took. */
export const ownLookup = (c: Ctx): string => lookupHolder(c.id);
export const specHolder = (holder: string): string => `gup-fast:${holder}`;
/** A committed FOLL_GET reference (vmsplice-style GUP): counted by invariant 1′. */
export const getHolder = (holder: string): string => `foll_get:${holder}`;

/**
 * folio_try_get() on folio `fid` at page x by a path (race-only holder): a transient reference,
 * on the file or an orphan. An actor alone takes none: only another actor could see it.
 */
export function grab(c: Ctx, holder: string, x: number, fid: number): void {
  if (c.w.alone) return;
  const orphan = orphanOf(c.w, fid);
  addRef(c.tx, { kind: 'transient', holder, longterm: false, start: x, end: x + PAGE, orphan });
}

/** folio_put() of a path's transient reference; the last one frees an orphan. */
export function put(c: Ctx, holder: string, x: number): void {
  if (c.w.alone) return;
  const released = takeRefs(c.tx, 'transient', holder, x, x + PAGE);
  if (released !== undefined) freeDeadOrphans(c.tx, released);
}

/** Does `holder` (a path) hold a transient reference at page x? */
export const holds = (c: Ctx, holder: string, x: number): boolean =>
  !c.w.alone &&
  allRefs(c.tx.s.refs).some(
    (r) => r.kind === 'transient' && r.holder === holder && r.start <= x && r.end > x,
  );

/** kvm_mmu_invalidate_begin: in_progress + 1 over [a, b). */
export function invalidateBegin(c: Ctx, a: number, b: number): void {
  const k = c.w.kvm;
  c.w = { ...c.w, kvm: { ...k, inProgress: k.inProgress + 1, range: [a, b] } };
}

/** kvm_mmu_invalidate_end: seq + 1, in_progress - 1. */
export function invalidateEnd(c: Ctx): void {
  const k = c.w.kvm;
  const inProgress = k.inProgress - 1;
  c.w = { ...c.w, kvm: { seq: k.seq + 1, inProgress, range: inProgress === 0 ? null : k.range } };
}

/** C7 and P6: kvm_gmem_invalidate_end, under write_lock(mmu_lock). */
export function invalidateEndStep(label: string): Step {
  return {
    label,
    fn: 'kvm_gmem_invalidate_end',
    guard: mmuWriteWait,
    run(c) {
      invalidateEnd(c);
      return undefined;
    },
  };
}

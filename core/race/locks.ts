import { END, type Ctx, type Step } from './program.ts';

// An actor alone takes no lock: nobody could wait for it (world.ts aloneWorld). Its guards
// then find every lock free, and the unlocks find nothing of its own to release.
import type { Wait, World } from './types.ts';

const FN_X = 'filemap_invalidate_lock';
const FN_S = 'filemap_invalidate_lock_shared';

/** rwsem semantics without fairness: X needs no holder, S needs no X holder (§5). */
function invalidateWait(w: World, id: string, exclusive: boolean): Wait | undefined {
  const l = w.locks.invalidate;
  if (l === null) return undefined;
  if ('x' in l)
    return { resource: 'invalidate_lock', holder: l.x, on: `invalidate_lock (X, held by ${l.x})` };
  if (!exclusive) return undefined;
  const others = l.s.filter((a) => a !== id);
  return {
    resource: 'invalidate_lock',
    holder: others[0] as string,
    on: `invalidate_lock (S, held by ${others.join(', ')})`,
  };
}

function setInvalidate(c: Ctx, exclusive: boolean): void {
  if (c.w.alone) return;
  const l = c.w.locks.invalidate;
  const invalidate = exclusive
    ? { x: c.id }
    : { s: [...(l !== null && 's' in l ? l.s : []), c.id].toSorted() };
  c.w = { ...c.w, locks: { ...c.w.locks, invalidate } };
  c.race.push({
    type: 'lock',
    fn: exclusive ? FN_X : FN_S,
    detail: `invalidate_lock ${exclusive ? 'X' : 'S'}`,
  });
}

/** Releases this actor's hold on invalidate_lock. */
export function unlockInvalidate(c: Ctx): void {
  if (c.w.alone) return;
  const l = c.w.locks.invalidate;
  const rest = l !== null && 's' in l ? l.s.filter((a) => a !== c.id) : [];
  c.w = { ...c.w, locks: { ...c.w.locks, invalidate: rest.length === 0 ? null : { s: rest } } };
  c.race.push({ type: 'unlock', fn: 'filemap_invalidate_unlock', detail: 'invalidate_lock' });
}

/** A step that acquires invalidate_lock (X or S), then runs `body`. */
export function lockStep(label: string, exclusive: boolean, body: Step['run']): Step {
  return {
    label,
    fn: exclusive ? FN_X : FN_S,
    guard(w, id) {
      return invalidateWait(w, id, exclusive);
    },
    run(c) {
      setInvalidate(c, exclusive);
      return body(c);
    },
  };
}

/** folio_lock(): the folio is unlocked or this actor's own. */
export function folioLockWait(w: World, id: string, fid: number | undefined): Wait | undefined {
  if (fid === undefined) return undefined;
  const holder = w.locks.folio[String(fid)];
  return holder === undefined || holder === id
    ? undefined
    : { resource: 'folio_lock', holder, on: `folio_lock of folio #${fid} (held by ${holder})` };
}

export function lockFolio(c: Ctx, fid: number): void {
  if (c.w.alone) return;
  c.w = { ...c.w, locks: { ...c.w.locks, folio: { ...c.w.locks.folio, [String(fid)]: c.id } } };
  c.race.push({ type: 'lock', fn: 'folio_lock', detail: `folio #${fid}` });
}

export function unlockFolio(c: Ctx, fid: number | undefined): void {
  if (fid === undefined || c.w.locks.folio[String(fid)] !== c.id) return;
  const key = String(fid);
  const folio = Object.fromEntries(Object.entries(c.w.locks.folio).filter(([f]) => f !== key));
  c.w = { ...c.w, locks: { ...c.w.locks, folio } };
  c.race.push({ type: 'unlock', fn: 'folio_unlock', detail: `folio #${fid}` });
}

/** Does some actor hold invalidate_lock exclusively (structural invariants are then skipped)? */
export const exclusiveHolder = (w: World): string | undefined => {
  const l = w.locks.invalidate;
  return l !== null && 'x' in l ? l.x : undefined;
};

/** write_lock(mmu_lock) inside a step waits for the readers (a vCPU between V6 and V8). */
export function mmuWriteWait(w: World, id: string): Wait | undefined {
  const r = w.locks.mmu.filter((a) => a !== id);
  return r.length === 0
    ? undefined
    : { resource: 'mmu_lock', holder: r[0] as string, on: `mmu_lock (read, held by ${r.join(', ')})` };
}

export function readLockMmu(c: Ctx): void {
  if (c.w.alone) return;
  c.w = { ...c.w, locks: { ...c.w.locks, mmu: [...c.w.locks.mmu, c.id].toSorted() } };
  c.race.push({ type: 'lock', fn: 'read_lock', detail: 'mmu_lock R' });
}

export function readUnlockMmu(c: Ctx): void {
  if (!c.w.locks.mmu.includes(c.id)) return;
  c.w = { ...c.w, locks: { ...c.w.locks, mmu: c.w.locks.mmu.filter((a) => a !== c.id) } };
  c.race.push({ type: 'unlock', fn: 'read_unlock', detail: 'mmu_lock R' });
}

/** The last step of C and P: filemap_invalidate_unlock, then the actor ends. */
export function unlockStep(label: string): Step {
  return {
    label,
    fn: 'filemap_invalidate_unlock',
    run(c) {
      unlockInvalidate(c);
      return END;
    },
  };
}

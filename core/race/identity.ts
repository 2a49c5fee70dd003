import { folioAt } from '../state/folios.ts';
import { assign, gaps, slice, toRuns, valueAt, type RangeMap } from '../state/rangeMap.ts';
import type { World } from './types.ts';

/**
 * Folio identity (§2): every allocation gets a fresh id, per block on HugeTLB and per page on
 * a 4K file; split and merge keep the id (the same memory). Ids that leave the page cache
 * become an orphan's (alive while referenced) or freed.
 */
function syncMem(w: World): World {
  const g = w.g;
  let mem = w.mem;
  let next = w.nextFid;
  const gone: Record<string, number | 'freed'> = { ...w.gone };
  for (const r of toRuns(mem))
    for (const [a, b] of gaps(g.folios, r.start, r.end)) {
      // truncate() appends the orphan it makes: the newest one covering the range.
      const orphan = g.orphans.findLast((o) => o.start <= a && o.end >= b);
      gone[String(r.value)] = orphan === undefined ? 'freed' : orphan.id;
      mem = assign(mem, a, b, undefined);
    }
  const unit = g.config.pageSize;
  for (const f of toRuns(g.folios))
    for (const [a, b] of gaps(mem, f.start, f.end))
      for (let x = a - (a % unit); x < b; x += unit)
        mem = assign(mem, Math.max(a, x), Math.min(b, x + unit), next++);
  for (const [id, o] of Object.entries(gone))
    if (o !== 'freed' && !g.orphans.some((x) => x.id === o)) gone[id] = 'freed';
  return { ...w, mem, nextFid: next, gone };
}

/** Entries present in `present` get the id of the memory under them unless a step recorded one. */
function syncTargets<V>(
  ids: RangeMap<number>,
  present: RangeMap<V>,
  mem: RangeMap<number>,
): RangeMap<number> {
  let out = ids;
  for (const r of toRuns(out))
    for (const [a, b] of gaps(present, r.start, r.end)) out = assign(out, a, b, undefined);
  for (const p of toRuns(present))
    for (const [a, b] of gaps(out, p.start, p.end)) {
      out = assign(out, a, b, 0);
      for (const m of slice(mem, a, b)) out = assign(out, m.start, m.end, m.value);
    }
  return out;
}

/**
 * Brings the race's identity maps up to date with the core state after a step. An actor
 * alone keeps no maps: nothing can truncate or replace a folio under it, so the folio at an
 * offset is the one it looked up (see fidAt).
 */
export function syncIdentity(w: World): World {
  if (w.alone) return w;
  const m = syncMem(w);
  return {
    ...m,
    pteIds: syncTargets(m.pteIds, m.g.ptes, m.mem),
    s2Ids: syncTargets(m.s2Ids, m.g.stage2, m.mem),
  };
}

/** The id of the folio in the page cache at x (undefined: a hole); alone, its offset + 1. */
export const fidAt = (w: World, x: number): number | undefined =>
  w.alone ? ((f) => (f === undefined ? f : f.start + 1))(folioAt(w.g, x)) : valueAt(w.mem, x);

/** The id of the folio the VMM's PTE at x maps (undefined: no PTE). */
export const pteAt = (w: World, x: number): number | undefined =>
  w.alone ? (valueAt(w.g.ptes, x) === undefined ? undefined : fidAt(w, x)) : valueAt(w.pteIds, x);

/** Is folio `id` in the page cache? Alone, every folio a path holds is (nothing truncates it). */
const inFile = (w: World, id: number): boolean => w.alone || toRuns(w.mem).some((r) => r.value === id);

/** Where folio `id` lives: 'file', an orphan, or 'freed'. */
export function whereIs(w: World, id: number): 'file' | 'orphan' | 'freed' {
  if (inFile(w, id)) return 'file';
  const g = w.gone[String(id)];
  return g === undefined || g === 'freed' ? 'freed' : 'orphan';
}

/** The core orphan id holding folio `id`: null while it is in the file or freed. */
export const orphanOf = (w: World, id: number): number | null => {
  if (inFile(w, id)) return null;
  const g = w.gone[String(id)];
  return typeof g === 'number' ? g : null;
};

/** Records that the entries at [a, b) of `which` map folio `id` (alone: nothing to record). */
export const recordTarget = (w: World, which: 'pteIds' | 's2Ids', a: number, b: number, id: number): World =>
  w.alone ? w : { ...w, [which]: assign(w[which], a, b, id) };

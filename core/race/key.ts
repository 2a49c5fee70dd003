import { toRuns } from '../state/rangeMap.ts';
import { allRefs } from '../state/refIndex.ts';
import type { World } from './types.ts';

/**
 * The canonical key of a world (§7): everything that decides the future, with folio ids and
 * orphan ids renamed in order of first appearance, so that fresh allocations made in
 * different orders compare equal. Reference ids and event histories are left out.
 */
export function worldKey(w: World, order: readonly string[]): string {
  const fids = new Map<number, number>();
  const f = (id: number | null | undefined): number | null | undefined =>
    id === null || id === undefined ? id : (fids.get(id) ?? (fids.set(id, fids.size + 1), fids.size));
  const runs = (m: World['mem']) => toRuns(m).map((r) => [r.start, r.end, f(r.value)]);
  const mem = runs(w.mem);
  const pte = runs(w.pteIds);
  const s2 = runs(w.s2Ids);
  const actors = order.map((id) => {
    const a = w.actors[id];
    if (a === undefined) return null;
    const { folio, pte0, err, ...rest } = a.locals;
    return [a.pc, a.status, f(folio), f(pte0), err?.errno, err?.errorOffset, rest, a.result?.errno];
  });
  const orphans = new Map(w.g.orphans.map((o, i) => [o.id, i]));
  const refs = allRefs(w.g.refs)
    .map((r) => [
      r.kind,
      r.holder,
      r.longterm,
      r.start,
      r.end,
      r.orphan === null ? null : orphans.get(r.orphan),
    ])
    .map((x) => JSON.stringify(x))
    .toSorted();
  const gone = [...fids.entries()].map(([id, n]) => [
    n,
    w.gone[String(id)] === 'freed' ? 'freed' : (orphans.get(w.gone[String(id)] as number) ?? null),
  ]);
  const folioLocks = Object.entries(w.locks.folio).map(([id, a]) => [f(Number(id)), a]);
  const g = {
    ...w.g,
    refs: undefined,
    nextId: undefined,
    orphans: w.g.orphans.map((o) => ({ ...o, id: undefined })),
  };
  return JSON.stringify([
    g,
    refs,
    mem,
    pte,
    s2,
    actors,
    gone,
    folioLocks,
    w.locks.invalidate,
    w.locks.mmu,
    w.kvm,
    w.sept,
  ]);
}

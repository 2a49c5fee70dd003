import type { RefRecord } from '../types.ts';
import { autoMerge } from './folioOps.ts';
import { widenToBlocks } from './folios.ts';
import { editRefs, refsOverlapping } from './refIndex.ts';
import { freeDeadOrphans } from './refs.ts';
import { copyState, type Tx, touch } from './tx.ts';

/**
 * How old a record is, for the records on one page: ids do not tell (cut pieces get fresh
 * ids), but a record on an orphan predates every file record of that page (those came after
 * the truncation), older orphans have lower ids, and records on one folio are interchangeable.
 */
const age = (r: RefRecord): number => (r.orphan === null ? Number.MAX_SAFE_INTEGER : r.orphan);

/**
 * Takes one reference of `kind` by `holder` off every page of [start, end), the oldest record
 * first, whether it sits on a file folio or an orphan. Returns the records it released (whole
 * or in part), or undefined (and leaves tx alone) when some page holds no such reference.
 */
export function takeRefs(
  tx: Tx,
  kind: RefRecord['kind'],
  holder: string,
  start: number,
  end: number,
): readonly RefRecord[] | undefined {
  // Oldest first (see age).
  const candidates = refsOverlapping(tx.s, start, end)
    .filter((r) => r.kind === kind && r.holder === holder)
    .toSorted((x, y) => age(x) - age(y) || x.id - y.id);
  const gone: RefRecord[] = [];
  const added: RefRecord[] = [];
  let nextId = tx.s.nextId;
  const oldest = candidates[0];
  if (oldest !== undefined && start < end && oldest.start <= start && oldest.end >= end) {
    // The oldest record holds every page (a put or unpin of what one get or pin took): it
    // alone goes, keeping what lies outside the range, as the loop below would leave it.
    gone.push(oldest);
    if (oldest.start < start) added.push({ ...oldest, start: oldest.start, end: start });
    if (end < oldest.end)
      added.push({ ...oldest, id: added.length === 0 ? oldest.id : nextId++, start: end, end: oldest.end });
    return commitRefs(tx, gone, added, nextId, start, end);
  }
  let want: [number, number][] = [[start, end]];
  for (const r of candidates) {
    if (want.length === 0) break;
    const hit = want
      .map(([a, b]) => [Math.max(a, r.start), Math.min(b, r.end)] as [number, number])
      .filter(([a, b]) => a < b);
    if (hit.length === 0) continue;
    // The record keeps what was not released; pieces after the first get fresh ids.
    gone.push(r);
    for (const [i, [a, b]] of subtract(r.start, r.end, hit).entries())
      added.push({ ...r, id: i === 0 ? r.id : nextId++, start: a, end: b });
    want = want.flatMap(([a, b]) => subtract(a, b, hit));
  }
  if (want.length > 0) return undefined;
  return commitRefs(tx, gone, added, nextId, start, end);
}

/** The draft with the records `gone` replaced by `added` and [start, end) touched; answers `gone`. */
function commitRefs(
  tx: Tx,
  gone: readonly RefRecord[],
  added: readonly RefRecord[],
  nextId: number,
  start: number,
  end: number,
): readonly RefRecord[] {
  const next = copyState(tx.s);
  next.refs = editRefs(tx.s.refs, gone, added);
  next.nextId = nextId;
  tx.s = next;
  touch(tx, start, end);
  return gone;
}

function subtract(a: number, b: number, holes: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let at = a;
  for (const [x, y] of holes) {
    if (y <= a || x >= b) continue;
    if (x > at) out.push([at, x]);
    at = Math.max(at, y);
  }
  if (at < b) out.push([at, b]);
  return out;
}

/**
 * After the references `released` dropped: the orphans they held that nobody holds now are
 * freed, and with mergeWhen "lastRef" the folio_put callback merges blocks that were only
 * waiting for that reference.
 */
export function afterRelease(tx: Tx, released: readonly RefRecord[], start: number, end: number): void {
  freeDeadOrphans(tx, released);
  if (tx.s.config.policy.mergeWhen !== 'lastRef') return;
  const [a, b] = widenToBlocks(tx.s.config, start, end);
  autoMerge(tx, a, b, 'guestmem_hugetlb_handle_folio_put', 'last extra reference dropped');
}

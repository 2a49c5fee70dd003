import type { GmemState, Orphan, Refusal, RefRecord } from '../types.ts';
import { PAGE, hex, sizeName } from '../units.ts';
import { blocksInUse, folioAt, type Folio, isHugetlb, largeFoliosIn, stepDown } from './folios.ts';
import {
  anyIn,
  assign,
  coveredBytes,
  covers,
  fillGaps,
  fromRuns,
  gaps,
  lastOf,
  slice,
  type RangeMap,
} from './rangeMap.ts';
import { editRefs } from './refIndex.ts';
import { fileRefsIn } from './refs.ts';
import { demoteStage2 } from './stage2.ts';
import { copyState, emit, refuse, type Tx, write, touch } from './tx.ts';

/** HugeTLB pages reserved in the file's subpool, and how many hold memory. */
export function poolUsage(s: GmemState): { reserved: number; inUse: number } {
  const inUse = blocksInUse(s) + s.orphans.filter((o) => o.hugetlbBlock).length;
  // After eviction the unused reservation went back to the host (hugepage_put_subpool);
  // what orphans still hold returns as they are freed.
  const reserved = s.evicted ? inUse : s.config.size / s.config.pageSize;
  return { reserved, inUse };
}

/**
 * Allocates the missing folios of [start, end): whole blocks on a HugeTLB file, each taking a
 * page from the subpool (hugepage_subpool_get_pages), split at once where a shared index lives.
 */
export function allocate(tx: Tx, start: number, end: number): Refusal | undefined {
  const c = tx.s.config;
  const holes = gaps(tx.s.folios, start, end);
  if (holes.length === 0) return undefined;
  if (!isHugetlb(c)) {
    for (const [a, b] of holes) {
      write(tx, 'folios', a, b, PAGE);
      emit(tx, {
        type: 'folio_alloc',
        fn: 'kvm_gmem_get_folio',
        offset: a,
        length: b - a,
        detail: '4K folios',
      });
    }
    return undefined;
  }
  const P = c.pageSize;
  const blocks: number[] = [];
  for (const [a, b] of holes)
    for (let x = a - (a % P); x < b; x += P) if (lastOf(blocks) !== x) blocks.push(x);
  const { reserved, inUse } = poolUsage(tx.s);
  if (inUse + blocks.length > reserved) {
    return refuse(
      'ENOMEM',
      'pool.exhausted',
      'guestmem_hugetlb_alloc_folio',
      `the subpool has ${reserved - inUse} free ${sizeName(P)} page${reserved - inUse === 1 ? '' : 's'} of ${reserved} reserved but ${blocks.length} ${blocks.length === 1 ? 'is' : 'are'} needed (orphaned memory still holds ${inUse - blocksInUse(tx.s)})`,
    );
  }
  for (const b of blocks) {
    write(tx, 'folios', b, b + P, P);
    emit(tx, {
      type: 'pool_take',
      fn: 'hugepage_subpool_get_pages',
      offset: b,
      length: P,
      detail: `one ${sizeName(P)} page from the subpool`,
    });
    emit(tx, {
      type: 'folio_alloc',
      fn: 'kvm_gmem_get_folio',
      offset: b,
      length: P,
      detail: `${sizeName(P)} HugeTLB folio`,
    });
    splitForShared(tx, b, b + P);
  }
  return undefined;
}

/**
 * Splits one folio into folios of `to` bytes (kvm_gmem_split_folio_in_filemap). Larger
 * stage-2 leaves over it are demoted first (leavesOnSplit "demote", keeps invariant 3); the
 * posted code leaves them in place ("keep"; a reviewer: "the assumption of EPT entries always
 * being subset of folios will not hold true").
 */
export function splitFolio(tx: Tx, f: Folio, to: number, why: string): void {
  if (tx.s.config.policy.leavesOnSplit === 'demote') demoteStage2(tx, f.start, f.start + f.size, to);
  write(tx, 'folios', f.start, f.start + f.size, to);
  emit(tx, {
    type: 'folio_split',
    fn: 'kvm_gmem_split_folio_in_filemap',
    offset: f.start,
    length: f.size,
    detail: `${sizeName(f.size)} -> ${sizeName(to)} folios (${why}); hugetlb_vmemmap_restore_folio undoes HVO`,
  });
}

/**
 * A folio larger than 4K may only cover private indices: split every large folio in
 * [start, end) that holds a shared index, straight to 4K (splitPath direct) or one level at
 * a time, only where needed (stepwise).
 */
export function splitForShared(tx: Tx, start: number, end: number): void {
  const stepwise = tx.s.config.policy.splitPath === 'stepwise';
  for (const f of largeFoliosIn(tx.s, start, end)) {
    if (!anyIn(tx.s.attrs, f.start, f.start + f.size, (a) => a === 'shared')) continue;
    const to = stepwise ? stepDown(f.size) : PAGE;
    splitFolio(tx, f, to, 'it holds shared pages');
    if (to > PAGE) splitForShared(tx, f.start, f.start + f.size);
  }
}

/** Why the folios of [b, b + size) cannot become one folio of `size` bytes, if they cannot. */
export function mergeBlocker(s: GmemState, b: number, size: number, forTruncate = false): string | undefined {
  if (!covers(s.folios, b, b + size))
    return `not every small folio of ${hex(b)}+${sizeName(size)} is in the page cache`;
  // Truncation merges a block whatever its attributes: it is leaving the file anyway.
  if (!forTruncate && anyIn(s.attrs, b, b + size, (a) => a === 'shared'))
    return `${hex(b)}+${sizeName(size)} still holds shared pages`;
  if (anyIn(s.ptes, b, b + size)) return `the VMM still maps pages of ${hex(b)}+${sizeName(size)}`;
  const refs = fileRefsIn(s, b, b + size);
  if (refs.length > 0)
    return `a folio in ${hex(b)}+${sizeName(size)} holds extra references (${refs[0]?.holder ?? ''})`;
  return undefined;
}

/** Reconstructs one folio of `size` at b (HVO is redone: hugetlb_vmemmap_optimize_folio). */
export function mergeFolios(tx: Tx, b: number, size: number, fn: string, why: string): void {
  write(tx, 'folios', b, b + size, size);
  emit(tx, {
    type: 'folio_merge',
    fn,
    offset: b,
    length: size,
    detail: `${sizeName(size)} folio reconstructed (${why}); HVO redone`,
  });
}

/** What tries the merge again, per mergeWhen (autoMerge never runs with never). */
const LATER: Record<GmemState['config']['policy']['mergeWhen'], string> = {
  convert: ' (mergeWhen convert: tried at the conversion only; an explicit merge can still join it)',
  lastRef: ' (mergeWhen lastRef: tried again when a reference drops)',
  never: '',
};

/**
 * Says why a wholly private split block stays split (a reference, a VMM PTE, a punched
 * piece): the block would have merged but for that, and silence would read as a merge
 * forgotten. A block that still holds shared pages is split by design: nothing to say.
 */
function stillSplit(tx: Tx, b: number, size: number, fn: string, blocker: string): void {
  if (anyIn(tx.s.attrs, b, b + size, (a) => a === 'shared')) return;
  emit(tx, {
    type: 'folio_merge_skipped',
    fn,
    offset: b,
    length: size,
    detail: `stays split: ${blocker}${LATER[tx.s.config.policy.mergeWhen]}`,
  });
}

/**
 * Merges what policy allows after [start, end) became private or lost its last reference:
 * every present block that is split and now mergeable; with splitPath stepwise also the 2M
 * pieces of a 1G block that cannot merge whole.
 */
export function autoMerge(tx: Tx, start: number, end: number, fn: string, why: string): void {
  const c = tx.s.config;
  if (!isHugetlb(c) || c.policy.mergeWhen === 'never') return;
  const P = c.pageSize;
  for (let b = start - (start % P); b < end; b += P) {
    const f = folioAt(tx.s, b);
    if (f === undefined || f.size === P) continue;
    const blocker = mergeBlocker(tx.s, b, P);
    if (blocker === undefined) {
      mergeFolios(tx, b, P, fn, why);
      continue;
    }
    stillSplit(tx, b, P, fn, blocker);
    if (c.policy.splitPath !== 'stepwise' || P === stepDown(P)) continue;
    const sub = stepDown(P);
    for (let x = b; x < b + P; x += sub) {
      const g = folioAt(tx.s, x);
      if (g !== undefined && g.size < sub && mergeBlocker(tx.s, x, sub) === undefined)
        mergeFolios(tx, x, sub, fn, why);
    }
  }
}

/**
 * Marks the pages of [a, b) that are not uptodate as zeroed: the first user of fresh memory
 * clears it (clear_highpage for a 4K folio, folio_zero_user for a huge one). Uptodate is kept
 * per page: a huge folio merged from pieces of which some hold data keeps that data (contents
 * kept on sw_protected and pkvm), and the event says how much of the folio was zeroed.
 */
export function zeroIfNotUptodate(tx: Tx, a: number, b: number, fn: string): void {
  // One walk: the bytes already uptodate (all of them: nothing to do).
  const fresh = b - a - coveredBytes(tx.s.contents, a, b);
  if (fresh === 0) return;
  const next = copyState(tx.s);
  next.contents = fillGaps(tx.s.contents, a, b, 'zero');
  tx.s = next;
  touch(tx, a, b);
  emit(tx, {
    type: 'folio_zero',
    fn,
    offset: a,
    length: b - a,
    detail:
      fresh === b - a
        ? 'first use: zeroed and marked uptodate'
        : `first use: the ${sizeName(fresh)} not yet uptodate zeroed; the ${sizeName(b - a - fresh)} holding data kept; marked uptodate`,
  });
}

/** zeroIfNotUptodate for one folio. */
export const zeroFolio = (tx: Tx, f: Folio): void =>
  zeroIfNotUptodate(tx, f.start, f.start + f.size, f.size === PAGE ? 'clear_highpage' : 'folio_zero_user');

/** Cuts records at a and b so that no record straddles either point. */
function cutRefs(
  refs: readonly RefRecord[],
  a: number,
  b: number,
  nextId: number,
): { refs: RefRecord[]; nextId: number } {
  const out: RefRecord[] = [];
  let id = nextId;
  for (const r of refs) {
    if (r.orphan !== null || r.end <= a || r.start >= b || (r.start >= a && r.end <= b)) {
      out.push(r);
      continue;
    }
    const points = [r.start, ...[a, b].filter((p) => p > r.start && p < r.end), r.end];
    for (let i = 0; i + 1 < points.length; i++)
      out.push({ ...r, id: i === 0 ? r.id : id++, start: points[i] as number, end: points[i + 1] as number });
  }
  return { refs: out, nextId: id };
}

/**
 * Removes the whole folios of [a, b) from the page cache (truncate_inode_pages_range). Folios
 * still referenced live on as an orphan that takes their references along; the rest are freed.
 * On HugeTLB [a, b) is one block, which returns to the subpool only once nothing holds it.
 */
export function truncate(tx: Tx, a: number, b: number): void {
  const s = tx.s;
  const held = fileRefsIn(s, a, b);
  const folios = slice(s.folios, a, b);
  if (folios.length === 0) return;
  const hugetlb = isHugetlb(s.config);
  let next: GmemState = {
    ...s,
    folios: assign(s.folios, a, b, undefined),
    contents: assign(s.contents, a, b, undefined),
    poisoned: assign(s.poisoned, a, b, undefined),
    removalFailure: assign(s.removalFailure, a, b, undefined),
  };
  if (held.length > 0) {
    // Only the records on the truncated folios change: cut at a and b, the inside orphaned.
    const cut = cutRefs(held, a, b, s.nextId);
    const id = cut.nextId;
    const pieces = cut.refs.map((r) => (r.start >= a && r.end <= b ? { ...r, orphan: id } : r));
    const refs = editRefs(s.refs, held, pieces);
    const kept: RangeMap<number> = fromRuns(folios.flatMap((r) => piecesHeld(r.start, r.end, r.value, held)));
    const orphan: Orphan = {
      id,
      folios: kept,
      start: a,
      end: b,
      hugetlbBlock: hugetlb,
      poisoned: fromRuns(slice(s.poisoned, a, b)),
    };
    next = { ...next, refs, nextId: id + 1, orphans: [...s.orphans, orphan] };
    emit(tx, {
      type: 'folio_orphan',
      fn: 'truncate_inode_folio',
      offset: a,
      length: b - a,
      detail: 'still referenced: out of the file, alive until the last reference drops',
    });
  }
  tx.s = next;
  touch(tx, a, b);
  emit(tx, {
    type: 'truncate',
    fn: 'truncate_inode_pages_range',
    offset: a,
    length: b - a,
    detail: held.length > 0 ? 'referenced folios orphaned, the rest freed' : 'folios freed',
  });
  if (hugetlb && held.length === 0)
    emit(tx, {
      type: 'pool_return',
      fn: 'free_huge_folio',
      offset: a,
      length: b - a,
      detail: 'block back in the subpool',
    });
}

/** The folios of one run that some reference holds. */
function piecesHeld(
  start: number,
  end: number,
  size: number,
  held: readonly RefRecord[],
): { start: number; end: number; value: number }[] {
  const out: { start: number; end: number; value: number }[] = [];
  for (const r of held) {
    const a = Math.max(start, r.start - (r.start % size));
    const b = Math.min(end, r.end + ((size - (r.end % size)) % size));
    if (a < b) out.push({ start: a, end: b, value: size });
  }
  out.sort((x, y) => x.start - y.start);
  // Overlapping pieces from several records collapse into one run.
  const merged: { start: number; end: number; value: number }[] = [];
  for (const p of out) {
    const last = lastOf(merged);
    if (last !== undefined && p.start <= last.end)
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, p.end) };
    else merged.push(p);
  }
  return merged;
}

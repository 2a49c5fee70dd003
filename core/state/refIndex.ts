import type { GmemState, RefIndex, RefRecord } from '../types.ts';
import {
  changedChunks,
  concatRuns,
  differing,
  firstAbove,
  lastOf,
  unsharedItems,
  WIDE,
  type Span,
} from './rangeMap.ts';

/**
 * state.refs holds the references sorted by (start, id) in chunks of about 8 records, so
 * that the references overlapping a range are found without a scan of all of them and a
 * write rebuilds only the chunks it changes (the rest are shared with earlier states, which
 * stay valid): a VMM with thousands of pins stays fast. A chunk ends after a record whose id
 * hashes to a boundary, so equal sets of records are built of identical chunks. Chunks of 8,
 * not 32 as for range maps: references pile up on a page (a VMM pinning it again and again),
 * and each write rebuilds its chunk whole (npm run bench, section 5 and the 64 MiB stream).
 */
export const byStartThenId = (x: RefRecord, y: RefRecord): number => x.start - y.start || x.id - y.id;

/** No references. */
export const NO_REFS: RefIndex = { chunks: [], maxEnds: [], reach: [] };

/** Whether a record closes its chunk: a hash of its id (murmur3's fmix32). */
function closesChunk(r: RefRecord): boolean {
  let h = Math.imul(r.id ^ (r.id >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) & 7) === 0;
}

/** Records (sorted) cut into chunks at the content-defined boundaries; the last may stay open. */
function chunked(records: readonly RefRecord[]): (readonly RefRecord[])[] {
  const chunks: (readonly RefRecord[])[] = [];
  let from = 0;
  for (let k = 0; k < records.length; k++)
    if (closesChunk(records[k] as RefRecord)) {
      chunks.push(records.slice(from, k + 1));
      from = k + 1;
    }
  if (from < records.length) chunks.push(records.slice(from));
  return chunks;
}

/** The largest end of a chunk's records (references may end in any order). */
const maxEnd = (c: readonly RefRecord[]): number => c.reduce((m, r) => Math.max(m, r.end), -Infinity);

/**
 * The reach of each chunk (the largest end up to it) given the chunks' largest ends, with
 * `old` the reach before an edit that rebuilt from chunk `from` on: the entries before it
 * are kept as they were.
 */
function reachOf(maxEnds: readonly number[], old: readonly number[] = [], from = 0): number[] {
  const out = old.slice(0, from);
  let m = from === 0 ? -Infinity : (old[from - 1] as number);
  for (let c = from; c < maxEnds.length; c++) out.push((m = Math.max(m, maxEnds[c] as number)));
  return out;
}

/** A refs index holding `records` (in any order). */
export function fromRefs(records: readonly RefRecord[]): RefIndex {
  const chunks = chunked(records.toSorted(byStartThenId));
  if (chunks.length === 0) return NO_REFS;
  const maxEnds = chunks.map(maxEnd);
  return { chunks, maxEnds, reach: reachOf(maxEnds) };
}

const flat = new WeakMap<RefIndex, readonly RefRecord[]>();

/** Every reference, sorted by (start, id) (computed once per index). */
export function allRefs(refs: RefIndex): readonly RefRecord[] {
  if (refs.chunks.length <= 1) return refs.chunks[0] ?? [];
  let out = flat.get(refs);
  if (out === undefined) {
    out = concatRuns(refs.chunks);
    flat.set(refs, out);
  }
  return out;
}

/**
 * References (on file folios and orphans alike) whose pages overlap [start, end). The walk
 * starts at the first chunk that reaches past `start` (none before it can overlap): a VMM
 * with thousands of pins asks a page's references in a binary search and a chunk or two.
 */
export function refsOverlapping(s: GmemState, start: number, end: number): RefRecord[] {
  const { chunks, maxEnds, reach } = s.refs;
  const out: RefRecord[] = [];
  for (let c = firstAbove(reach, start); c < chunks.length; c++) {
    const chunk = chunks[c] as readonly RefRecord[];
    if ((chunk[0] as RefRecord).start >= end) break;
    if ((maxEnds[c] as number) <= start) continue;
    for (const r of chunk) {
      if (r.start >= end) break;
      if (r.end > start) out.push(r);
    }
  }
  return out;
}

/** Index of the chunk where r sorts: the first whose last record does not sort before it. */
function chunkFor(refs: RefIndex, r: RefRecord): number {
  let lo = 0;
  let hi = refs.chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = refs.chunks[mid] as readonly RefRecord[];
    if (byStartThenId(c[c.length - 1] as RefRecord, r) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Inserts r into records (sorted by (start, id)) at its sorted place. */
function insertSorted(records: RefRecord[], r: RefRecord): void {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byStartThenId(records[mid] as RefRecord, r) < 0) lo = mid + 1;
    else hi = mid;
  }
  records.splice(lo, 0, r);
}

/**
 * The index without the records `gone` (the very objects) and with the records `added`: only
 * the chunks from the first to the last one they sit in are rebuilt.
 */
export function editRefs(refs: RefIndex, gone: readonly RefRecord[], added: readonly RefRecord[]): RefIndex {
  if (gone.length === 0 && added.length === 0) return refs;
  const n = refs.chunks.length;
  if (n === 0) return fromRefs(added);
  let a = n;
  let b = -1;
  for (const rs of [gone, added])
    for (const r of rs) {
      const c = chunkFor(refs, r);
      a = Math.min(a, c);
      b = Math.max(b, c);
    }
  const kept = concatRuns(refs.chunks.slice(a, b + 1));
  const local = gone.length === 0 ? kept : kept.filter((r) => !gone.includes(r));
  // One record (a reference taken) goes in at its place, found by a binary search: a sort
  // of the chunk compared every record again through a comparator.
  if (added.length === 1) insertSorted(local, added[0] as RefRecord);
  else if (added.length > 1) {
    local.push(...added);
    local.sort(byStartThenId);
  }
  // A rebuilt stretch that no longer ends on a boundary runs on into the next chunk.
  const last = lastOf(local);
  if (last !== undefined && !closesChunk(last) && b + 1 < n) {
    b++;
    local.push(...(refs.chunks[b] as readonly RefRecord[]));
  }
  // Only the rebuilt chunks are measured: the others keep their ends.
  const mid = chunked(local);
  if (mid.length === 0 && a === 0 && b + 1 === n) return NO_REFS;
  const maxEnds = refs.maxEnds.toSpliced(a, b + 1 - a, ...mid.map(maxEnd));
  return {
    chunks: refs.chunks.toSpliced(a, b + 1 - a, ...mid),
    maxEnds,
    reach: reachOf(maxEnds, refs.reach, a),
  };
}

/** Inserts a record at its sorted place. */
export const insertRef = (refs: RefIndex, r: RefRecord): RefIndex => editRefs(refs, [], [r]);

/** Where two versions of an index may differ: outside the span both hold the very same records. */
export const changedRefSpan = (a: RefIndex, b: RefIndex): Span | undefined =>
  a === b ? undefined : changedChunks(a.chunks, b.chunks);

/**
 * The records two versions of an index may differ by: those of each version outside the
 * longest stretches both share (chunks by reference, then records by identity), so every
 * record added or dropped is among them (a few unchanged ones may be too). Undefined when the
 * versions are far apart (more than WIDE chunks unshared on either side): ask as if all differ.
 */
export function changedRecords(a: RefIndex, b: RefIndex): readonly RefRecord[] | undefined {
  if (a === b) return [];
  const [i, ja, jb] = differing(a.chunks, b.chunks);
  if (ja - i > WIDE || jb - i > WIDE) return undefined;
  const [xs, ys, p, qx, qy] = unsharedItems(a.chunks, b.chunks, i, ja, jb);
  return [...xs.slice(p, qx), ...ys.slice(p, qy)];
}

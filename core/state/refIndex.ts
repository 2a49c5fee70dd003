import type { GmemState, RefIndex, RefRecord } from '../types.ts';
import { changedChunks, concatRuns, type Span } from './rangeMap.ts';

/**
 * state.refs holds the references sorted by (start, id) in chunks of about 32 records, so
 * that the references overlapping a range are found without a scan of all of them and a
 * write rebuilds only the chunks it changes (the rest are shared with earlier states, which
 * stay valid): a VMM with thousands of pins stays fast. A chunk ends after a record whose id
 * hashes to a boundary, so equal sets of records are built of identical chunks.
 */
export const byStartThenId = (x: RefRecord, y: RefRecord): number => x.start - y.start || x.id - y.id;

/** No references. */
export const NO_REFS: RefIndex = { chunks: [], maxEnds: [] };

/** Whether a record closes its chunk: a hash of its id (murmur3's fmix32). */
function closesChunk(r: RefRecord): boolean {
  let h = Math.imul(r.id ^ (r.id >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) & 31) === 0;
}

function build(
  records: readonly RefRecord[],
  before: readonly (readonly RefRecord[])[] = [],
  after: readonly (readonly RefRecord[])[] = [],
): RefIndex {
  const chunks: (readonly RefRecord[])[] = [...before];
  let cur: RefRecord[] = [];
  for (const r of records) {
    cur.push(r);
    if (closesChunk(r)) {
      chunks.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) chunks.push(cur);
  chunks.push(...after);
  if (chunks.length === 0) return NO_REFS;
  const maxEnds = chunks.map((c) => c.reduce((m, r) => Math.max(m, r.end), -Infinity));
  return { chunks, maxEnds };
}

/** A refs index holding `records` (in any order). */
export const fromRefs = (records: readonly RefRecord[]): RefIndex => build(records.toSorted(byStartThenId));

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

/** References (on file folios and orphans alike) whose pages overlap [start, end). */
export function refsOverlapping(s: GmemState, start: number, end: number): RefRecord[] {
  const { chunks, maxEnds } = s.refs;
  const out: RefRecord[] = [];
  for (let c = 0; c < chunks.length; c++) {
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
  for (const r of [...gone, ...added]) {
    const c = chunkFor(refs, r);
    a = Math.min(a, c);
    b = Math.max(b, c);
  }
  const kept = concatRuns(refs.chunks.slice(a, b + 1));
  const local = gone.length === 0 ? kept : kept.filter((r) => !gone.includes(r));
  local.push(...added);
  if (added.length > 0) local.sort(byStartThenId);
  // A rebuilt stretch that no longer ends on a boundary runs on into the next chunk.
  const last = local[local.length - 1];
  if (last !== undefined && !closesChunk(last) && b + 1 < n) {
    b++;
    local.push(...(refs.chunks[b] as readonly RefRecord[]));
  }
  return build(local, refs.chunks.slice(0, a), refs.chunks.slice(b + 1));
}

/** Inserts a record at its sorted place. */
export const insertRef = (refs: RefIndex, r: RefRecord): RefIndex => editRefs(refs, [], [r]);

/** Where two versions of an index may differ: outside the span both hold the very same records. */
export const changedRefSpan = (a: RefIndex, b: RefIndex): Span | undefined =>
  a === b ? undefined : changedChunks(a.chunks, b.chunks);

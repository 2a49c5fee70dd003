import type { GmemState, RefGroup, RefIndex, RefRecord } from '../types.ts';
import {
  changedChunks,
  differingByValue,
  FAR,
  hull,
  concatRuns,
  differing,
  firstAbove,
  lastOf,
  sameValue,
  unsharedItems,
  WIDE,
  type Span,
} from './rangeMap.ts';

/**
 * state.refs holds the references sorted by (start, id) in chunks of about 8 records, the
 * chunks in groups of about 16, so that the references overlapping a range are found without
 * a scan of all of them and a write rebuilds only the chunk and the group it changes and
 * copies the short list of groups (the rest are shared with earlier states, which stay
 * valid): a step's cost barely follows the number of references (npm run bench, section 8).
 * A chunk ends after a record whose id hashes to a boundary, a group after a chunk whose last
 * record's id hashes to a rarer one, so equal sets of records are built of identical chunks
 * and groups whatever their history. Chunks of 8, not 32 as for range maps: references pile
 * up on a page (a VMM pinning it again and again), and a write rebuilds its chunk whole.
 */
export const byStartThenId = (x: RefRecord, y: RefRecord): number => x.start - y.start || x.id - y.id;

/** No references. */
export const NO_REFS: RefIndex = { groups: [], reach: [] };

/** A hash of a record's id (murmur3's fmix32): where chunks and groups end. */
function idHash(r: RefRecord): number {
  let h = Math.imul(r.id ^ (r.id >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether a record closes its chunk (1 in 8). */
const closesChunk = (r: RefRecord): boolean => (idHash(r) & 7) === 0;

/** Whether a chunk closes its group: its last record closes it and a rarer boundary (1 in 16 chunks). */
const closesGroup = (c: Chunk): boolean => (idHash(c[c.length - 1] as RefRecord) & 127) === 0;

type Chunk = readonly RefRecord[];

/**
 * Records (sorted) cut into chunks at the content-defined boundaries; the last may stay open.
 * `closes` says whether a record closes its chunk (an edit knows it of the records it kept).
 */
function chunked(records: readonly RefRecord[], closes: (r: RefRecord) => boolean = closesChunk): Chunk[] {
  const chunks: Chunk[] = [];
  let from = 0;
  for (let k = 0; k < records.length; k++)
    if (closes(records[k] as RefRecord)) {
      chunks.push(records.slice(from, k + 1));
      from = k + 1;
    }
  if (from < records.length) chunks.push(records.slice(from));
  return chunks;
}

/** The largest end of a chunk's records (references may end in any order). */
const maxEnd = (c: Chunk): number => c.reduce((m, r) => Math.max(m, r.end), -Infinity);

/** The running maximum of `xs`: the reach of each item (the largest end up to it). */
function reachOf(xs: readonly number[]): number[] {
  // A copy made at its length, then maximised in place: cheaper than a push per item.
  const out = xs.slice();
  for (let k = 1; k < out.length; k++) out[k] = Math.max(out[k - 1] as number, out[k] as number);
  return out;
}

/**
 * xs with `count` items from a replaced by `items`; one item by one is a copy with it, not a
 * splice of spread arguments (most edits rebuild one chunk into one).
 */
const spliced = <T>(xs: readonly T[], a: number, count: number, items: readonly T[]): T[] =>
  count === 1 && items.length === 1 ? xs.with(a, items[0] as T) : xs.toSpliced(a, count, ...items);

/** A group of chunks (given with their largest ends). */
function group(chunks: readonly Chunk[], maxEnds: readonly number[]): RefGroup {
  return { chunks, maxEnds, reach: reachOf(maxEnds) };
}

/** The largest end of a group's records. */
const groupEnd = (g: RefGroup): number => g.reach[g.reach.length - 1] as number;

/** Chunks (and their ends) cut into groups at the content-defined boundaries; the last may stay open. */
function grouped(chunks: readonly Chunk[], maxEnds: readonly number[]): RefGroup[] {
  const groups: RefGroup[] = [];
  let from = 0;
  for (let k = 0; k < chunks.length; k++)
    if (closesGroup(chunks[k] as Chunk)) {
      // The whole list as one group is that group itself (the callers hand over lists nobody else holds).
      if (from === 0 && k === chunks.length - 1) return [group(chunks, maxEnds)];
      groups.push(group(chunks.slice(from, k + 1), maxEnds.slice(from, k + 1)));
      from = k + 1;
    }
  if (from === 0 && chunks.length > 0) return [group(chunks, maxEnds)];
  if (from < chunks.length) groups.push(group(chunks.slice(from), maxEnds.slice(from)));
  return groups;
}

/** An index of these groups (the reach of each computed from theirs). */
const indexOf = (groups: readonly RefGroup[]): RefIndex =>
  groups.length === 0 ? NO_REFS : { groups, reach: reachOf(groups.map(groupEnd)) };

/** A refs index holding `records` (in any order). */
export function fromRefs(records: readonly RefRecord[]): RefIndex {
  const chunks = chunked(records.toSorted(byStartThenId));
  return indexOf(grouped(chunks, chunks.map(maxEnd)));
}

/** Every chunk of the groups [i, j), in order. */
const chunksIn = (groups: readonly RefGroup[], i = 0, j = groups.length): Chunk[] =>
  concatRuns(groups.slice(i, j).map((g) => g.chunks));

const flat = new WeakMap<RefIndex, readonly RefRecord[]>();

/** Every reference, sorted by (start, id) (computed once per index). */
export function allRefs(refs: RefIndex): readonly RefRecord[] {
  const only = refs.groups.length === 1 ? (refs.groups[0] as RefGroup).chunks : undefined;
  if (refs.groups.length === 0 || (only !== undefined && only.length === 1)) return only?.[0] ?? [];
  let out = flat.get(refs);
  if (out === undefined) {
    out = concatRuns(chunksIn(refs.groups));
    flat.set(refs, out);
  }
  return out;
}

/**
 * References (on file folios and orphans alike) whose pages overlap [start, end). The walk
 * starts at the first group, then the first chunk of it, that reaches past `start` (none
 * before can overlap): a VMM with thousands of pins asks a page's references in two binary
 * searches and a chunk or two.
 */
export function refsOverlapping(s: GmemState, start: number, end: number): RefRecord[] {
  const { groups, reach } = s.refs;
  const out: RefRecord[] = [];
  for (let g = firstAbove(reach, start); g < groups.length; g++) {
    const { chunks, maxEnds, reach: within } = groups[g] as RefGroup;
    for (let c = firstAbove(within, start); c < chunks.length; c++) {
      const chunk = chunks[c] as Chunk;
      // Every later chunk, of this group or the next, starts at or after this one.
      if ((chunk[0] as RefRecord).start >= end) return out;
      if ((maxEnds[c] as number) <= start) continue;
      for (let k = 0; k < chunk.length; k++) {
        const r = chunk[k] as RefRecord;
        if (r.start >= end) break;
        if (r.end > start) out.push(r);
      }
    }
  }
  return out;
}

/**
 * Index of the item (a chunk or a group, whose last record `last` gives) where r sorts: the
 * first whose last record does not sort before it (the last one at most).
 */
function placeOf<T>(items: readonly T[], last: (item: T) => RefRecord, r: RefRecord): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byStartThenId(last(items[mid] as T), r) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Where the records of an edit sit (holding): [lo, hi], rewritten by each call (no pair
 * allocated per edit).
 */
const held = { lo: 0, hi: 0 };

/** The first and last items (chunks or groups) the records gone and added sit in, into `held`. */
function holding<T>(
  items: readonly T[],
  last: (item: T) => RefRecord,
  gone: readonly RefRecord[],
  added: readonly RefRecord[],
): void {
  held.lo = items.length;
  held.hi = -1;
  for (let k = 0; k < gone.length + added.length; k++) {
    const p = placeOf(items, last, (k < gone.length ? gone[k] : added[k - gone.length]) as RefRecord);
    held.lo = Math.min(held.lo, p);
    held.hi = Math.max(held.hi, p);
  }
}

const lastOfChunk = (c: Chunk): RefRecord => c[c.length - 1] as RefRecord;
const lastOfGroup = (g: RefGroup): RefRecord => lastOfChunk(g.chunks[g.chunks.length - 1] as Chunk);

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

/** The records of `chunks` without `gone` (the very objects) and with `added`, sorted. */
function edited(
  chunks: readonly Chunk[],
  gone: readonly RefRecord[],
  added: readonly RefRecord[],
): RefRecord[] {
  // One chunk (most edits) copied as it is: a join of one list still spreads it as arguments.
  const kept = chunks.length === 1 ? (chunks[0] as Chunk).slice() : concatRuns(chunks);
  const local = gone.length === 0 ? kept : kept.filter((r) => !gone.includes(r));
  // One record (a reference taken) goes in at its place, found by a binary search: a sort
  // of the chunk compared every record again through a comparator.
  if (added.length === 1) insertSorted(local, added[0] as RefRecord);
  else if (added.length > 1) {
    local.push(...added);
    local.sort(byStartThenId);
  }
  return local;
}

/**
 * The index without the records `gone` (the very objects) and with the records `added`: only
 * the chunks from the first to the last one they sit in are rebuilt, and the groups holding
 * them; the list of groups is copied with those spliced in.
 */
export function editRefs(refs: RefIndex, gone: readonly RefRecord[], added: readonly RefRecord[]): RefIndex {
  if (gone.length === 0 && added.length === 0) return refs;
  const { groups } = refs;
  if (groups.length === 0) return fromRefs(added);
  holding(groups, lastOfGroup, gone, added);
  const { lo: ga, hi: gb } = held;
  return (ga === gb ? inGroup(refs, ga, gone, added) : undefined) ?? acrossGroups(refs, ga, gb, gone, added);
}

/**
 * Which records close their chunk, and which chunks their group, during an edit: only the
 * records added and the index's last one (which may close nothing) are hashed. A kept record
 * closes its chunk if it closed one before (it is in `lasts`, the last records of the chunks
 * rebuilt), and a kept chunk its group if it ended one (its last record is in `closers`):
 * hashing every kept record meant reading each, a cache miss each among thousands of records.
 * One record rewritten by each edit (no object or closure per edit), read while it runs.
 */
const known = {
  added: [] as readonly RefRecord[],
  open: undefined as RefRecord | undefined,
  lasts: [] as RefRecord[],
  closers: [] as readonly RefRecord[],
  small: true,
};

const hashed = (r: RefRecord): boolean => r === known.open || isIn(known.added, r);

/**
 * Whether r closes its chunk after the edit `known` describes. A small index (a few groups,
 * its records in the processor's caches) hashes every record: cheaper there than the lists.
 */
const closesChunkKnown = (r: RefRecord): boolean =>
  known.small || hashed(r) ? closesChunk(r) : isIn(known.lasts, r);

/** Whether c closes its group after the edit `known` describes. */
function closesGroupKnown(c: Chunk): boolean {
  if (known.small) return closesGroup(c);
  const r = lastOfChunk(c);
  return hashed(r) ? closesGroup(c) : isIn(known.closers, r);
}

/** Starts an edit of `refs` adding `added` and rebuilding the chunks `rebuilt`. */
function knowEdit(
  refs: RefIndex,
  added: readonly RefRecord[],
  rebuilt: readonly Chunk[],
  closers: readonly RefRecord[],
): void {
  known.small = refs.groups.length <= SMALL;
  if (known.small) return;
  known.added = added;
  known.open = lastOfGroup(refs.groups[refs.groups.length - 1] as RefGroup);
  known.lasts = rebuilt.map(lastOfChunk);
  known.closers = closers;
}

/** Groups (of ~128 records) up to which an index is small (see closesChunkKnown). */
const SMALL = 4;

/** Whether r is one of the few records of xs (a loop: `includes` is a call into the runtime). */
function isIn(xs: readonly RefRecord[], r: RefRecord): boolean {
  for (let k = 0; k < xs.length; k++) if (xs[k] === r) return true;
  return false;
}

/**
 * editRefs when the records all sit in group g and the edit moves no group boundary (most
 * edits): the group's chunk lists are copied with the rebuilt chunks spliced in. Undefined
 * when a boundary moves (acrossGroups then regroups).
 */
function inGroup(
  refs: RefIndex,
  g: number,
  gone: readonly RefRecord[],
  added: readonly RefRecord[],
): RefIndex | undefined {
  const { groups } = refs;
  const { chunks } = groups[g] as RefGroup;
  const final = g === groups.length - 1;
  const end = chunks.length - 1;
  holding(chunks, lastOfChunk, gone, added);
  const a = held.lo;
  let b = held.hi;
  const rebuilt = chunks.slice(a, b + 1);
  const local = edited(rebuilt, gone, added);
  knowEdit(refs, added, rebuilt, [lastOfGroup(groups[g] as RefGroup)]);
  // A rebuilt stretch that no longer ends on a chunk boundary runs on into the next chunk.
  const last = lastOf(local);
  if (last !== undefined && !closesChunkKnown(last)) {
    if (b === end && !final) return undefined;
    if (b < end) {
      b++;
      local.push(...(chunks[b] as Chunk));
      if (!known.small) known.lasts.push(lastOfChunk(chunks[b] as Chunk));
    }
  }
  const mid = known.small ? chunked(local) : chunked(local, closesChunkKnown);
  // No rebuilt chunk but the group's last may close a group; the group's last must, unless
  // it is the index's last group; the group must keep a chunk.
  for (let k = 0; k < mid.length - 1; k++) if (closesGroupKnown(mid[k] as Chunk)) return undefined;
  const tail = lastOf(mid);
  if (tail === undefined) {
    // The rebuilt chunks are gone: if they ended the group, it is empty or ends on a chunk
    // that closed no group.
    if (b === end && (a === 0 || !final)) return undefined;
  } else if (b === end) {
    if (!final && !closesGroupKnown(tail)) return undefined;
  } else if (closesGroupKnown(tail)) return undefined;
  const { maxEnds } = groups[g] as RefGroup;
  const next = groups.with(
    g,
    group(spliced(chunks, a, b + 1 - a, mid), spliced(maxEnds, a, b + 1 - a, mid.map(maxEnd))),
  );
  return { groups: next, reach: reachAfter(refs.reach, next, g, g + 1, 1) };
}

/** editRefs over groups [ga, gb]: their chunks are regrouped, running on into the next groups where boundaries moved. */
function acrossGroups(
  refs: RefIndex,
  ga: number,
  gbFirst: number,
  gone: readonly RefRecord[],
  added: readonly RefRecord[],
): RefIndex {
  const { groups } = refs;
  const n = groups.length;
  let gb = gbFirst;
  const chunks = chunksIn(groups, ga, gb + 1);
  const ends = concatRuns(groups.slice(ga, gb + 1).map((g) => g.maxEnds));
  holding(chunks, lastOfChunk, gone, added);
  const a = held.lo;
  let b = held.hi;
  const rebuilt = chunks.slice(a, b + 1);
  const local = edited(rebuilt, gone, added);
  knowEdit(refs, added, rebuilt, []);
  // A rebuilt stretch that no longer ends on a chunk boundary runs on into the next chunk,
  // which may be the next group's first.
  const last = lastOf(local);
  if (last !== undefined && !closesChunkKnown(last) && b + 1 === chunks.length && gb + 1 < n) {
    gb++;
    chunks.push(...(groups[gb] as RefGroup).chunks);
    ends.push(...(groups[gb] as RefGroup).maxEnds);
  }
  if (last !== undefined && !closesChunkKnown(last) && b + 1 < chunks.length) {
    b++;
    local.push(...(chunks[b] as Chunk));
    if (!known.small) known.lasts.push(lastOfChunk(chunks[b] as Chunk));
  }
  // Only the rebuilt chunks are measured: the others keep their ends.
  const mid = known.small ? chunked(local) : chunked(local, closesChunkKnown);
  chunks.splice(a, b + 1 - a, ...mid);
  ends.splice(a, b + 1 - a, ...mid.map(maxEnd));
  // A stretch of groups that no longer ends on a group boundary runs on into the next group.
  while (gb + 1 < n && chunks.length > 0 && !closesGroup(chunks[chunks.length - 1] as Chunk)) {
    gb++;
    chunks.push(...(groups[gb] as RefGroup).chunks);
    ends.push(...(groups[gb] as RefGroup).maxEnds);
  }
  const regrouped = grouped(chunks, ends);
  if (regrouped.length === 0 && ga === 0 && gb + 1 === n) return NO_REFS;
  const next = groups.toSpliced(ga, gb + 1 - ga, ...regrouped);
  return { groups: next, reach: reachAfter(refs.reach, next, ga, gb + 1, regrouped.length) };
}

/**
 * The reach of `next`, the groups of `old` with [ga, gb) replaced by `count` groups: kept
 * before ga, computed again over the new groups and after them only until it meets the old
 * reach again (from there on both are the running maximum of the same groups).
 */
function reachAfter(
  old: readonly number[],
  next: readonly RefGroup[],
  ga: number,
  gb: number,
  count: number,
): number[] {
  const fresh: number[] = [];
  let m = ga === 0 ? -Infinity : (old[ga - 1] as number);
  let g = ga;
  for (; g < ga + count; g++) fresh.push((m = Math.max(m, groupEnd(next[g] as RefGroup))));
  // Group g of next is group g + shift of old.
  const shift = gb - ga - count;
  for (; g < next.length && m !== (old[g + shift - 1] as number); g++)
    fresh.push((m = Math.max(m, groupEnd(next[g] as RefGroup))));
  return spliced(old, ga, g + shift - ga, fresh);
}

/** Inserts a record at its sorted place. */
export const insertRef = (refs: RefIndex, r: RefRecord): RefIndex => editRefs(refs, [], [r]);

/**
 * The chunks of groups [i, j) (from differing): the group's own list when it is one, else a
 * joined copy.
 */
const chunksOfGroups = (groups: readonly RefGroup[], i: number, j: number): readonly Chunk[] =>
  j - i === 1 ? (groups[i] as RefGroup).chunks : chunksIn(groups, i, j);

/** Two records equal field by field (two lineages of one history build equal ones). */
const sameRecord = (x: RefRecord, y: RefRecord): boolean => sameValue(x, y);

/**
 * Where two versions of an index may differ: outside the span both hold the very same records,
 * or equal ones (groups, then chunks by reference, then records by identity; versions far
 * apart by identity compared record by record, by value: see changedChunks).
 */
export function changedRefSpan(a: RefIndex, b: RefIndex): Span | undefined {
  if (a === b) return undefined;
  const [gi, gja, gjb] = differing(a.groups, b.groups);
  const ca = chunksOfGroups(a.groups, gi, gja);
  const cb = chunksOfGroups(b.groups, gi, gjb);
  if (gja - gi <= WIDE && gjb - gi <= WIDE) return changedChunks(ca, cb, sameRecord, chunkExtent);
  const byValue = differingByValue(ca, cb, 0, ca.length, cb.length, sameRecord);
  return byValue === FAR ? hull(extentOf(a.groups, gi, gja), extentOf(b.groups, gi, gjb)) : byValue;
}

/**
 * [first start, largest end] of the records of groups [i, j), or of chunks [i, j) of a list:
 * a reference may end past the last one's end, so the end is the largest, not the last's.
 */
function extentOf(groups: readonly RefGroup[], i: number, j: number): Span | undefined {
  if (i >= j) return undefined;
  let hi = -Infinity;
  for (let g = i; g < j; g++) hi = Math.max(hi, groupEnd(groups[g] as RefGroup));
  return [((groups[i] as RefGroup).chunks[0] as Chunk)[0]?.start as number, hi];
}

function chunkExtent(chunks: readonly Chunk[], i: number, j: number): Span | undefined {
  if (i >= j) return undefined;
  let hi = -Infinity;
  for (let c = i; c < j; c++) hi = Math.max(hi, maxEnd(chunks[c] as Chunk));
  return [((chunks[i] as Chunk)[0] as RefRecord).start, hi];
}

/**
 * The records two versions of an index may differ by: those of each version outside the
 * longest stretches both share (groups, then chunks by reference, then records by identity),
 * so every record added or dropped is among them (a few unchanged ones may be too). Undefined
 * when the versions are far apart (more than WIDE groups or chunks unshared on either side):
 * ask as if all differ.
 */
export function changedRecords(a: RefIndex, b: RefIndex): readonly RefRecord[] | undefined {
  if (a === b) return [];
  const [gi, gja, gjb] = differing(a.groups, b.groups);
  if (gja - gi > WIDE || gjb - gi > WIDE) return undefined;
  const ca = chunksOfGroups(a.groups, gi, gja);
  const cb = chunksOfGroups(b.groups, gi, gjb);
  const [i, ja, jb] = differing(ca, cb);
  if (ja - i > WIDE || jb - i > WIDE) return undefined;
  const [xs, ys, p, qx, qy] = unsharedItems(ca, cb, i, ja, jb);
  return [...xs.slice(p, qx), ...ys.slice(p, qy)];
}

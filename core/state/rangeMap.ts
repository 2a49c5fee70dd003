/**
 * A run-length map over byte offsets: sorted, non-overlapping runs [start, end) with a value.
 * Gaps mean "nothing there". Adjacent runs with equal values are always merged (canonical
 * form), so a 1 TiB file costs a handful of runs.
 *
 * The runs are stored as a persistent chunked array: chunks of about 32 runs, shared between
 * versions. A write copies the chunks it changes and the short list of chunks (O(chunk +
 * runs / chunk), not O(runs)), so a step's cost does not grow with the history; every earlier
 * version stays valid, nothing shared is ever mutated. A chunk ends after a run whose end
 * hashes to a boundary (content-defined chunking), so two equal maps are built of identical
 * chunks whatever their history: deep equality of states keeps meaning equal content.
 */
export interface Run<V> {
  readonly start: number;
  readonly end: number;
  readonly value: V;
}

/** Runs in a plain array, sorted and disjoint (a slice of a map, or a classification). */
export type Runs<V> = readonly Run<V>[];

export interface RangeMap<V> {
  readonly chunks: readonly Runs<V>[];
  /** ends[i] is the end of the last run of chunks[i]: the chunk holding x is found by binary search. */
  readonly ends: readonly number[];
}

/** The empty map. */
export const EMPTY: RangeMap<never> = { chunks: [], ends: [] };

/**
 * Values are primitives or flat objects of primitives; equal means equal field by field.
 * Walked with for-in (V8's enum cache), not Object.keys: two arrays per call at every merge of
 * two runs of objects (stage-2 entries, observed folio counts) were garbage for nothing.
 */
export function sameValue<V>(a: V, b: V): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k in ra) if (ra[k] !== rb[k]) return false;
  for (const k in rb) if (!(k in ra)) return false;
  return true;
}

/**
 * Whether a run ending at `end` closes its chunk: a hash of the offset (murmur3's fmix32).
 * Every run a write rebuilds is hashed, so the low word is taken by a subtraction: offsets
 * past 2 GiB are doubles, and `%` of doubles is a call to fmod (the same value: end < 2^53).
 */
function closesChunk(end: number): boolean {
  const high = Math.floor(end / 4294967296);
  let h = (end - high * 4294967296) ^ Math.imul(high, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) & 31) === 0;
}

/**
 * Cuts runs into chunks at the content-defined boundaries; the last chunk may stay open. Each
 * chunk is a slice (one copy at its final length, not a push per run), and runs that make one
 * chunk are that chunk themselves: callers hand over an array nobody else holds.
 */
function chunked<V>(runs: Runs<V>): Runs<V>[] {
  const out: Runs<V>[] = [];
  let from = 0;
  for (let k = 0; k < runs.length; k++)
    if (closesChunk((runs[k] as Run<V>).end)) {
      out.push(from === 0 && k === runs.length - 1 ? runs : runs.slice(from, k + 1));
      from = k + 1;
    }
  if (from < runs.length) out.push(from === 0 ? runs : runs.slice(from));
  return out;
}

/**
 * Where the last assignRuns or fillRuns put the runs it built in its answer: [lo, hi). Every
 * other run of the answer is a run of its input, at the same index before lo and at the same
 * distance from the end after hi (one record rewritten per write: no object per call).
 */
const built = { lo: 0, hi: 0 };

/**
 * Whether a run of `local` before its last closes a chunk, where `local` is chunk `old`
 * rewritten by assignRuns or fillRuns (`built` says which runs they built). Only those runs
 * and the one before them are hashed: a run of a chunk other than its last does not close
 * (chunked cuts after every run that does), the runs after them are the chunk's own, its
 * last at the end, and the run before them is the old last one when they were appended.
 */
function closesInside<V>(local: Runs<V>): boolean {
  const stop = Math.min(built.hi, local.length - 1);
  for (let k = Math.max(0, built.lo - 1); k < stop; k++)
    if (closesChunk((local[k] as Run<V>).end)) return true;
  return false;
}

const lastEnd = <V>(c: Runs<V>): number => (c[c.length - 1] as Run<V>).end;

function build<V>(chunks: readonly Runs<V>[]): RangeMap<V> {
  return chunks.length === 0 ? EMPTY : { chunks, ends: chunks.map(lastEnd) };
}

/** Index of the first run whose end is > x in a plain array of runs (binary search). */
export function firstEndingAfter<V>(runs: Runs<V>, x: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((runs[mid] as Run<V>).end > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The last item of a list, if any. Read only when there is one: `xs[xs.length - 1]` of an empty
 * list reads index -1, a named-property lookup in V8 (~100 ns, more than the rest of a push).
 */
export const lastOf = <T>(xs: readonly T[]): T | undefined => (xs.length > 0 ? xs[xs.length - 1] : undefined);

/** Index of the first of `xs` (non-decreasing) that is > x, or xs.length (binary search). */
export function firstAbove(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first chunk holding a run whose end is > x. */
export const chunkAfter = <V>(map: RangeMap<V>, x: number): number => firstAbove(map.ends, x);

/**
 * Where a walk from `start` begins in chunk c (the chunk chunkAfter found, or one after it):
 * its first run ending after start; a later chunk's runs all do.
 */
const firstInChunk = <V>(map: RangeMap<V>, c: number, chunk: Runs<V>, start: number): number =>
  c === 0 || (map.ends[c - 1] as number) <= start ? firstEndingAfter(chunk, start) : 0;

/**
 * Visits, in order, the runs whose end is > start until `f` returns false: every query of
 * this module is one such walk, from a binary search.
 */
function walk<V>(map: RangeMap<V>, start: number, f: (r: Run<V>) => boolean): void {
  const chunks = map.chunks;
  for (let c = chunkAfter(map, start); c < chunks.length; c++) {
    const chunk = chunks[c] as Runs<V>;
    const first = firstInChunk(map, c, chunk, start);
    for (let k = first; k < chunk.length; k++) if (!f(chunk[k] as Run<V>)) return;
  }
}

/** Arrays joined in order (Array.prototype.concat copies in bulk; flat() goes element by element). */
export const concatRuns = <T>(parts: readonly (readonly T[])[]): T[] => ([] as T[]).concat(...parts);

const flat = new WeakMap<RangeMap<unknown>, Runs<unknown>>();

/** Every run of the map in one array, in order (computed once per map). */
export function toRuns<V>(map: RangeMap<V>): Runs<V> {
  if (map.chunks.length <= 1) return map.chunks[0] ?? [];
  let out = flat.get(map) as Runs<V> | undefined;
  if (out === undefined) {
    out = concatRuns(map.chunks);
    flat.set(map, out);
  }
  return out;
}

/** toRuns of a map that may be missing (none: no runs). */
export const runsOf = <V>(map: RangeMap<V> | undefined): Runs<V> => (map === undefined ? [] : toRuns(map));

/** Whether the map has no run at all. */
export const isEmpty = <V>(map: RangeMap<V>): boolean => map.chunks.length === 0;

/** The run containing x, if any. */
export function runAt<V>(map: RangeMap<V>, x: number): Run<V> | undefined {
  const chunk = map.chunks[chunkAfter(map, x)];
  if (chunk === undefined) return undefined;
  const r = chunk[firstEndingAfter(chunk, x)];
  return r !== undefined && r.start <= x ? r : undefined;
}

/**
 * runAt for points asked in increasing order, mostly: from the run last found it steps
 * forward inside its chunk, and searches only when x goes back or past the chunk (the
 * references of a range, sorted by start, ask the folio under each of them: two searches
 * each were ~20k a far seek among 10,000 pins).
 */
export function runCursor<V>(map: RangeMap<V>): (x: number) => Run<V> | undefined {
  let c = 0;
  let i = 0;
  let last = Infinity;
  return (x) => {
    let chunk = map.chunks[c];
    if (chunk !== undefined && x >= last) while (i < chunk.length && (chunk[i] as Run<V>).end <= x) i++;
    if (chunk === undefined || x < last || i >= chunk.length) {
      c = chunkAfter(map, x);
      chunk = map.chunks[c];
      i = chunk === undefined ? 0 : firstEndingAfter(chunk, x);
    }
    last = x;
    const r = chunk?.[i];
    return r !== undefined && r.start <= x ? r : undefined;
  };
}

export function valueAt<V>(map: RangeMap<V>, x: number): V | undefined {
  return runAt(map, x)?.value;
}

/** The first run whose end is > x, if any. */
export function nextRun<V>(map: RangeMap<V>, x: number): Run<V> | undefined {
  let out: Run<V> | undefined;
  walk(map, x, (r) => {
    out = r;
    return false;
  });
  return out;
}

/** The runs overlapping [start, end), clipped to it. */
export function slice<V>(map: RangeMap<V>, start: number, end: number): Run<V>[] {
  const out: Run<V>[] = [];
  walk(map, start, (r) => {
    if (r.start >= end) return false;
    out.push({ start: Math.max(r.start, start), end: Math.min(r.end, end), value: r.value });
    return true;
  });
  return out;
}

/**
 * The runs overlapping [start, end), not clipped. walk's loop written out: this is the query
 * every step makes several times over a run or two (the page classification reads five maps),
 * where a closure per call cost as much as the walk.
 */
export function overlapping<V>(map: RangeMap<V>, start: number, end: number): Run<V>[] {
  const out: Run<V>[] = [];
  const chunks = map.chunks;
  for (let c = chunkAfter(map, start); c < chunks.length; c++) {
    const chunk = chunks[c] as Runs<V>;
    const first = firstInChunk(map, c, chunk, start);
    for (let k = first; k < chunk.length; k++) {
      const r = chunk[k] as Run<V>;
      if (r.start >= end) return out;
      out.push(r);
    }
  }
  return out;
}

/** The first run overlapping [start, end) whose value satisfies pred (default: any), not clipped. */
export function firstIn<V>(
  map: RangeMap<V>,
  start: number,
  end: number,
  pred?: (v: V) => boolean,
): Run<V> | undefined {
  let found: Run<V> | undefined;
  walk(map, start, (r) => {
    if (r.start >= end) return false;
    if (pred === undefined || pred(r.value)) found = r;
    return found === undefined;
  });
  return found;
}

export const anyIn = <V>(map: RangeMap<V>, start: number, end: number, pred?: (v: V) => boolean): boolean =>
  firstIn(map, start, end, pred) !== undefined;

/**
 * True when [start, end) is covered without gaps by runs satisfying pred (default: any).
 * walk's loop written out: every fault asks it of the contents of its folio, which a 1G folio
 * holds in dozens of runs (a closure call per run), and of the attributes of each level.
 */
export function covers<V>(map: RangeMap<V>, start: number, end: number, pred?: (v: V) => boolean): boolean {
  let at = start;
  const chunks = map.chunks;
  for (let c = chunkAfter(map, start); c < chunks.length; c++) {
    const chunk = chunks[c] as Runs<V>;
    const first = firstInChunk(map, c, chunk, start);
    for (let k = first; k < chunk.length; k++) {
      if (at >= end) return true;
      const r = chunk[k] as Run<V>;
      if (r.start > at || (pred !== undefined && !pred(r.value))) return false;
      at = r.end;
    }
  }
  return at >= end;
}

/** Bytes of [start, end) covered by runs (satisfying pred). */
export function coveredBytes<V>(
  map: RangeMap<V>,
  start: number,
  end: number,
  pred?: (v: V) => boolean,
): number {
  // covers' walk, summing: no clipped copy of the runs (first use of each page asks this).
  let n = 0;
  const chunks = map.chunks;
  for (let c = chunkAfter(map, start); c < chunks.length; c++) {
    const chunk = chunks[c] as Runs<V>;
    for (let k = firstInChunk(map, c, chunk, start); k < chunk.length; k++) {
      const r = chunk[k] as Run<V>;
      if (r.start >= end) return n;
      if (pred === undefined || pred(r.value)) n += Math.min(r.end, end) - Math.max(r.start, start);
    }
  }
  return n;
}

/**
 * Appends r to canonical runs, merged with the last one when they touch with equal values
 * (the merged run takes r's value).
 */
function pushMerged<V>(out: Run<V>[], r: Run<V>): void {
  const prev = lastOf(out);
  if (prev !== undefined && prev.end === r.start && sameValue(prev.value, r.value))
    out[out.length - 1] = { start: prev.start, end: r.end, value: r.value };
  else out.push(r);
}

/**
 * assign on a plain array of runs: the runs [start, end) set to value (undefined clears). The
 * runs it rebuilds (the pieces of the cut runs, the new one and the neighbours they merge
 * with) replace theirs in one copy allocated at its final length (toSpliced), not a copy
 * grown a push at a time; `built` says where they went.
 */
function assignRuns<V>(
  runs: Runs<V>,
  start: number,
  end: number,
  value: V | undefined,
  fresh?: Runs<V>,
): Run<V>[] {
  const i = firstEndingAfter(runs, start);
  let j = i;
  while (j < runs.length && (runs[j] as Run<V>).start < end) j++;
  // The neighbour before, then the pieces of the cut runs and the new run, merged with each
  // other and with it where equal (canonical form).
  const pieces: Run<V>[] = [];
  const lo = i > 0 ? i - 1 : i;
  if (i > 0) pieces.push(runs[i - 1] as Run<V>);
  const first = runs[i];
  if (first !== undefined && i < j && first.start < start)
    pushMerged(pieces, { start: first.start, end: start, value: first.value });
  if (fresh !== undefined) {
    // Canonical among themselves: only the first may merge with the piece before it.
    if (fresh.length > 0) pushMerged(pieces, fresh[0] as Run<V>);
    for (let k = 1; k < fresh.length; k++) pieces.push(fresh[k] as Run<V>);
  } else if (value !== undefined) pushMerged(pieces, { start, end, value });
  const last = runs[j - 1];
  if (last !== undefined && i < j && last.end > end)
    pushMerged(pieces, { start: end, end: last.end, value: last.value });
  // The neighbour after may merge too (the merged run keeps the value written).
  const after = runs[j];
  const tail = lastOf(pieces);
  let hi = j;
  if (
    after !== undefined &&
    tail !== undefined &&
    tail.end === after.start &&
    sameValue(tail.value, after.value)
  ) {
    pieces[pieces.length - 1] = { start: tail.start, end: after.end, value: tail.value };
    hi++;
  }
  built.lo = lo;
  built.hi = lo + pieces.length;
  return runs.toSpliced(lo, hi - lo, ...pieces);
}

/**
 * The map with the runs of its chunks around [start, end) replaced by `f` of them. Those
 * chunks run from the one holding the run that ends at or after `start` (a neighbour the
 * rewrite may merge with) to the one holding the first run ending after `end`; `f` must
 * change nothing outside [start, end) but merges and answer canonical runs. The other
 * chunks are shared.
 */
function rewrite<V>(
  map: RangeMap<V>,
  start: number,
  end: number,
  f: (runs: Runs<V>) => Run<V>[],
): RangeMap<V> {
  const { chunks, ends } = map;
  const n = chunks.length;
  const a = Math.min(n - 1, chunkAfter(map, start - 1));
  let b = Math.min(n - 1, chunkAfter(map, end));
  const one = a === b ? (chunks[a] as Runs<V>) : undefined;
  const local = f(one ?? concatRuns(chunks.slice(a, b + 1)));
  // A rebuilt stretch that no longer ends on a boundary runs on into the next chunk.
  const tail = lastOf(local);
  if (tail !== undefined && !closesChunk(tail.end) && b + 1 < n) {
    b++;
    for (const r of chunks[b] as Runs<V>) local.push(r);
  } else if (one !== undefined && tail !== undefined && !closesInside(local)) {
    // One chunk rebuilt into one (most writes): the other chunks are shared, and so is the
    // list of ends when the chunk still ends where it did.
    const out = chunks.slice();
    out[a] = local;
    return { chunks: out, ends: ends[a] === tail.end ? ends : ends.with(a, tail.end) };
  }
  const mid = chunked(local);
  if (a === 0 && b + 1 >= n && mid.length === 0) return EMPTY;
  // A copy with the stretch spliced in, allocated at its final length (toSpliced): faster
  // than concat or spreads of the slices, and than a splice into a copy that must grow.
  return {
    chunks: chunks.toSpliced(a, b + 1 - a, ...mid),
    ends: ends.toSpliced(a, b + 1 - a, ...mid.map(lastEnd)),
  };
}

/**
 * Set [start, end) to value, or clear it when value is undefined. Only the chunks around
 * [start, end) are rebuilt (rewrite); the rest are shared.
 */
export function assign<V>(map: RangeMap<V>, start: number, end: number, value: V | undefined): RangeMap<V> {
  if (start >= end) return map;
  if (map.chunks.length === 0) return value === undefined ? map : build(chunked([{ start, end, value }]));
  return rewrite(map, start, end, (runs) => assignRuns(runs, start, end, value));
}

/**
 * [start, end) set to exactly `runs` (canonical, inside it; none: cleared), merged with the
 * neighbours where they continue them: a stretch of a map computed again, written in one rebuild.
 */
export function assignAll<V>(map: RangeMap<V>, start: number, end: number, runs: Runs<V>): RangeMap<V> {
  if (start >= end) return map;
  if (map.chunks.length === 0) return fromRuns(runs);
  return rewrite(map, start, end, (old) => assignRuns(old, start, end, undefined, runs));
}

/**
 * Fills the gaps of [start, end) with value, leaving the runs there as they are: what an
 * assign of each gap in turn gives, in one rebuild.
 */
export function fillGaps<V>(map: RangeMap<V>, start: number, end: number, value: V): RangeMap<V> {
  if (start >= end) return map;
  if (map.chunks.length === 0) return assign(map, start, end, value);
  return rewrite(map, start, end, (runs) => fillRuns(runs, start, end, value));
}

/**
 * fillGaps on a plain array of runs: the gaps between the runs overlapping [start, end)
 * filled, the neighbours before and after merged where they continue them; those runs
 * replace theirs in one copy at its final length (as in assignRuns; `built` says where).
 */
function fillRuns<V>(runs: Runs<V>, start: number, end: number, value: V): Run<V>[] {
  let k = firstEndingAfter(runs, start);
  const pieces: Run<V>[] = [];
  const lo = k > 0 ? k - 1 : k;
  if (k > 0) pieces.push(runs[k - 1] as Run<V>);
  let at = start;
  for (; k < runs.length && (runs[k] as Run<V>).start < end; k++) {
    const r = runs[k] as Run<V>;
    if (r.start > at) pushMerged(pieces, { start: at, end: r.start, value });
    pushMerged(pieces, r);
    at = Math.max(at, r.end);
  }
  if (at < end) pushMerged(pieces, { start: at, end, value });
  if (k < runs.length) pushMerged(pieces, runs[k++] as Run<V>);
  built.lo = lo;
  built.hi = lo + pieces.length;
  return runs.toSpliced(lo, k - lo, ...pieces);
}

/** Rewrite the values of [start, end) run by run; f returns the new value or undefined to clear. */
export function update<V>(
  map: RangeMap<V>,
  start: number,
  end: number,
  f: (v: V | undefined, s: number, e: number) => V | undefined,
): RangeMap<V> {
  let out = map;
  let at = start;
  for (const r of slice(map, start, end)) {
    if (r.start > at) out = assign(out, at, r.start, f(undefined, at, r.start));
    out = assign(out, r.start, r.end, f(r.value, r.start, r.end));
    at = r.end;
  }
  if (at < end) out = assign(out, at, end, f(undefined, at, end));
  return out;
}

/** The gaps of map inside [start, end). */
export function gaps<V>(map: RangeMap<V>, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let at = start;
  for (const r of slice(map, start, end)) {
    if (r.start > at) out.push([at, r.start]);
    at = r.end;
  }
  if (at < end) out.push([at, end]);
  return out;
}

/** Runs given in order as a canonical plain array (equal neighbours merged, empty runs dropped). */
export function canonicalRuns<V>(runs: Iterable<Run<V>>): Run<V>[] {
  const out: Run<V>[] = [];
  for (const r of runs) {
    if (r.start >= r.end) continue;
    const last = lastOf(out);
    if (last !== undefined && last.end === r.start && sameValue(last.value, r.value)) {
      out[out.length - 1] = { start: last.start, end: r.end, value: last.value };
    } else out.push(r);
  }
  return out;
}

/** Builds a map from runs given in order (merging equal neighbours). */
export const fromRuns = <V>(runs: Iterable<Run<V>>): RangeMap<V> => build(chunked(canonicalRuns(runs)));

/** [lo, hi) as a pair; undefined: nothing. */
export type Span = readonly [number, number];

/** The smallest span holding both (either may be missing). */
export function hull(a: Span | undefined, b: Span | undefined): Span | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/**
 * [i, ja, jb]: a[i, ja) and b[i, jb) are what is left of two arrays without their longest
 * common prefix and suffix (by identity).
 */
export function differing<T>(a: readonly T[], b: readonly T[]): [number, number, number] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let ja = a.length;
  let jb = b.length;
  while (ja > i && jb > i && a[ja - 1] === b[jb - 1]) {
    ja--;
    jb--;
  }
  return [i, ja, jb];
}

/**
 * The items of the chunks two versions do not share (a[i, ja) and b[i, jb), from differing),
 * and where those differ by identity: xs[p, qx) and ys[p, qy). Most writes replace one chunk
 * by one: those are compared as they are, not copied.
 */
export function unsharedItems<T>(
  a: readonly (readonly T[])[],
  b: readonly (readonly T[])[],
  i: number,
  ja: number,
  jb: number,
): [readonly T[], readonly T[], number, number, number] {
  const xs = ja - i === 1 ? (a[i] as readonly T[]) : concatRuns(a.slice(i, ja));
  const ys = jb - i === 1 ? (b[i] as readonly T[]) : concatRuns(b.slice(i, jb));
  const [p, qx, qy] = differing(xs, ys);
  return [xs, ys, p, qx, qy];
}

/** Items with a range: the runs of a map, the records of a reference index. */
interface Ranged {
  readonly start: number;
  readonly end: number;
}

/**
 * Where two versions of a chunked array of ranged items differ: outside the span both hold
 * the very same items, or equal ones (`same`). The chunks they share are skipped by
 * reference, then the items of the chunks they do not share are compared one by one from
 * both ends (a write keeps the objects it did not rewrite), so the span is what the write
 * really changed. Versions far apart by identity (more than WIDE chunks unshared) are
 * compared by value instead, without a copy (differingByValue): two lineages of one history
 * (a state replayed from its checkpoint, and the next one the history's replay kept) share no
 * chunk written since the checkpoint, yet hold equal items but for one step's change. When
 * many differ by value too (a seek across a long history), the span is the unshared chunks'
 * extent (`far`: items that may end past the last one's end say where they do), not worth
 * reading each of them for (~1 ms a seek among 10,000 references).
 */
export function changedChunks<T extends Ranged>(
  a: readonly (readonly T[])[],
  b: readonly (readonly T[])[],
  same: (x: T, y: T) => boolean,
  far: (chunks: readonly (readonly T[])[], i: number, j: number) => Span | undefined = extent,
): Span | undefined {
  const [i, ja, jb] = differing(a, b);
  if (ja - i > WIDE || jb - i > WIDE) {
    const byValue = differingByValue(a, b, i, ja, jb, same);
    return byValue === FAR ? hull(far(a, i, ja), far(b, i, jb)) : byValue;
  }
  const unshared = unsharedItems(a, b, i, ja, jb);
  const [xs, ys] = unshared;
  let [, , p, qx, qy] = unshared;
  // Items equal though not identical (a chunk of the other lineage) differ by nothing.
  while (p < qx && p < qy && same(xs[p] as T, ys[p] as T)) p++;
  while (qx > p && qy > p && same(xs[qx - 1] as T, ys[qy - 1] as T)) {
    qx--;
    qy--;
  }
  // The hull in two numbers, one pair allocated at the end (not a pair per item).
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = p; k < qx; k++) {
    lo = Math.min(lo, (xs[k] as T).start);
    hi = Math.max(hi, (xs[k] as T).end);
  }
  for (let k = p; k < qy; k++) {
    lo = Math.min(lo, (ys[k] as T).start);
    hi = Math.max(hi, (ys[k] as T).end);
  }
  return p < qx || p < qy ? [lo, hi] : undefined;
}

/** A position in a list of chunks: chunk c, item k (k may be past the chunk's end). */
interface Cursor {
  c: number;
  k: number;
}

/** Moves a cursor to the next item that exists, before chunk `to`; false when there is none. */
function settle<T>(chunks: readonly (readonly T[])[], at: Cursor, to: number): boolean {
  while (at.c < to && at.k >= (chunks[at.c] as readonly T[]).length) {
    at.c++;
    at.k = 0;
  }
  return at.c < to;
}

/** Moves a cursor back to the last item that exists at or before it, from chunk `from` on; false when there is none. */
function settleBack<T>(chunks: readonly (readonly T[])[], at: Cursor, from: number): boolean {
  while (at.c >= from && at.k < 0) {
    at.c--;
    at.k = at.c >= from ? (chunks[at.c] as readonly T[]).length - 1 : -1;
  }
  return at.c >= from;
}

/** differingByValue's answer when too many items differ to read them all: ask the chunks' extent. */
export const FAR = 'far';

/** Items differing by value beyond this many on either side: versions far apart (FAR). */
const FEW = 256;

/**
 * [first start, largest end] of the items of chunks a[i, ja) and b[i, jb) between their
 * longest prefix and suffix equal item by item (identical or `same`), or undefined when all
 * are equal; FAR when more than FEW items differ on either side. Cursors walk the chunks in
 * place: nothing is copied.
 */
export function differingByValue<T extends Ranged>(
  a: readonly (readonly T[])[],
  b: readonly (readonly T[])[],
  i: number,
  ja: number,
  jb: number,
  same: (x: T, y: T) => boolean,
): Span | undefined | typeof FAR {
  const fa: Cursor = { c: i, k: 0 };
  const fb: Cursor = { c: i, k: 0 };
  let p = 0;
  while (settle(a, fa, ja) && settle(b, fb, jb)) {
    const x = (a[fa.c] as readonly T[])[fa.k] as T;
    const y = (b[fb.c] as readonly T[])[fb.k] as T;
    if (x !== y && !same(x, y)) break;
    fa.k++;
    fb.k++;
    p++;
  }
  const na = countItems(a, i, ja);
  const nb = countItems(b, i, jb);
  // The suffix, no longer than what the prefix left of the shorter side.
  const ba: Cursor = { c: ja - 1, k: ja > i ? (a[ja - 1] as readonly T[]).length - 1 : -1 };
  const bb: Cursor = { c: jb - 1, k: jb > i ? (b[jb - 1] as readonly T[]).length - 1 : -1 };
  let q = 0;
  while (p + q < Math.min(na, nb) && settleBack(a, ba, i) && settleBack(b, bb, i)) {
    const x = (a[ba.c] as readonly T[])[ba.k] as T;
    const y = (b[bb.c] as readonly T[])[bb.k] as T;
    if (x !== y && !same(x, y)) break;
    ba.k--;
    bb.k--;
    q++;
  }
  if (p + q === na && p + q === nb) return undefined;
  if (na - p - q > FEW || nb - p - q > FEW) return FAR;
  return hull(extentFrom(a, fa, ja, na - p - q), extentFrom(b, fb, jb, nb - p - q));
}

/** How many items chunks [i, j) hold. */
function countItems<T>(chunks: readonly (readonly T[])[], i: number, j: number): number {
  let n = 0;
  for (let c = i; c < j; c++) n += (chunks[c] as readonly T[]).length;
  return n;
}

/** [first start, largest end] of the `n` items from the cursor on (none: undefined). */
function extentFrom<T extends Ranged>(
  chunks: readonly (readonly T[])[],
  from: Cursor,
  to: number,
  n: number,
): Span | undefined {
  if (n <= 0) return undefined;
  const at: Cursor = { c: from.c, k: from.k };
  let lo = Infinity;
  let hi = -Infinity;
  for (let left = n; left > 0 && settle(chunks, at, to); left--, at.k++) {
    const x = (chunks[at.c] as readonly T[])[at.k] as T;
    lo = Math.min(lo, x.start);
    hi = Math.max(hi, x.end);
  }
  return [lo, hi];
}

/** Two runs of a map equal as runs: the same range, equal values. */
const sameRun = <V>(x: Run<V>, y: Run<V>): boolean =>
  x.start === y.start && x.end === y.end && sameValue(x.value, y.value);

/**
 * Unshared chunks beyond this many (on either side): versions far apart by identity (a seek
 * across a long history, or two lineages of one), whose runs are not copied to be compared
 * (changedChunks compares them in place, by value; observed lists are observed again whole).
 */
export const WIDE = 4;

/** [start of the first item, end of the last] of chunks[i, j), or undefined when they hold none. */
function extent<T extends Ranged>(chunks: readonly (readonly T[])[], i: number, j: number): Span | undefined {
  let a = i;
  let b = j - 1;
  while (a <= b && (chunks[a] as readonly T[]).length === 0) a++;
  while (b >= a && (chunks[b] as readonly T[]).length === 0) b--;
  if (a > b) return undefined;
  const first = (chunks[a] as readonly T[])[0] as T;
  const last = lastOf(chunks[b] as readonly T[]) as T;
  return [first.start, last.end];
}

/**
 * Where two versions of a map may differ: outside the span both hold the very same runs, or
 * equal ones (undefined: equal runs everywhere). Incremental observation and invariants start
 * here.
 */
export function changedSpan<V>(a: RangeMap<V>, b: RangeMap<V>): Span | undefined {
  if (a === b) return undefined;
  // observe and checkInvariants both ask it for each step's maps: the last answers are kept,
  // a few (a WeakMap from each map to its predecessor would keep the whole history alive).
  // A plain loop over slots rewritten in place: no closure nor record per call.
  for (let k = 0; k < SPANS.length; k++) {
    const x = SPANS[k] as SpanSlot;
    if (x.a === a && x.b === b) return x.span;
  }
  const span = changedChunks(a.chunks, b.chunks, sameRun);
  const slot = SPANS[next] as SpanSlot;
  slot.a = a;
  slot.b = b;
  slot.span = span;
  next = (next + 1) % SPANS.length;
  return span;
}

interface SpanSlot {
  a: RangeMap<unknown>;
  b: RangeMap<unknown>;
  span: Span | undefined;
}

const SPANS: SpanSlot[] = Array.from({ length: 8 }, () => ({ a: EMPTY, b: EMPTY, span: undefined }));
let next = 0;

/**
 * [i, ja, jb]: the chunks a.chunks[i, ja) and b.chunks[i, jb) are the ones two versions of a
 * map do not share (by identity); before and after them both hold the very same chunks.
 */
export const unsharedChunks = <V>(a: RangeMap<V>, b: RangeMap<V>): [number, number, number] =>
  differing(a.chunks, b.chunks);

import type { Attr, Content, GmemState, Orphan, RefRecord, Stage2 } from './types.ts';
import { PAGE } from './units.ts';
import { isHugetlb } from './state/folios.ts';
import { changedRefSpan, refsOverlapping } from './state/refIndex.ts';
import { poolUsage } from './state/folioOps.ts';
import {
  EMPTY,
  changedSpan,
  concatRuns,
  hull,
  lastOf,
  overlapping,
  runAt,
  runIndexAfter,
  toRuns,
  type RangeMap,
  type Run,
  type Runs,
  type Span,
} from './state/rangeMap.ts';

export interface FolioRun {
  offset: number;
  size: number;
  count: number;
  mapcount: number;
  pincount: number;
  transient: number;
  /** Extra: references the architecture holds (TDX after a failed S-EPT removal). */
  arch: number;
  /** Extra: folio_ref_count as the kernel computes it (see kernel-notes a.9). */
  refcount: number;
}

export interface Observation {
  open: boolean;
  size: number;
  pageSize: number;
  shareability: { offset: number; length: number; state: Attr }[];
  folios: FolioRun[];
  hostMappings: { offset: number; length: number; level: number }[];
  guestMappings: { offset: number; length: number; level: number; kind: Attr }[];
  pool?: { pageSize: number; reserved: number; inUse: number; vmemmapPages: number };
  // Extra fields (readers ignore what they do not know):
  evicted: boolean;
  /** Present (true) once a KVM_BUG_ON marked the VM dead (tdxRemovalFailure "bug"). */
  vmDead?: boolean;
  vmas: { offset: number; length: number }[];
  orphans: FolioRun[];
  poisoned: { offset: number; length: number }[];
  contents: { offset: number; length: number; content: string }[];
}

type Counts = Omit<FolioRun, 'offset' | 'count' | 'refcount'>;

/**
 * Pushes x to xs, or the boundaries of the folio x falls inside. At module level: under tsx
 * (esbuild's keepNames) a named arrow inside cutPoints cost a defineProperty per call.
 */
function cutAt(xs: number[], folios: RangeMap<number>, x: number): void {
  const f = runAt(folios, x);
  if (f === undefined || x % f.value === 0) xs.push(x);
  else xs.push(x - (x % f.value), x - (x % f.value) + f.value);
}

/**
 * Sorted distinct points of [start, end] where a count may change: folio run boundaries, and
 * the boundaries of PTE runs and references widened to the folio they fall in. `fs` and `ps`
 * are the folio and PTE runs overlapping [start, end) (folioRuns reads them too).
 */
function cutPoints(
  folios: RangeMap<number>,
  fs: Runs<number>,
  ps: Runs<true>,
  refs: readonly RefRecord[],
  start: number,
  end: number,
): number[] {
  const xs: number[] = [];
  // The runs' boundaries clipped to [start, end] (read off the runs: no clipped copies).
  for (let k = 0; k < fs.length; k++) {
    const r = fs[k] as Run<number>;
    xs.push(Math.max(r.start, start), Math.min(r.end, end));
  }
  for (let k = 0; k < ps.length; k++) {
    const r = ps[k] as Run<true>;
    cutAt(xs, folios, Math.max(r.start, start));
    cutAt(xs, folios, Math.min(r.end, end));
  }
  for (const r of refs) {
    cutAt(xs, folios, r.start);
    cutAt(xs, folios, r.end);
  }
  const sorted = sortNumbers(xs);
  const out: number[] = [];
  for (const x of sorted) if (x >= start && x <= end && lastOf(out) !== x) out.push(x);
  return out;
}

/**
 * Numbers (offsets: no NaN, no -0) in ascending order. A step's cut points are a handful: an
 * insertion sort in place; many go to a typed array, which sorts natively without a
 * comparator call per comparison (building one costs more than sorting a few).
 */
function sortNumbers(xs: number[]): ArrayLike<number> & Iterable<number> {
  if (xs.length > 32) return Float64Array.from(xs).toSorted();
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as number;
    let j = i - 1;
    for (; j >= 0 && (xs[j] as number) > x; j--) xs[j + 1] = xs[j] as number;
    xs[j + 1] = x;
  }
  return xs;
}

/** Per-folio counts of the folios of `size` in [a, b), from the references overlapping it. */
function countsOf(mapped: number, refs: readonly RefRecord[], a: number, b: number, size: number): Counts {
  const count = (b - a) / size;
  let pins = 0;
  let transient = 0;
  let arch = 0;
  for (const r of refs) {
    const o = Math.min(b, r.end) - Math.max(a, r.start);
    if (o <= 0) continue;
    if (r.kind === 'pin') pins += o / PAGE;
    else if (r.kind === 'transient') transient += 1;
    else arch += 1;
  }
  return {
    size,
    mapcount: mapped / PAGE / count,
    pincount: pins / count,
    transient: transient / count,
    arch: arch / count,
  };
}

/** Whether two folio runs describe identical folios, so that b continues a when they touch. */
const sameFolios = (a: FolioRun, b: FolioRun): boolean =>
  a.size === b.size &&
  a.mapcount === b.mapcount &&
  a.pincount === b.pincount &&
  a.transient === b.transient &&
  a.arch === b.arch;

const endOf = (r: FolioRun): number => r.offset + r.count * r.size;

/**
 * The run r moved to `offset` with `count` folios (built field by field, in the order folioRuns
 * writes them: a spread of a run costs more).
 */
const moved = (r: FolioRun, offset: number, count: number): FolioRun => ({
  offset,
  count,
  size: r.size,
  mapcount: r.mapcount,
  pincount: r.pincount,
  transient: r.transient,
  arch: r.arch,
  refcount: r.refcount,
});

/**
 * Appends run r to out, joined to the last run when it continues it. Runs already in `out`
 * may be shared with an earlier observation: a join replaces the last run, never edits it.
 */
function pushRun(out: FolioRun[], r: FolioRun): void {
  const last = lastOf(out);
  if (last !== undefined && endOf(last) === r.offset && sameFolios(last, r))
    out[out.length - 1] = moved(last, last.offset, last.count + r.count);
  else out.push(r);
}

/**
 * Folio runs of [start, end) (both folio boundaries): the segments between cut points, each
 * one folio or a stretch of identical folios, in one sweep: the folio and PTE runs and the
 * references (sorted by start) are walked forward once, keeping only the references that
 * overlap the current segment.
 */
function folioRuns(
  folios: RangeMap<number>,
  ptes: RangeMap<true>,
  refs: readonly RefRecord[],
  start: number,
  end: number,
  orphaned = false,
): FolioRun[] {
  const fs = overlapping(folios, start, end);
  const ps = overlapping(ptes, start, end);
  const points = cutPoints(folios, fs, ps, refs, start, end);
  const out: FolioRun[] = [];
  let fi = 0;
  let pi = 0;
  let ri = 0;
  let active: RefRecord[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    while (fi < fs.length && (fs[fi] as Run<number>).end <= a) fi++;
    const f = fs[fi];
    if (f === undefined || f.start > a) continue;
    while (ri < refs.length && (refs[ri] as RefRecord).start < b) active.push(refs[ri++] as RefRecord);
    if (active.some((r) => r.end <= a)) active = active.filter((r) => r.end > a);
    while (pi < ps.length && (ps[pi] as Run<true>).end <= a) pi++;
    let mapped = 0;
    for (let k = pi; k < ps.length && (ps[k] as Run<true>).start < b; k++) {
      const p = ps[k] as Run<true>;
      mapped += Math.min(b, p.end) - Math.max(a, p.start);
    }
    const c = countsOf(mapped, active, a, b, f.value);
    // The page cache holds nr_pages references on a folio in the file; an orphan's went with
    // the truncation (filemap_remove_folio), so its refcount counts its holders only.
    const refcount =
      (orphaned ? 0 : f.value / PAGE) +
      c.mapcount +
      c.pincount * (f.value === PAGE ? 1024 : 1) +
      c.transient +
      c.arch;
    const { size, mapcount, pincount, transient, arch } = c;
    pushRun(out, {
      offset: a,
      count: (b - a) / f.value,
      size,
      mapcount,
      pincount,
      transient,
      arch,
      refcount,
    });
  }
  return out;
}

/** How many maps of each kind keep their observed runs (Observed). */
const RECENT = 4;

/**
 * The observed runs of one kind of range map. The last maps' are remembered (a step leaves
 * most maps as they were: the same object; going back a few steps finds its lists again), and
 * a new map's are derived from the last map's: a step changes a few runs (changedSpan finds
 * them by chunk and run identity), so only those are observed again; the rest of the list is
 * copied as it was (the objects are shared). A map further back is derived the same way, from
 * the last one: the same runs, in a list of its own. The few remembered are a ring, not a
 * WeakMap per map: an ephemeron set per new map and step cost more than the lookups it saved
 * (the app memoises each state's observation anyway).
 */
class Observed<V, T extends { readonly offset: number; readonly length: number }> {
  private readonly recent: { map: RangeMap<V>; runs: T[] }[] = [];
  private next = 0;
  /** The last map asked and its runs (two fields: no object per call). */
  private lastMap: RangeMap<V> | undefined;
  private lastRuns: T[] = [];
  constructor(readonly f: (r: Run<V>) => T) {}

  of(m: RangeMap<V>): T[] {
    // Most steps leave most maps as they were: the last map, asked again.
    const lastMap = this.lastMap;
    if (lastMap === m) return this.lastRuns;
    let out = this.remembered(m);
    if (out === undefined) {
      out = lastMap === undefined ? toRuns(m).map(this.f) : this.from(lastMap, this.lastRuns, m);
      this.remember(m, out);
    }
    this.lastMap = m;
    this.lastRuns = out;
    return out;
  }

  private remembered(m: RangeMap<V>): T[] | undefined {
    for (const e of this.recent) if (e.map === m) return e.runs;
    return undefined;
  }

  private remember(map: RangeMap<V>, runs: T[]): void {
    if (this.recent.length < RECENT) this.recent.push({ map, runs });
    else this.recent[this.next] = { map, runs };
    this.next = (this.next + 1) % RECENT;
  }

  private from(before: RangeMap<V>, old: T[], m: RangeMap<V>): T[] {
    const span = changedSpan(before, m);
    if (span === undefined) return old;
    const [lo, hi] = span;
    // old holds one item per run of `before`: the ones to replace are found in the map (its
    // runs have one shape; the items of the six kinds of list read at one site do not).
    const i = runIndexAfter(before, lo, old.length);
    const j = runIndexAfter(before, hi, old.length, true);
    // overlapping answers a list of its own: its runs are observed in place (no second list).
    const fresh = overlapping(m, lo, hi);
    for (let k = 0; k < fresh.length; k++) (fresh as unknown[])[k] = this.f(fresh[k] as Run<V>);
    return replaced(old, i, j, fresh as unknown[] as T[]);
  }
}

const SHAREABILITY = new Observed<Attr, Observation['shareability'][number]>((r) => ({
  offset: r.start,
  length: r.end - r.start,
  state: r.value,
}));
const HOST = new Observed<true, Observation['hostMappings'][number]>((r) => ({
  offset: r.start,
  length: r.end - r.start,
  level: PAGE,
}));
const GUEST = new Observed<Stage2, Observation['guestMappings'][number]>((r) => ({
  offset: r.start,
  length: r.end - r.start,
  level: r.value.level,
  kind: r.value.kind,
}));
const span = <V>(r: Run<V>): { offset: number; length: number } => ({
  offset: r.start,
  length: r.end - r.start,
});
const VMAS = new Observed<true, Observation['vmas'][number]>(span);
const POISONED = new Observed<true, Observation['poisoned'][number]>(span);
const CONTENTS = new Observed<Content, Observation['contents'][number]>((r) => ({
  offset: r.start,
  length: r.end - r.start,
  content: r.value,
}));
/**
 * The orphans of a file without any: one list for every observation (a new empty list per step
 * was a change for whoever compares observations list by list). Frozen: observations are read-only.
 */
const NO_ORPHANS = Object.freeze([]) as readonly FolioRun[] as FolioRun[];

/** Per orphans list: the references index its runs were computed with, each orphan's runs, all of them. */
const ORPHANS = new WeakMap<object, { refs: GmemState['refs']; each: FolioRun[][]; runs: FolioRun[] }>();

/** One orphan's folio runs with the references they were computed from. */
const ORPHAN_RUNS = new WeakMap<Orphan, { refs: readonly RefRecord[]; runs: FolioRun[] }>();

const sameRefs = (a: readonly RefRecord[], b: readonly RefRecord[]): boolean =>
  a.length === b.length && a.every((r, i) => r === b[i]);

/** An orphan's folio runs, each with the references on it (they lie in the range it came from). */
function runsOfOrphan(s: GmemState, o: Orphan, cached: boolean): FolioRun[] {
  const refs = refsOverlapping(s, o.start, o.end).filter((r) => r.orphan === o.id);
  const hit = cached ? ORPHAN_RUNS.get(o) : undefined;
  if (hit !== undefined && sameRefs(hit.refs, refs)) return hit.runs;
  const runs = folioRuns(o.folios, EMPTY, refs, o.start, o.end, true);
  if (cached) ORPHAN_RUNS.set(o, { refs, runs });
  return runs;
}

/**
 * The orphans' folio runs, each orphan's remembered while the references on it are the same.
 * When the references changed, an orphan whose range no changed record overlaps keeps its runs
 * (changedRefSpan is the hull of every record that differs, and an orphan's runs read only the
 * records in its range): a reference taken or dropped on the file no longer looks up every
 * orphan's references again, and the list is the same array when no orphan's runs changed.
 */
function orphanRuns(s: GmemState, cached: boolean): FolioRun[] {
  if (s.orphans.length === 0) return NO_ORPHANS;
  const hit = cached ? ORPHANS.get(s.orphans) : undefined;
  if (hit !== undefined && hit.refs === s.refs) return hit.runs;
  const changed = hit === undefined ? undefined : changedRefSpan(hit.refs, s.refs);
  let same = hit !== undefined;
  const each = s.orphans.map((o, k) => {
    if (hit !== undefined && (changed === undefined || o.end <= changed[0] || o.start >= changed[1]))
      return hit.each[k] as FolioRun[];
    same = false;
    return runsOfOrphan(s, o, cached);
  });
  const runs = same && hit !== undefined ? hit.runs : concatRuns(each);
  if (cached) ORPHANS.set(s.orphans, { refs: s.refs, each, runs });
  return runs;
}

/** What the file's folio runs were last computed from, and the runs. */
interface FolioCache {
  readonly folios: RangeMap<number>;
  readonly ptes: RangeMap<true>;
  readonly refs: GmemState['refs'];
  readonly runs: FolioRun[];
}

/** The last file folio runs computed: the next state is observed as a change from them. */
let lastFolios: FolioCache | undefined;

/** The file's references in [start, end) (orphans' references left out). */
const fileRefs = (s: GmemState, start: number, end: number): RefRecord[] =>
  refsOverlapping(s, start, end).filter((r) => r.orphan === null);

/** [lo, hi) widened to the folios it cuts in a folio map. */
function widen(folios: RangeMap<number>, lo: number, hi: number): Span {
  const a = runAt(folios, lo);
  const b = runAt(folios, hi - 1);
  return [
    a === undefined ? lo : lo - (lo % a.value),
    b === undefined ? hi : hi - 1 - ((hi - 1) % b.value) + b.value,
  ];
}

/** Index of the first run of `runs` (sorted folio runs) that ends after x. */
function firstRunEndingAfter(runs: readonly FolioRun[], x: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endOf(runs[mid] as FolioRun) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The folio runs of a state derived from the last ones computed: only where the folios, the
 * PTEs or the references differ (their chunks, by identity), widened to the folios cut there
 * in both states and to the old runs cut there, are runs computed again; the runs before and
 * after are the old ones (shared objects), joined at the two seams. A step pays for what it
 * changed and a copy of the list of runs, not for a sweep of the file.
 */
function folioRunsFrom(last: FolioCache, s: GmemState): FolioRun[] {
  const changed = hull(
    hull(changedSpan(last.folios, s.folios), changedSpan(last.ptes, s.ptes)),
    changedRefSpan(last.refs, s.refs),
  );
  if (changed === undefined) return last.runs;
  const [a0, b0] = widen(last.folios, changed[0], changed[1]);
  const [a1, b1] = widen(s.folios, changed[0], changed[1]);
  const old = last.runs;
  // [lo, hi) starts and ends on folio boundaries of both states (outside the span the folios
  // are the same): the old runs it cuts are cut there too (a run is identical folios).
  const lo = Math.min(a0, a1);
  const hi = Math.max(b0, b1);
  const i = firstRunEndingAfter(old, lo);
  const j = firstRunEndingAfter(old, hi);
  // The new runs replace old[a, b), joined with the old runs on both sides where they continue.
  let a = i;
  const mid: FolioRun[] = [];
  const head = old[i];
  const before = old[i - 1];
  if (head !== undefined && head.offset < lo)
    mid.push(moved(head, head.offset, (lo - head.offset) / head.size));
  else if (before !== undefined) {
    mid.push(before);
    a--;
  }
  for (const r of folioRuns(s.folios, s.ptes, fileRefs(s, lo, hi), lo, hi)) pushRun(mid, r);
  const tail = old[j];
  if (tail !== undefined)
    pushRun(mid, tail.offset < hi ? moved(tail, hi, (endOf(tail) - hi) / tail.size) : tail);
  return replaced(old, a, tail === undefined ? j : j + 1, mid);
}

/**
 * A copy of `old` with old[a, b) replaced by `mid`, allocated once at its final length
 * (toSpliced): a splice into a copy that grows reallocates a list of thousands of runs.
 */
function replaced<T>(old: readonly T[], a: number, b: number, mid: readonly T[]): T[] {
  // toSpliced takes the new items as arguments: a long list goes through concat instead.
  if (mid.length > 1024) return old.slice(0, a).concat(mid, old.slice(b));
  return old.toSpliced(a, b - a, ...mid);
}

/** The file's folio runs, derived from the last ones computed (the same when nothing they read changed). */
function fileFolioRuns(s: GmemState): FolioRun[] {
  const last = lastFolios;
  if (last !== undefined && last.folios === s.folios && last.ptes === s.ptes && last.refs === s.refs)
    return last.runs;
  const runs = last === undefined ? wholeFolioRuns(s) : folioRunsFrom(last, s);
  lastFolios = { folios: s.folios, ptes: s.ptes, refs: s.refs, runs };
  return runs;
}

/** The file's folio runs computed over the whole file. */
const wholeFolioRuns = (s: GmemState): FolioRun[] =>
  folioRuns(s.folios, s.ptes, fileRefs(s, 0, s.config.size), 0, s.config.size);
/**
 * vmemmap pages behind the file's HugeTLB memory (struct page = 64 B, so 4K of vmemmap per
 * 256 KiB): an unsplit huge folio keeps 1 page (HVO); split pieces need the full 1/64 of
 * their size again (hugetlb_vmemmap_restore_folio), 2M pieces of a 1G block keep HVO each.
 * Orphaned blocks count as they are: 1 when whole, fully restored when split.
 */
const restored = (bytes: number): number => bytes / (64 * PAGE);

function vmemmapPages(s: GmemState): number {
  const P = s.config.pageSize;
  let n = 0;
  for (const r of toRuns(s.folios))
    n += r.value > PAGE ? (r.end - r.start) / r.value : restored(r.end - r.start);
  for (const o of s.orphans)
    if (o.hugetlbBlock) {
      const pieces = toRuns(o.folios);
      n += pieces.length === 1 && pieces[0]?.value === P ? 1 : restored(P);
    }
  return n;
}

/** The observed runs of one map: derived from the last ones, or computed afresh. */
const runsOf = <V, T extends { offset: number; length: number }>(
  o: Observed<V, T>,
  m: RangeMap<V>,
  cached: boolean,
): T[] => (cached ? o.of(m) : toRuns(m).map(o.f));

function build(s: GmemState, cached: boolean): Observation {
  const c = s.config;
  const obs: Observation = {
    open: s.open,
    size: c.size,
    pageSize: c.pageSize,
    shareability: runsOf(SHAREABILITY, s.attrs, cached),
    folios: cached ? fileFolioRuns(s) : wholeFolioRuns(s),
    hostMappings: runsOf(HOST, s.ptes, cached),
    guestMappings: runsOf(GUEST, s.stage2, cached),
    evicted: s.evicted,
    vmas: runsOf(VMAS, s.vmas, cached),
    orphans: orphanRuns(s, cached),
    poisoned: runsOf(POISONED, s.poisoned, cached),
    contents: runsOf(CONTENTS, s.contents, cached),
  };
  if (s.vmDead) obs.vmDead = true;
  if (isHugetlb(c)) obs.pool = cached ? poolOf(s) : pool(s);
  return obs;
}

const pool = (s: GmemState): NonNullable<Observation['pool']> => ({
  pageSize: s.config.pageSize,
  ...poolUsage(s),
  vmemmapPages: vmemmapPages(s),
});

/** What the pool was last computed from, per folio map (it counts every folio run). */
const POOL = new WeakMap<
  RangeMap<number>,
  {
    readonly orphans: GmemState['orphans'];
    readonly evicted: boolean;
    readonly config: GmemState['config'];
    readonly pool: NonNullable<Observation['pool']>;
  }
>();

/**
 * The pool, computed again only when the folios, the orphans, eviction or the config changed
 * (compared field by field: no list nor closure per step).
 */
function poolOf(s: GmemState): NonNullable<Observation['pool']> {
  const { orphans, evicted, config } = s;
  const hit = POOL.get(s.folios);
  if (hit !== undefined && hit.orphans === orphans && hit.evicted === evicted && hit.config === config)
    return hit.pool;
  const out = pool(s);
  POOL.set(s.folios, { orphans, evicted, config, pool: out });
  return out;
}

/**
 * The canonical observation of a state (trace format v1): sorted maximal runs, integers only,
 * so equal states serialise identically. Incremental: it is derived from the last observation
 * computed where the state shares parts with it (a step shares all but what it wrote), and
 * read-only: its arrays and runs may be shared with earlier observations.
 * @example observe(state).folios // [{ offset: 0, size: 4096, count: 1, mapcount: 1, ... }]
 */
export const observe = (s: GmemState): Observation => build(s, true);

/** The same observation computed from scratch, remembering nothing: the reference of the tests. */
export const observeWhole = (s: GmemState): Observation => build(s, false);

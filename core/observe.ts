import type { Attr, Content, GmemState, Orphan, RefRecord, Stage2 } from './types.ts';
import { LazyObservation, type FolioRun, type Observation } from './observation.ts';
import { PAGE } from './units.ts';
import { isHugetlb } from './state/folios.ts';
import { changedRecords, changedRefSpan, refsOverlapping } from './state/refIndex.ts';
import { poolUsage } from './state/folioOps.ts';
import {
  EMPTY,
  assignAll,
  changedSpan,
  concatRuns,
  fromRuns,
  hull,
  lastOf,
  overlapping,
  runAt,
  runCursor,
  toRuns,
  type RangeMap,
  type Run,
  type Runs,
  type Span,
} from './state/rangeMap.ts';
import { Observed, type Listed } from './observed.ts';
import { sortedUnique } from './state/sortedUnique.ts';

export type { FolioRun, Observation } from './observation.ts';

/** What a folio run says of each of its folios: the value of a run of folios in a range map. */
type FolioCounts = Omit<FolioRun, 'offset' | 'count'>;

/**
 * Points written in order into a typed array of their largest possible count: no list grown
 * a push at a time, then copied (a far observation among 10,000 pins writes ~60k points).
 */
interface PointList {
  readonly xs: Float64Array;
  n: number;
  /** runAt of the folios for points in order, mostly (runCursor: no search per point). */
  readonly folioAt: (x: number) => Run<number> | undefined;
}

/**
 * Writes x, or the boundaries of the folio x falls inside; not again what it wrote last
 * (points in order then stay in order: two references in one huge folio would otherwise
 * write its ends twice, a descent). At module level: under tsx (esbuild's keepNames) a named
 * arrow inside cutPoints cost a defineProperty per call.
 */
function cutAt(p: PointList, x: number): void {
  const f = p.folioAt(x);
  const { xs, n } = p;
  if (f === undefined || x % f.value === 0) {
    if (n === 0 || xs[n - 1] !== x) xs[p.n++] = x;
    return;
  }
  const a = x - (x % f.value);
  if (n < 2 || xs[n - 2] !== a || xs[n - 1] !== a + f.value) {
    xs[p.n++] = a;
    xs[p.n++] = a + f.value;
  }
}

/**
 * Sorted distinct points of [start, end] where a count may change: folio run boundaries, and
 * the boundaries of PTE runs and references widened to the folio they fall in. `fs` and `ps`
 * are the folio and PTE runs overlapping [start, end) (folioRuns reads them too). Each source
 * gives its points in order (the references their starts, then their ends): a few sorted
 * lists, merged (sortedUnique), where a sort of all of them was most of a far observation
 * among thousands of pins.
 */
function cutPoints(
  folios: RangeMap<number>,
  fs: Runs<number>,
  ps: Runs<true>,
  refs: readonly RefRecord[],
  start: number,
  end: number,
): ArrayLike<number> {
  const p: PointList = {
    xs: new Float64Array(2 * fs.length + 4 * ps.length + 4 * refs.length),
    n: 0,
    folioAt: runCursor(folios),
  };
  // The runs' boundaries clipped to [start, end] (read off the runs: no clipped copies).
  for (let k = 0; k < fs.length; k++) {
    const r = fs[k] as Run<number>;
    p.xs[p.n++] = Math.max(r.start, start);
    p.xs[p.n++] = Math.min(r.end, end);
  }
  for (let k = 0; k < ps.length; k++) {
    const r = ps[k] as Run<true>;
    cutAt(p, Math.max(r.start, start));
    cutAt(p, Math.min(r.end, end));
  }
  for (const r of refs) cutAt(p, r.start);
  for (const r of refs) cutAt(p, r.end);
  const all = p.xs.subarray(0, p.n);
  const sorted = p.n > 32 ? sortedUnique(all) : sortNumbers(Array.from(all));
  // Kept in place: the points inside [start, end], each once (sortedUnique's copy is ours).
  const out = sorted instanceof Float64Array ? sorted : Float64Array.from(sorted);
  let m = 0;
  for (let k = 0; k < out.length; k++) {
    const x = out[k] as number;
    if (x >= start && x <= end && (m === 0 || out[m - 1] !== x)) out[m++] = x;
  }
  return out.subarray(0, m);
}

/** A handful of numbers (offsets: no NaN, no -0) in ascending order: an insertion sort in place. */
function sortNumbers(xs: number[]): number[] {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as number;
    let j = i - 1;
    for (; j >= 0 && (xs[j] as number) > x; j--) xs[j + 1] = xs[j] as number;
    xs[j + 1] = x;
  }
  return xs;
}

/**
 * Per-folio counts of the folios of `size` in [a, b), from the references overlapping it, and
 * their refcount: the page cache holds nr_pages references on a folio in the file; an
 * orphan's went with the truncation (filemap_remove_folio), so its refcount counts its
 * holders only. One object, the run's value (a segment among 10,000 pins made two).
 */
function countsOf(
  mapped: number,
  refs: readonly RefRecord[],
  a: number,
  b: number,
  size: number,
  orphaned: boolean,
): FolioCounts {
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
  const mapcount = mapped / PAGE / count;
  const pincount = pins / count;
  transient /= count;
  arch /= count;
  const refcount =
    (orphaned ? 0 : size / PAGE) + mapcount + pincount * (size === PAGE ? 1024 : 1) + transient + arch;
  return { size, mapcount, pincount, transient, arch, refcount };
}

/** Whether two runs of folios describe identical folios, so that b continues a when they touch. */
const sameFolios = (a: FolioCounts, b: FolioCounts): boolean =>
  a.size === b.size &&
  a.mapcount === b.mapcount &&
  a.pincount === b.pincount &&
  a.transient === b.transient &&
  a.arch === b.arch &&
  a.refcount === b.refcount;

/** Appends run r to out, joined to the last run when it continues it (the last is replaced, never edited). */
function pushRun(out: Run<FolioCounts>[], r: Run<FolioCounts>): void {
  const last = lastOf(out);
  if (last !== undefined && last.end === r.start && sameFolios(last.value, r.value))
    out[out.length - 1] = { start: last.start, end: r.end, value: last.value };
  else out.push(r);
}

/** The folio run an observation shows (fields in the trace format's order). */
const toFolioRun = (r: Run<FolioCounts>): FolioRun => ({
  offset: r.start,
  count: (r.end - r.start) / r.value.size,
  size: r.value.size,
  mapcount: r.value.mapcount,
  pincount: r.value.pincount,
  transient: r.value.transient,
  arch: r.value.arch,
  refcount: r.value.refcount,
});

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
): Run<FolioCounts>[] {
  const fs = overlapping(folios, start, end);
  const ps = overlapping(ptes, start, end);
  const points = cutPoints(folios, fs, ps, refs, start, end);
  const out: Run<FolioCounts>[] = [];
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
    pushRun(out, { start: a, end: b, value: countsOf(mapped, active, a, b, f.value, orphaned) });
  }
  return out;
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

/** An orphans list's runs: the references index they were computed with, each orphan's runs, all of them. */
interface OrphanRuns {
  readonly orphans: readonly Orphan[];
  readonly refs: GmemState['refs'];
  readonly each: readonly FolioRun[][];
  readonly runs: FolioRun[];
}

/** Per orphans list (a state seen again finds its runs), and the last one computed. */
const ORPHANS = new WeakMap<object, OrphanRuns>();
let lastOrphans: OrphanRuns | undefined;

/** One orphan's folio runs with the references they were computed from. */
const ORPHAN_RUNS = new WeakMap<Orphan, { refs: readonly RefRecord[]; runs: FolioRun[] }>();

const sameRefs = (a: readonly RefRecord[], b: readonly RefRecord[]): boolean =>
  a.length === b.length && a.every((r, i) => r === b[i]);

/** An orphan's folio runs, each with the references on it (they lie in the range it came from). */
function runsOfOrphan(s: GmemState, o: Orphan, cached: boolean): FolioRun[] {
  const refs = refsOverlapping(s, o.start, o.end).filter((r) => r.orphan === o.id);
  const hit = cached ? ORPHAN_RUNS.get(o) : undefined;
  if (hit !== undefined && sameRefs(hit.refs, refs)) return hit.runs;
  const runs = folioRuns(o.folios, EMPTY, refs, o.start, o.end, true).map(toFolioRun);
  if (cached) ORPHAN_RUNS.set(o, { refs, runs });
  return runs;
}

/** The ids of the orphans whose references may differ between two indexes (undefined: any). */
function movedOrphans(a: GmemState['refs'], b: GmemState['refs']): Set<number | null> | undefined {
  const records = changedRecords(a, b);
  return records === undefined ? undefined : new Set(records.map((r) => r.orphan));
}

/**
 * The orphans' folio runs, from the last orphans list computed (the same list, or the one
 * before an orphan came or went). An orphan keeps its runs unless a reference on it was
 * taken or dropped (`changedRecords`, by identity): a reference taken or dropped on the file,
 * or on one orphan, no longer looks up the references of every orphan in its range again
 * (orphans of one range pile up: at 64 MiB, ~30 orphans made a release 4x slower), and the
 * list is the same array when no orphan's runs changed. An orphan is matched by identity
 * (an orphans list keeps the objects of the one before it).
 */
function orphanRuns(s: GmemState, cached: boolean): FolioRun[] {
  if (s.orphans.length === 0) return NO_ORPHANS;
  const hit = cached ? (ORPHANS.get(s.orphans) ?? lastOrphans) : undefined;
  if (hit !== undefined && hit.orphans === s.orphans && hit.refs === s.refs) return hit.runs;
  const moved = hit === undefined ? undefined : movedOrphans(hit.refs, s.refs);
  let before: Map<Orphan, FolioRun[]> | undefined;
  const kept = (h: OrphanRuns, o: Orphan, k: number): FolioRun[] | undefined =>
    h.orphans === s.orphans
      ? h.each[k]
      : (before ??= new Map(h.orphans.map((x, i) => [x, h.each[i] as FolioRun[]]))).get(o);
  let same = hit !== undefined && hit.orphans === s.orphans;
  const each = s.orphans.map((o, k) => {
    const runs = hit === undefined || moved === undefined || moved.has(o.id) ? undefined : kept(hit, o, k);
    if (runs !== undefined) return runs;
    same = false;
    return runsOfOrphan(s, o, cached);
  });
  const runs = same && hit !== undefined ? hit.runs : concatRuns(each);
  if (cached) {
    lastOrphans = { orphans: s.orphans, refs: s.refs, each, runs };
    ORPHANS.set(s.orphans, lastOrphans);
  }
  return runs;
}

/** What the file's folio runs were last computed from, and the runs (a range map of folio counts). */
interface FolioCache {
  readonly folios: RangeMap<number>;
  readonly ptes: RangeMap<true>;
  readonly refs: GmemState['refs'];
  readonly runs: RangeMap<FolioCounts>;
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

/**
 * The folio runs of a state derived from the last ones computed: only where the folios, the
 * PTEs or the references differ (their chunks, by identity), widened to the folios cut there
 * in both states, are runs computed again and written over the old ones (a range-map write:
 * the runs it cuts are cut on folio boundaries, and joined again where they continue); the
 * chunks of runs before and after are shared. A step pays for what it changed.
 */
function folioRunsFrom(last: FolioCache, s: GmemState): RangeMap<FolioCounts> {
  const changed = hull(
    hull(changedSpan(last.folios, s.folios), changedSpan(last.ptes, s.ptes)),
    changedRefSpan(last.refs, s.refs),
  );
  if (changed === undefined) return last.runs;
  const [a0, b0] = widen(last.folios, changed[0], changed[1]);
  const [a1, b1] = widen(s.folios, changed[0], changed[1]);
  // [lo, hi) starts and ends on folio boundaries of both states (outside the span the folios are the same).
  const lo = Math.min(a0, a1);
  const hi = Math.max(b0, b1);
  return assignAll(last.runs, lo, hi, folioRuns(s.folios, s.ptes, fileRefs(s, lo, hi), lo, hi));
}

/** The file's folio runs, derived from the last ones computed (the same when nothing they read changed). */
function fileFolioRuns(s: GmemState): RangeMap<FolioCounts> {
  const last = lastFolios;
  if (last !== undefined && last.folios === s.folios && last.ptes === s.ptes && last.refs === s.refs)
    return last.runs;
  const runs = last === undefined ? fromRuns(wholeFolioRuns(s)) : folioRunsFrom(last, s);
  lastFolios = { folios: s.folios, ptes: s.ptes, refs: s.refs, runs };
  return runs;
}

/** The file's folio runs computed over the whole file. */
const wholeFolioRuns = (s: GmemState): Run<FolioCounts>[] =>
  folioRuns(s.folios, s.ptes, fileRefs(s, 0, s.config.size), 0, s.config.size);

/** The observed folio runs of the file, one per run of folio counts. */
const FOLIOS = new Observed<FolioCounts, FolioRun>(toFolioRun);

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

/** What the file's folio list was last asked for, and the list. */
let lastFolioList:
  | { folios: RangeMap<number>; ptes: RangeMap<true>; refs: GmemState['refs']; list: Listed<FolioRun> }
  | undefined;

/**
 * The file's folio list: its runs are derived (from the last ones computed) when it is read,
 * not at every step observed. The same list while the folios, PTEs and references are.
 */
function folioList(s: GmemState): Listed<FolioRun> {
  const { folios, ptes, refs } = s;
  const last = lastFolioList;
  if (last !== undefined && last.folios === folios && last.ptes === ptes && last.refs === refs)
    return last.list;
  const list = FOLIOS.later(() => fileFolioRuns(s));
  lastFolioList = { folios, ptes, refs, list };
  return list;
}

/** The observed list of one map: derived from the last ones, or computed afresh. */
const listOf = <V, T>(o: Observed<V, T>, m: RangeMap<V>, cached: boolean): Listed<T> =>
  cached ? o.of(m) : o.whole(m);

function build(s: GmemState, cached: boolean): Observation {
  const c = s.config;
  return new LazyObservation(
    s,
    [
      listOf(SHAREABILITY, s.attrs, cached),
      cached ? folioList(s) : FOLIOS.whole(fromRuns(wholeFolioRuns(s))),
      listOf(HOST, s.ptes, cached),
      listOf(GUEST, s.stage2, cached),
      listOf(VMAS, s.vmas, cached),
      listOf(POISONED, s.poisoned, cached),
      listOf(CONTENTS, s.contents, cached),
    ],
    () => orphanRuns(s, cached),
    isHugetlb(c) ? (cached ? poolOf(s) : pool(s)) : undefined,
  );
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

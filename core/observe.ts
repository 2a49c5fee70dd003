import type { Attr, GmemState, RefRecord } from './types.ts';
import { PAGE } from './units.ts';
import { isHugetlb } from './state/folios.ts';
import { allRefs, refsOverlapping } from './state/refIndex.ts';
import { poolUsage } from './state/folioOps.ts';
import {
  EMPTY,
  concatRuns,
  firstEndingAfter,
  runAt,
  slice,
  toRuns,
  type RangeMap,
  type Run,
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
 * Sorted distinct points of [start, end] where a count may change: folio run boundaries, and
 * the boundaries of PTE runs and references widened to the folio they fall in.
 */
function cutPoints(
  folios: RangeMap<number>,
  ptes: RangeMap<true>,
  refs: readonly RefRecord[],
  start: number,
  end: number,
): number[] {
  const xs: number[] = [];
  const cut = (x: number): void => {
    const f = runAt(folios, x);
    if (f === undefined || x % f.value === 0) xs.push(x);
    else xs.push(x - (x % f.value), x - (x % f.value) + f.value);
  };
  for (const r of slice(folios, start, end)) xs.push(r.start, r.end);
  for (const r of slice(ptes, start, end)) {
    cut(r.start);
    cut(r.end);
  }
  for (const r of refs) {
    cut(r.start);
    cut(r.end);
  }
  xs.sort((x, y) => x - y);
  const out: number[] = [];
  for (const x of xs) if (x >= start && x <= end && out[out.length - 1] !== x) out.push(x);
  return out;
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

/**
 * Folio runs: the segments between cut points, each one folio or a stretch of identical
 * folios, in one sweep: the folio and PTE runs and the references (sorted by start) are
 * walked forward once, keeping only the references that overlap the current segment.
 */
function folioRuns(
  folios: RangeMap<number>,
  ptes: RangeMap<true>,
  refs: readonly RefRecord[],
  start: number,
  end: number,
  orphaned = false,
): FolioRun[] {
  const points = cutPoints(folios, ptes, refs, start, end);
  const out: FolioRun[] = [];
  const fs = toRuns(folios);
  const ps = toRuns(ptes);
  let fi = firstEndingAfter(fs, points[0] ?? start);
  let pi = firstEndingAfter(ps, points[0] ?? start);
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
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      last.offset + last.count * last.size === a &&
      last.size === c.size &&
      last.mapcount === c.mapcount &&
      last.pincount === c.pincount &&
      last.transient === c.transient &&
      last.arch === c.arch
    ) {
      last.count += (b - a) / f.value;
      continue;
    }
    out.push({ offset: a, count: (b - a) / f.value, ...c, refcount });
  }
  return out;
}

/** f over an array, remembered by the array's identity. */
function remembered<R, T>(cache: WeakMap<object, T[]>, key: readonly R[], f: (r: R) => T): T[] {
  let out = cache.get(key);
  if (out === undefined) {
    out = key.map(f);
    cache.set(key, out);
  }
  return out;
}

/**
 * The observed runs of one range map. A step leaves most maps as they were (the same object)
 * and shares most chunks of the ones it changes, so each map's and each chunk's part of the
 * observation is computed once and shared with the previous observation.
 */
function cachedRuns<V, T>(cache: WeakMap<object, T[]>, m: RangeMap<V>, f: (r: Run<V>) => T): T[] {
  let out = cache.get(m);
  if (out === undefined) {
    const parts = m.chunks.map((c) => remembered(cache, c, f));
    out = parts.length === 1 ? (parts[0] as T[]) : concatRuns(parts);
    cache.set(m, out);
  }
  return out;
}

const SHAREABILITY = new WeakMap<object, Observation['shareability']>();
const HOST = new WeakMap<object, Observation['hostMappings']>();
const GUEST = new WeakMap<object, Observation['guestMappings']>();
const VMAS = new WeakMap<object, Observation['vmas']>();
const POISONED = new WeakMap<object, Observation['poisoned']>();
const CONTENTS = new WeakMap<object, Observation['contents']>();
const ORPHANS = new WeakMap<object, { refs: unknown; runs: FolioRun[] }>();
const FOLIOS = new WeakMap<RangeMap<number>, { ptes: unknown; refs: unknown; runs: FolioRun[] }>();

/**
 * The orphans' folio runs, each with the references on it (an orphan's references lie in
 * the range it came from), recomputed only when the orphans or the references changed.
 */
function orphanRuns(s: GmemState): FolioRun[] {
  if (s.orphans.length === 0) return [];
  const hit = ORPHANS.get(s.orphans);
  if (hit !== undefined && hit.refs === s.refs) return hit.runs;
  const runs = s.orphans.flatMap((o) =>
    folioRuns(
      o.folios,
      EMPTY,
      refsOverlapping(s, o.start, o.end).filter((r) => r.orphan === o.id),
      o.start,
      o.end,
      true,
    ),
  );
  ORPHANS.set(s.orphans, { refs: s.refs, runs });
  return runs;
}

/** The file's folio runs, recomputed only when the folios, the PTEs or the references changed. */
function fileFolioRuns(s: GmemState): FolioRun[] {
  const hit = FOLIOS.get(s.folios);
  if (hit !== undefined && hit.ptes === s.ptes && hit.refs === s.refs) return hit.runs;
  const fileRefs = allRefs(s.refs).filter((r) => r.orphan === null);
  const runs = folioRuns(s.folios, s.ptes, fileRefs, 0, s.config.size);
  FOLIOS.set(s.folios, { ptes: s.ptes, refs: s.refs, runs });
  return runs;
}

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

/**
 * The canonical observation of a state (trace format v1): sorted maximal runs, integers only,
 * so equal states serialise identically. Read-only: the parts of a state that a step left
 * alone share their arrays with the previous state's observation.
 * @example observe(state).folios // [{ offset: 0, size: 4096, count: 1, mapcount: 1, ... }]
 */
export function observe(s: GmemState): Observation {
  const c = s.config;
  const obs: Observation = {
    open: s.open,
    size: c.size,
    pageSize: c.pageSize,
    shareability: cachedRuns(SHAREABILITY, s.attrs, (r) => ({
      offset: r.start,
      length: r.end - r.start,
      state: r.value,
    })),
    folios: fileFolioRuns(s),
    hostMappings: cachedRuns(HOST, s.ptes, (r) => ({
      offset: r.start,
      length: r.end - r.start,
      level: PAGE,
    })),
    guestMappings: cachedRuns(GUEST, s.stage2, (r) => ({
      offset: r.start,
      length: r.end - r.start,
      level: r.value.level,
      kind: r.value.kind,
    })),
    evicted: s.evicted,
    vmas: cachedRuns(VMAS, s.vmas, (r) => ({ offset: r.start, length: r.end - r.start })),
    orphans: orphanRuns(s),
    poisoned: cachedRuns(POISONED, s.poisoned, (r) => ({ offset: r.start, length: r.end - r.start })),
    contents: cachedRuns(CONTENTS, s.contents, (r) => ({
      offset: r.start,
      length: r.end - r.start,
      content: r.value,
    })),
  };
  if (s.vmDead) obs.vmDead = true;
  if (isHugetlb(c)) obs.pool = { pageSize: c.pageSize, ...poolUsage(s), vmemmapPages: vmemmapPages(s) };
  return obs;
}

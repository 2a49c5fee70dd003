import type { Attr, GmemState, RefRecord, Stage2 } from './types.ts';
import { PAGE } from './units.ts';
import { isHugetlb } from './state/folios.ts';
import { poolUsage } from './state/folioOps.ts';
import { coveredBytes, runAt, slice, type RangeMap } from './state/rangeMap.ts';

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

/** Per-folio counts of the `count` folios of `size` in [a, b): uniform by construction. */
function countsOf(
  ptes: RangeMap<true>,
  refs: readonly RefRecord[],
  a: number,
  b: number,
  size: number,
): Counts {
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
    mapcount: coveredBytes(ptes, a, b) / PAGE / count,
    pincount: pins / count,
    transient: transient / count,
    arch: arch / count,
  };
}

/**
 * Folio runs: boundaries of every structure that changes a count, widened to the folio they
 * fall in, so each segment is one folio or a stretch of identical folios.
 */
function folioRuns(
  folios: RangeMap<number>,
  ptes: RangeMap<true>,
  refs: readonly RefRecord[],
  start: number,
  end: number,
  orphaned = false,
): FolioRun[] {
  const cuts = new Set<number>();
  const cut = (x: number): void => {
    const f = runAt(folios, x);
    if (f === undefined || x % f.value === 0) cuts.add(x);
    else cuts.add(x - (x % f.value)).add(x - (x % f.value) + f.value);
  };
  for (const r of slice(folios, start, end)) cuts.add(r.start).add(r.end);
  for (const r of slice(ptes, start, end)) [r.start, r.end].forEach(cut);
  for (const r of refs) [r.start, r.end].forEach(cut);
  const points = [...cuts].filter((x) => x >= start && x <= end).toSorted((x, y) => x - y);
  const out: FolioRun[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const f = runAt(folios, a);
    if (f === undefined) continue;
    const c = countsOf(
      ptes,
      refs.filter((r) => r.start < b && r.end > a),
      a,
      b,
      f.value,
    );
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

const runsOf = <V>(m: RangeMap<V>) =>
  m.map((r) => ({ offset: r.start, length: r.end - r.start, value: r.value }));

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
  for (const r of s.folios) n += r.value > PAGE ? (r.end - r.start) / r.value : restored(r.end - r.start);
  for (const o of s.orphans)
    if (o.hugetlbBlock) n += o.folios.length === 1 && o.folios[0]?.value === P ? 1 : restored(P);
  return n;
}

/**
 * The canonical observation of a state (trace format v1): sorted maximal runs, integers only,
 * so equal states serialise identically.
 * @example observe(state).folios // [{ offset: 0, size: 4096, count: 1, mapcount: 1, ... }]
 */
export function observe(s: GmemState): Observation {
  const c = s.config;
  const fileRefs = s.refs.filter((r) => r.orphan === null);
  const obs: Observation = {
    open: s.open,
    size: c.size,
    pageSize: c.pageSize,
    shareability: runsOf(s.attrs).map((r) => ({ offset: r.offset, length: r.length, state: r.value })),
    folios: folioRuns(s.folios, s.ptes, fileRefs, 0, c.size),
    hostMappings: runsOf(s.ptes).map((r) => ({ offset: r.offset, length: r.length, level: PAGE })),
    guestMappings: runsOf(s.stage2).map((r) => ({
      offset: r.offset,
      length: r.length,
      level: (r.value as Stage2).level,
      kind: (r.value as Stage2).kind,
    })),
    evicted: s.evicted,
    vmas: runsOf(s.vmas).map((r) => ({ offset: r.offset, length: r.length })),
    orphans: s.orphans.flatMap((o) =>
      folioRuns(
        o.folios,
        [],
        s.refs.filter((r) => r.orphan === o.id),
        o.start,
        o.end,
        true,
      ),
    ),
    poisoned: runsOf(s.poisoned).map((r) => ({ offset: r.offset, length: r.length })),
    contents: runsOf(s.contents).map((r) => ({ offset: r.offset, length: r.length, content: r.value })),
  };
  if (s.vmDead) obs.vmDead = true;
  if (isHugetlb(c)) obs.pool = { pageSize: c.pageSize, ...poolUsage(s), vmemmapPages: vmemmapPages(s) };
  return obs;
}

import type { Attr, GmemState, Orphan, RefRecord, Stage2 } from './types.ts';
import { PAGE, SIZE_1G, hex, rangeName, sizeName } from './units.ts';
import { isHugetlb } from './state/folios.ts';
import { poolUsage } from './state/folioOps.ts';
import {
  changedSpan,
  covers,
  differing,
  firstIn,
  hull,
  isEmpty,
  lastOf,
  overlapping,
  runCursor,
  toRuns,
  unsharedChunks,
  type RangeMap,
  type Run,
  type Runs,
  type Span,
} from './state/rangeMap.ts';
import { fileReleased } from './state/evict.ts';
import { Sweep } from './state/sweep.ts';
import { changedRefSpan, refsOverlapping } from './state/refIndex.ts';

export interface Violation {
  /** The rule's number in shared/spec/semantics.md, "Invariants". */
  readonly rule: number;
  readonly name: string;
  readonly message: string;
  readonly offset?: number;
}

/** The invariants of the spec, each with its number and a short name. */
export const INVARIANTS: readonly { rule: number; name: string; text: string }[] = [
  { rule: 1, name: 'no-host-access-to-private', text: 'No VMM PTE or GUP pin on a private index.' },
  {
    rule: 2,
    name: 'stage2-kind-matches',
    text: "A stage-2 entry's kind equals the attribute of every index it covers.",
  },
  {
    rule: 3,
    name: 'stage2-within-folio',
    text: 'A stage-2 entry lies inside one folio, is no larger than it, and covers uniform attributes.',
  },
  {
    rule: 4,
    name: 'folio-shape',
    text: 'Folios are aligned, never overlap, are no larger than pageSize; a folio larger than 4K covers only private indices.',
  },
  { rule: 5, name: 'attributes-cover-file', text: 'Every index of the file has exactly one attribute.' },
  {
    rule: 6,
    name: 'no-mapping-of-holes',
    text: 'No stage-2 entry or PTE points to a hole; only orphans are referenced outside the file.',
  },
  {
    rule: 7,
    name: 'references-accounted',
    text: 'mapcount equals the PTEs into the folio; every reference has a recorded holder.',
  },
  { rule: 8, name: 'pool-bounded', text: 'HugeTLB: blocks in use never exceed the reservation.' },
  {
    rule: 9,
    name: 'closed-and-poisoned-unmapped',
    text: 'After close no stage-2 entry remains; a poisoned page is never mapped in stage-2.',
  },
];

const v = (rule: number, message: string, offset?: number): Violation => ({
  rule,
  name: INVARIANTS[rule - 1]?.name ?? '',
  message,
  ...(offset === undefined ? {} : { offset }),
});

/**
 * A violation found on one item (a run, or a reference: `id` orders references that start
 * together), with the item's range: it stands as long as nothing the check reads changes
 * inside that range.
 */
interface Finding {
  readonly start: number;
  readonly end: number;
  readonly id: number;
  readonly v: Violation;
}

const onRun = (r: Run<unknown>, violation: Violation): Finding => ({
  start: r.start,
  end: r.end,
  id: 0,
  v: violation,
});

const onRef = (r: RefRecord, violation: Violation): Finding => ({
  start: r.start,
  end: r.end,
  id: r.id,
  v: violation,
});

/** The parts of a state read by position: range maps, the reference index, the orphans (each in its range). */
type Positional = 'attrs' | 'folios' | 'vmas' | 'ptes' | 'stage2' | 'poisoned' | 'refs' | 'orphans';

/**
 * One invariant check, item by item: `find` answers for the items (runs of one map, or
 * references) overlapping [lo, hi), each reading the state only inside its own range, so an
 * item's answer stands while nothing the check reads changes there. `report` turns the
 * findings into the check's violations (default: one each).
 */
interface Check {
  /** What it reads by position: an item's answer depends on these inside its range only. */
  readonly at: readonly Positional[];
  /** What it reads as a whole: any change there asks every item again. */
  readonly whole: readonly Whole[];
  readonly find: (s: GmemState, lo: number, hi: number) => Finding[];
  readonly report?: (findings: readonly Finding[], s: GmemState) => Violation[];
}

const ALL: Span = [-Infinity, Infinity];

/**
 * The parts of a state the checks read (as a whole or by position); a part's bit in
 * partsChanged is 1 << its index.
 */
export const CHECKED_PARTS = [
  'config',
  'attrs',
  'orphans',
  'folios',
  'evicted',
  'open',
  'vmas',
  'stage2',
  'ptes',
  'poisoned',
  'refs',
] as const;
type Whole = (typeof CHECKED_PARTS)[number];
const bitOf = (k: Whole): number => 1 << CHECKED_PARTS.indexOf(k);

/**
 * A bit per part that is another object (or value) in b than in a, in CHECKED_PARTS' order.
 * Field by field: a keyed read of a state is slow, and so was a getter per part (one call site
 * calling eleven functions, every step).
 */
export function partsChanged(a: GmemState, b: GmemState): number {
  return (
    (a.config !== b.config ? 1 : 0) |
    (a.attrs !== b.attrs ? 2 : 0) |
    (a.orphans !== b.orphans ? 4 : 0) |
    (a.folios !== b.folios ? 8 : 0) |
    (a.evicted !== b.evicted ? 16 : 0) |
    (a.open !== b.open ? 32 : 0) |
    (a.vmas !== b.vmas ? 64 : 0) |
    (a.stage2 !== b.stage2 ? 128 : 0) |
    (a.ptes !== b.ptes ? 256 : 0) |
    (a.poisoned !== b.poisoned ? 512 : 0) |
    (a.refs !== b.refs ? 1024 : 0)
  );
}

/** A sweep of `map` over the span of `items` (what they read of it). */
function sweepOver<V>(map: RangeMap<V>, items: readonly { start: number; end: number }[]): Sweep<V> {
  const first = items[0];
  const last = lastOf(items);
  return new Sweep(first === undefined || last === undefined ? [] : overlapping(map, first.start, last.end));
}

const clip = <V>(r: Run<V>, start: number, end: number): Run<V> => ({
  start: Math.max(r.start, start),
  end: Math.min(r.end, end),
  value: r.value,
});

const hostOnPrivate: Check = {
  at: ['attrs', 'ptes', 'refs'],
  whole: [],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    const privates: Run<Attr>[] = [];
    const attrs = overlapping(s.attrs, lo, hi);
    for (let k = 0; k < attrs.length; k++)
      if ((attrs[k] as Run<Attr>).value === 'private') privates.push(attrs[k] as Run<Attr>);
    // No private run there (most changes of PTEs or references): nothing to find.
    if (privates.length === 0) return out;
    const ptes = sweepOver(s.ptes, privates);
    const span =
      privates.length === 0 ? [] : refsOverlapping(s, privates[0]?.start ?? 0, privates.at(-1)?.end ?? 0);
    const pins = span.filter((r) => r.kind === 'pin' && r.orphan === null);
    // Pins are sorted by start and may overlap each other: each private run scans them from
    // the first one that can still reach it.
    let first = 0;
    for (const p of privates) {
      for (const r of ptes.over(p.start, p.end)) {
        const c = clip(r, p.start, p.end);
        out.push(onRun(p, v(1, `the VMM maps private ${rangeName(c.start, c.end)}`, c.start)));
      }
      // A pin ending before this run cannot reach any later run either.
      while (first < pins.length && (pins[first] as RefRecord).end <= p.start) first++;
      for (let k = first; k < pins.length && (pins[k] as RefRecord).start < p.end; k++) {
        const r = pins[k] as RefRecord;
        const at = Math.max(r.start, p.start);
        if (r.end > p.start) out.push(onRun(p, v(1, `${r.holder} pins private memory at ${hex(at)}`, at)));
      }
    }
    return out;
  },
};

const stage2Kind: Check = {
  at: ['stage2', 'attrs'],
  whole: [],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    const entries = overlapping(s.stage2, lo, hi);
    const attrs = sweepOver(s.attrs, entries);
    for (const e of entries)
      if (!attrs.coversWith(e.start, e.end, e.value.kind)) {
        const what = `a ${e.value.kind} stage-2 entry maps ${rangeName(e.start, e.end)}, which is not all ${e.value.kind}`;
        out.push(onRun(e, v(2, what, e.start)));
      }
    return out;
  },
};

/**
 * The end of what a stage-2 entry's shape check reads: its leaves whole (a run that does not
 * end on a leaf boundary, as the unsafe knobs can leave, reads attributes past its end).
 */
const leafEnd = (e: Run<Stage2>): number => {
  const level = e.value.level;
  return level > PAGE ? e.start + Math.ceil((e.end - e.start) / level) * level : e.end;
};

/**
 * The stage-2 entries overlapping [lo, hi) and those up to 1 GiB before lo whose leaves reach
 * past lo, in order. No op leaves an entry short of its leaf's end (zaps and demotions take
 * leaves whole): while none does (LEAVES_WHOLE, asked of the chunks a step rebuilt), these are
 * the entries overlapping [lo, hi). Reading every entry of the GiB before lo was a fifth of the
 * invariants' time at 64 GiB.
 */
function shapeEntries(m: RangeMap<Stage2>, lo: number, hi: number): Run<Stage2>[] {
  if (LEAVES_WHOLE.holds(m)) return overlapping(m, lo, hi);
  return overlapping(m, lo - SIZE_1G, hi).filter((e) => leafEnd(e) > lo);
}

/** A finding on a stage-2 entry, over its leaves whole (see leafEnd). */
const onLeaves = (e: Run<Stage2>, violation: Violation): Finding => ({
  start: e.start,
  end: leafEnd(e),
  id: 0,
  v: violation,
});

/** The attributes the entries' leaves read: from the first entry to the furthest leaf end. */
function leafAttrs(attrs: RangeMap<Attr>, entries: readonly Run<Stage2>[]): Sweep<Attr> {
  const first = entries[0];
  if (first === undefined) return new Sweep<Attr>([]);
  let end = first.end;
  for (let k = 0; k < entries.length; k++) end = Math.max(end, leafEnd(entries[k] as Run<Stage2>));
  return new Sweep(overlapping(attrs, first.start, end));
}

const stage2Shape: Check = {
  at: ['stage2', 'folios', 'attrs'],
  whole: [],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    const entries = shapeEntries(s.stage2, lo, hi);
    const folios = sweepOver(s.folios, entries);
    const attrs = leafAttrs(s.attrs, entries);
    for (const e of entries) {
      for (const f of folios.over(e.start, e.end)) {
        if (f.value < e.value.level) {
          const at = Math.max(f.start, e.start);
          const what = `a ${sizeName(e.value.level)} stage-2 entry at ${hex(at)} is larger than its ${sizeName(f.value)} folio`;
          out.push(onLeaves(e, v(3, what, at)));
        }
      }
      for (let x = e.start; x < e.end && e.value.level > PAGE; x += e.value.level) {
        const kinds = attrs.over(x, x + e.value.level);
        if (kinds.some((r) => r.value !== kinds[0]?.value))
          out.push(onLeaves(e, v(3, `the stage-2 entry at ${hex(x)} covers mixed attributes`, x)));
      }
    }
    return out;
  },
};

/**
 * Whether every chunk of a map passes `ok` and each chunk passes `join` with the one before
 * it. The answer on the last map asked is remembered: when it held, the next map is asked only
 * about the chunks it does not share with that one and their joins (a step rebuilds a chunk or
 * two), so the cost does not grow with the map.
 */
class Chunkwise {
  private last: { readonly map: RangeMap<unknown>; readonly holds: boolean } | undefined;
  constructor(
    private readonly ok: (c: Runs<unknown>) => boolean,
    private readonly join: (before: Runs<unknown>, c: Runs<unknown>) => boolean,
  ) {}

  holds(m: RangeMap<unknown>): boolean {
    const last = this.last;
    if (last?.map === m) return last.holds;
    const chunks = m.chunks;
    let [from, to] = [0, chunks.length];
    if (last?.holds === true) [from, , to] = unsharedChunks(last.map, m);
    let holds = true;
    for (let k = from; k < to && holds; k++) holds = this.ok(chunks[k] as Runs<unknown>);
    // The joins of every pair of neighbours one of which is new (or newly neighbours).
    for (let k = Math.max(1, from); k < Math.min(to + 1, chunks.length) && holds; k++)
      holds = this.join(chunks[k - 1] as Runs<unknown>, chunks[k] as Runs<unknown>);
    this.last = { map: m, holds };
    return holds;
  }
}

/** Whether every stage-2 entry ends where its last leaf ends (see shapeEntries). */
const LEAVES_WHOLE = new Chunkwise(
  (c) => (c as Runs<Stage2>).every((e) => leafEnd(e) === e.end),
  () => true,
);

const lastEnd = (c: Runs<unknown>): number => (c[c.length - 1] as Run<unknown>).end;

/** Runs sorted and disjoint inside a chunk. */
const sortedDisjoint = (c: Runs<unknown>): boolean =>
  c.every((r, i) => i === 0 || r.start >= (c[i - 1] as Run<unknown>).end);

/** Whether the runs of a map are sorted and disjoint (a range map keeps them so). */
const FOLIOS_DISJOINT = new Chunkwise(sortedDisjoint, (b, c) => (c[0] as Run<unknown>).start >= lastEnd(b));

const isShared = (a: Attr): boolean => a === 'shared';

const folioShape: Check = {
  at: ['folios', 'attrs'],
  whole: ['config'],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    const folios = overlapping(s.folios, lo, hi);
    for (const f of folios) {
      if (f.start % f.value !== 0 || f.end % f.value !== 0) {
        const what = `folios of ${sizeName(f.value)} at ${hex(f.start)} are not naturally aligned`;
        out.push(onRun(f, v(4, what, f.start)));
      }
      if (f.value > s.config.pageSize)
        out.push(onRun(f, v(4, `a ${sizeName(f.value)} folio is larger than the file's page size`, f.start)));
      // Only huge folios read the attributes, each over its own run: a sweep over all the
      // folio runs also read every attribute run under the 4K ones, which span GiBs once
      // blocks are split (a step's check then followed the file's fragmentation).
      if (f.value > PAGE) {
        const shared = firstIn(s.attrs, f.start, f.end, isShared);
        if (shared !== undefined) {
          const at = Math.max(shared.start, f.start);
          out.push(onRun(f, v(4, `a ${sizeName(f.value)} folio covers shared ${hex(at)}`, at)));
        }
      }
    }
    return out;
  },
  report: (findings, s) => [
    ...findings.map((f) => f.v),
    ...(FOLIOS_DISJOINT.holds(s.folios) ? [] : [v(4, 'folios overlap')]),
  ],
};

/** Each run starting where the one before ends (so sorted and disjoint), chunk after chunk. */
const ATTRS_GAPLESS = new Chunkwise(
  (c) => c.every((r, i) => i === 0 || r.start === (c[i - 1] as Run<unknown>).end),
  (b, c) => (c[0] as Run<unknown>).start === lastEnd(b),
);

/** Whether the runs of the attributes cover [0, size) exactly, without gaps (chunk by chunk). */
function coversExactly(m: RangeMap<unknown>, size: number): boolean {
  const first = m.chunks[0]?.[0];
  if (first === undefined) return size === 0;
  return first.start === 0 && m.ends[m.ends.length - 1] === size && ATTRS_GAPLESS.holds(m);
}

const attrsCover: Check = {
  at: [],
  whole: ['attrs', 'config'],
  find: () => [],
  report: (_, s) =>
    coversExactly(s.attrs, s.config.size) ? [] : [v(5, 'the attributes do not cover the file exactly once')],
};

type MapField = Exclude<Positional, 'refs' | 'orphans'>;

/**
 * A check of each run of one map against another map read over the run only: a violation
 * for each run where `bad` (PTEs outside VMAs, stage-2 entries on holes, poison mapped…).
 */
const runsAgainst = (
  field: MapField,
  other: MapField,
  bad: (other: Sweep<unknown>, r: Run<unknown>) => boolean,
  violation: (r: Run<unknown>) => Violation,
): Check => ({
  at: [field, other],
  whole: [],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    const runs = overlapping(s[field] as RangeMap<unknown>, lo, hi);
    if (runs.length === 0) return out;
    const sweep = sweepOver(s[other] as RangeMap<unknown>, runs);
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k] as Run<unknown>;
      if (bad(sweep, r)) out.push(onRun(r, violation(r)));
    }
    return out;
  },
});

/** Rule 6 for the entries of one map (stage-2 or PTEs): each lies on folios. */
const onFolios = (what: string, field: 'stage2' | 'ptes'): Check =>
  runsAgainst(
    field,
    'folios',
    (folios, e) => !folios.covers(e.start, e.end),
    (e) => v(6, `${what} maps a hole in ${rangeName(e.start, e.end)}`, e.start),
  );

/** The ids of the last orphans list asked about (a step that keeps the list keeps the set). */
let orphanIds: { readonly orphans: readonly Orphan[]; readonly ids: ReadonlySet<number> } | undefined;

const idsOf = (orphans: readonly Orphan[]): ReadonlySet<number> => {
  if (orphanIds?.orphans !== orphans) orphanIds = { orphans, ids: new Set(orphans.map((o) => o.id)) };
  return orphanIds.ids;
};

// A reference reads the orphans by position: one on an orphan lies in the orphan's range, so
// an orphan freed or made asks again only the references in its range (not all of them).
const refsOnHoles: Check = {
  at: ['folios', 'refs', 'orphans'],
  whole: [],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    // The last range found inside the file's folios: references piled on one page ask once.
    let okStart = 0;
    let okEnd = 0;
    // The folio run under each start, found from the last (the references come in order): one
    // that reaches past the end covers the reference without a search.
    const folioAt = runCursor(s.folios);
    for (const r of refsOverlapping(s, lo, hi)) {
      if (r.orphan === null && (r.start < okStart || r.end > okEnd)) {
        const f = folioAt(r.start);
        if ((f !== undefined && f.end >= r.end) || covers(s.folios, r.start, r.end)) {
          okStart = r.start;
          okEnd = r.end;
        } else
          out.push(onRef(r, v(6, `${r.holder} holds a reference on a hole at ${hex(r.start)}`, r.start)));
      }
      // The orphans' ids are gathered at the first reference on an orphan (most steps see none).
      if (r.orphan !== null && !idsOf(s.orphans).has(r.orphan))
        out.push(onRef(r, v(6, `${r.holder} holds a reference on freed memory`, r.start)));
    }
    return out;
  },
};

const holders: Check = {
  at: ['refs'],
  whole: [],
  find: (s, lo, hi) => {
    const out: Finding[] = [];
    for (const r of refsOverlapping(s, lo, hi))
      if (r.holder.length === 0)
        out.push(onRef(r, v(7, `a reference at ${hex(r.start)} has no holder`, r.start)));
    return out;
  },
};

// mapcount is derived from the PTEs, so it can only disagree if a PTE outlives its VMA.
const ptesInVmas = runsAgainst(
  'ptes',
  'vmas',
  (vmas, p) => !vmas.covers(p.start, p.end),
  (p) => v(7, `PTEs at ${hex(p.start)} outlive their VMA`, p.start),
);

/** Rule 8 (O(folio runs), checked again only when the folios or the pool's other parts change). */
export function poolViolations(s: GmemState): Violation[] {
  if (!isHugetlb(s.config)) return [];
  const { reserved, inUse } = poolUsage(s);
  return inUse <= reserved ? [] : [v(8, `${inUse} huge pages in use but only ${reserved} reserved`)];
}

const pool: Check = {
  at: [],
  whole: ['folios', 'orphans', 'evicted', 'config'],
  find: () => [],
  report: (_, s) => poolViolations(s),
};

// The file is released at its last reference (close, or the munmap of the last VMA).
const releasedUnmapped: Check = {
  at: [],
  whole: ['open', 'vmas', 'stage2'],
  find: () => [],
  report: (_, s) =>
    fileReleased(s) && !isEmpty(s.stage2)
      ? [v(9, 'stage-2 entries remain after the file was released', toRuns(s.stage2)[0]?.start)]
      : [],
};

const poisonedUnmapped = runsAgainst(
  'poisoned',
  'stage2',
  (stage2, p) => stage2.any(p.start, p.end),
  (p) => v(9, `poisoned ${hex(p.start)} is mapped in stage-2`, p.start),
);

/** The checks in the order of their violations (rule by rule, as the spec lists them). */
const CHECKS: readonly Check[] = [
  hostOnPrivate,
  stage2Kind,
  stage2Shape,
  folioShape,
  attrsCover,
  onFolios('a stage-2 entry', 'stage2'),
  onFolios('a PTE', 'ptes'),
  refsOnHoles,
  holders,
  ptesInVmas,
  pool,
  releasedUnmapped,
  poisonedUnmapped,
];

const report = (c: Check, findings: readonly Finding[], s: GmemState): Violation[] =>
  c.report === undefined ? findings.map((f) => f.v) : c.report(findings, s);

const byPlace = (x: Finding, y: Finding): number => x.start - y.start || x.id - y.id;

const PARTS: readonly Positional[] = [
  'attrs',
  'folios',
  'vmas',
  'ptes',
  'stage2',
  'poisoned',
  'refs',
  'orphans',
];

/**
 * Where two orphans lists differ: the ranges of the orphans between their longest common
 * prefix and suffix (by identity: a list keeps the objects of the one before it).
 */
function changedOrphans(a: readonly Orphan[], b: readonly Orphan[]): Span | undefined {
  const [i, ja, jb] = differing(a, b);
  let out: Span | undefined;
  for (let k = i; k < ja; k++) out = hull(out, [(a[k] as Orphan).start, (a[k] as Orphan).end]);
  for (let k = i; k < jb; k++) out = hull(out, [(b[k] as Orphan).start, (b[k] as Orphan).end]);
  return out;
}

/** Where a positional part differs between two states (undefined: nowhere). */
function spanOf(a: GmemState, b: GmemState, p: Positional): Span | undefined {
  if (p === 'refs') return changedRefSpan(a.refs, b.refs);
  if (p === 'orphans') return a.orphans === b.orphans ? undefined : changedOrphans(a.orphans, b.orphans);
  return changedSpan(a[p] as RangeMap<unknown>, b[p] as RangeMap<unknown>);
}

/** A check's findings on a state and its violations. */
interface Answer {
  readonly findings: readonly Finding[];
  readonly out: readonly Violation[];
}

/**
 * The last state checked and each check's answer on it. The next state is checked as a
 * change from it: a check keeps its findings on the items outside the span where what it
 * reads changed and asks again only for the items inside it (the runner and the app check a
 * history in order, and a step changes a few ranges); a check whose parts are all the same
 * keeps its answer.
 */
let last: { s: GmemState; answers: readonly Answer[] } | undefined;

function answer(c: Check, s: GmemState, span: Span | undefined, before: Answer | undefined): Answer {
  if (before !== undefined && span === undefined) return before;
  let findings: readonly Finding[];
  if (before === undefined || span === ALL || span === undefined) findings = c.find(s, ALL[0], ALL[1]);
  else {
    const [lo, hi] = span;
    const kept =
      before.findings.length === 0
        ? before.findings
        : before.findings.filter((f) => f.end <= lo || f.start >= hi);
    const fresh = c.find(s, lo, hi);
    // Nothing found before nor now, and the violations are the findings: the same answer.
    if (before.findings.length === 0 && fresh.length === 0 && c.report === undefined) return before;
    // Findings stay in item order (the order of a whole sweep); one item's keep their order.
    findings = kept.length === 0 ? fresh : [...kept, ...fresh].toSorted(byPlace);
  }
  return { findings, out: report(c, findings, s) };
}

/** Each check's positional parts, as indices into PARTS (the spans of a step are kept there). */
const AT: readonly (readonly number[])[] = CHECKS.map((c) => c.at.map((p) => PARTS.indexOf(p)));
/** Each check's parts read as a whole, as a mask of partsChanged's bits. */
const WHOLE_MASK: readonly number[] = CHECKS.map((c) => c.whole.reduce((m, k) => m | bitOf(k), 0));
/**
 * Each check's parts, whole or positional, as a mask of partsChanged's bits: a check none of
 * whose parts changed keeps its answer without a span asked (a part that is the same object
 * has none), as most checks do at most steps.
 */
const READS_MASK: readonly number[] = CHECKS.map((c, i) =>
  c.at.reduce((m, k) => m | bitOf(k), WHOLE_MASK[i] as number),
);

/**
 * Where what check c reads changed from prev to s: ALL when a part it reads whole changed
 * (`changed`: partsChanged of the two states).
 */
function spanFor(
  c: number,
  prev: GmemState,
  s: GmemState,
  changed: number,
  spans: (Span | undefined | null)[],
): Span | undefined {
  if (((WHOLE_MASK[c] as number) & changed) !== 0) return ALL;
  let out: Span | undefined;
  for (const p of AT[c] as readonly number[]) {
    // null: not asked yet this step (each part's span is asked once).
    let span = spans[p];
    if (span === null) span = spans[p] = spanOf(prev, s, PARTS[p] as Positional);
    out = hull(out, span);
  }
  return out;
}

/**
 * Every invariant of the spec checked on a state; each violation names its rule. Under the
 * default policy the list is always empty; the unsafe* knobs make violations visible.
 * Incremental: derived from the last state checked where the state shares parts with it.
 * @example checkInvariants(state) // []
 */
export function checkInvariants(s: GmemState): Violation[] {
  const prev = last;
  let answers: readonly Answer[];
  if (prev !== undefined && prev.s === s) answers = prev.answers;
  else {
    // Plain loops: no closure per call (under tsx each named one costs a defineProperty).
    const spans: (Span | undefined | null)[] = [];
    for (let i = 0; i < PARTS.length; i++) spans.push(null);
    const changed = prev === undefined ? 0 : partsChanged(prev.s, s);
    const next: Answer[] = [];
    for (let i = 0; i < CHECKS.length; i++) {
      const c = CHECKS[i] as Check;
      const before = prev?.answers[i];
      if (before !== undefined && ((READS_MASK[i] as number) & changed) === 0) next.push(before);
      else
        next.push(
          prev === undefined
            ? answer(c, s, ALL, undefined)
            : answer(c, s, spanFor(i, prev.s, s, changed, spans), before),
        );
    }
    answers = next;
  }
  last = { s, answers };
  const out: Violation[] = [];
  for (const a of answers) for (const x of a.out) out.push(x);
  return out;
}

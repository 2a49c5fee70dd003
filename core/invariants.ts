import type { GmemState } from './types.ts';
import { PAGE, hex, rangeName, sizeName } from './units.ts';
import { isHugetlb } from './state/folios.ts';
import { poolUsage } from './state/folioOps.ts';
import { covers, runAt, slice } from './state/rangeMap.ts';

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

type Check = (s: GmemState) => Violation[];
const v = (rule: number, message: string, offset?: number): Violation => ({
  rule,
  name: INVARIANTS[rule - 1]?.name ?? '',
  message,
  ...(offset === undefined ? {} : { offset }),
});

const privateRuns = (s: GmemState) => s.attrs.filter((r) => r.value === 'private');

const hostOnPrivate: Check = (s) => {
  const out: Violation[] = [];
  for (const p of privateRuns(s)) {
    for (const r of slice(s.ptes, p.start, p.end))
      out.push(v(1, `the VMM maps private ${rangeName(r.start, r.end)}`, r.start));
    for (const r of s.refs)
      if (r.kind === 'pin' && r.orphan === null && r.start < p.end && r.end > p.start)
        out.push(
          v(
            1,
            `${r.holder} pins private memory at ${hex(Math.max(r.start, p.start))}`,
            Math.max(r.start, p.start),
          ),
        );
  }
  return out;
};

const stage2Kind: Check = (s) =>
  s.stage2.flatMap((e) =>
    covers(s.attrs, e.start, e.end, (a) => a === e.value.kind)
      ? []
      : [
          v(
            2,
            `a ${e.value.kind} stage-2 entry maps ${rangeName(e.start, e.end)}, which is not all ${e.value.kind}`,
            e.start,
          ),
        ],
  );

const stage2Shape: Check = (s) => {
  const out: Violation[] = [];
  for (const e of s.stage2) {
    for (const f of slice(s.folios, e.start, e.end)) {
      if (f.value < e.value.level)
        out.push(
          v(
            3,
            `a ${sizeName(e.value.level)} stage-2 entry at ${hex(f.start)} is larger than its ${sizeName(f.value)} folio`,
            f.start,
          ),
        );
    }
    for (let x = e.start; x < e.end && e.value.level > PAGE; x += e.value.level) {
      const kinds = new Set(slice(s.attrs, x, x + e.value.level).map((r) => r.value));
      if (kinds.size > 1) out.push(v(3, `the stage-2 entry at ${hex(x)} covers mixed attributes`, x));
    }
  }
  return out;
};

const folioShape: Check = (s) => {
  const out: Violation[] = [];
  for (const f of s.folios) {
    if (f.start % f.value !== 0 || f.end % f.value !== 0)
      out.push(v(4, `folios of ${sizeName(f.value)} at ${hex(f.start)} are not naturally aligned`, f.start));
    if (f.value > s.config.pageSize)
      out.push(v(4, `a ${sizeName(f.value)} folio is larger than the file's page size`, f.start));
    if (f.value > PAGE) {
      const shared = slice(s.attrs, f.start, f.end).find((r) => r.value === 'shared');
      if (shared !== undefined)
        out.push(v(4, `a ${sizeName(f.value)} folio covers shared ${hex(shared.start)}`, shared.start));
    }
  }
  if (s.folios.some((f, i) => i > 0 && f.start < (s.folios[i - 1]?.end ?? 0)))
    out.push(v(4, 'folios overlap'));
  return out;
};

const attrsCover: Check = (s) => {
  const ok =
    covers(s.attrs, 0, s.config.size) && s.attrs.every((r) => r.start >= 0 && r.end <= s.config.size);
  return ok ? [] : [v(5, 'the attributes do not cover the file exactly once')];
};

const holes: Check = (s) => {
  const out: Violation[] = [];
  for (const e of s.stage2)
    if (!covers(s.folios, e.start, e.end))
      out.push(v(6, `a stage-2 entry maps a hole in ${rangeName(e.start, e.end)}`, e.start));
  for (const p of s.ptes)
    if (!covers(s.folios, p.start, p.end))
      out.push(v(6, `a PTE maps a hole in ${rangeName(p.start, p.end)}`, p.start));
  for (const r of s.refs) {
    if (r.orphan === null && !covers(s.folios, r.start, r.end))
      out.push(v(6, `${r.holder} holds a reference on a hole at ${hex(r.start)}`, r.start));
    if (r.orphan !== null && !s.orphans.some((o) => o.id === r.orphan))
      out.push(v(6, `${r.holder} holds a reference on freed memory`, r.start));
  }
  return out;
};

const accounted: Check = (s) => {
  const out: Violation[] = [];
  for (const r of s.refs)
    if (r.holder.length === 0) out.push(v(7, `a reference at ${hex(r.start)} has no holder`, r.start));
  // mapcount is derived from the PTEs, so it can only disagree if a PTE outlives its VMA.
  for (const p of s.ptes)
    if (!covers(s.vmas, p.start, p.end)) out.push(v(7, `PTEs at ${hex(p.start)} outlive their VMA`, p.start));
  return out;
};

const pool: Check = (s) => {
  if (!isHugetlb(s.config)) return [];
  const { reserved, inUse } = poolUsage(s);
  return inUse <= reserved ? [] : [v(8, `${inUse} huge pages in use but only ${reserved} reserved`)];
};

const closedPoisoned: Check = (s) => {
  const out: Violation[] = [];
  // The file is released at its last reference (close, or the munmap of the last VMA).
  if (!s.open && s.vmas.length === 0 && s.stage2.length > 0)
    out.push(v(9, 'stage-2 entries remain after the file was released', s.stage2[0]?.start));
  for (const p of s.poisoned) {
    const e = runAt(s.stage2, p.start) ?? slice(s.stage2, p.start, p.end)[0];
    if (e !== undefined) out.push(v(9, `poisoned ${hex(p.start)} is mapped in stage-2`, p.start));
  }
  return out;
};

const CHECKS: readonly Check[] = [
  hostOnPrivate,
  stage2Kind,
  stage2Shape,
  folioShape,
  attrsCover,
  holes,
  accounted,
  pool,
  closedPoisoned,
];

/**
 * Every invariant of the spec checked on a state; each violation names its rule. Under the
 * default policy the list is always empty; the unsafe* knobs make violations visible.
 * @example checkInvariants(state) // []
 */
export function checkInvariants(s: GmemState): Violation[] {
  return CHECKS.flatMap((c) => c(s));
}

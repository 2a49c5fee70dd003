/**
 * The invariants checked by whole sweeps over the state, every time, remembering nothing: the
 * reference the tests hold the incremental checkInvariants (core/invariants.ts) to.
 */
import type { GmemState, RefRecord } from '../types.ts';
import { PAGE, hex, rangeName, sizeName } from '../units.ts';
import { INVARIANTS, poolViolations, type Violation } from '../invariants.ts';
import { covers, isEmpty, toRuns, type Run } from '../state/rangeMap.ts';
import { fileReleased } from '../state/evict.ts';
import { allRefs } from '../state/refIndex.ts';
import { Sweep } from '../state/sweep.ts';

type Check = (s: GmemState) => Violation[];
const v = (rule: number, message: string, offset?: number): Violation => ({
  rule,
  name: INVARIANTS[rule - 1]?.name ?? '',
  message,
  ...(offset === undefined ? {} : { offset }),
});

const clip = <V>(r: Run<V>, start: number, end: number): Run<V> => ({
  start: Math.max(r.start, start),
  end: Math.min(r.end, end),
  value: r.value,
});

const hostOnPrivate: Check = (s) => {
  const out: Violation[] = [];
  const ptes = new Sweep(toRuns(s.ptes));
  const pins = allRefs(s.refs).filter((r) => r.kind === 'pin' && r.orphan === null);
  // Pins are sorted by start and may overlap each other: each private run scans them from
  // the first one that can still reach it.
  let first = 0;
  for (const p of toRuns(s.attrs)) {
    if (p.value !== 'private') continue;
    for (const r of ptes.over(p.start, p.end)) {
      const c = clip(r, p.start, p.end);
      out.push(v(1, `the VMM maps private ${rangeName(c.start, c.end)}`, c.start));
    }
    // A pin ending before this run cannot reach any later run either.
    while (first < pins.length && (pins[first] as RefRecord).end <= p.start) first++;
    for (let k = first; k < pins.length && (pins[k] as RefRecord).start < p.end; k++) {
      const r = pins[k] as RefRecord;
      if (r.end > p.start)
        out.push(
          v(
            1,
            `${r.holder} pins private memory at ${hex(Math.max(r.start, p.start))}`,
            Math.max(r.start, p.start),
          ),
        );
    }
  }
  return out;
};

const stage2Kind: Check = (s) => {
  const out: Violation[] = [];
  const attrs = new Sweep(toRuns(s.attrs));
  for (const e of toRuns(s.stage2))
    if (!attrs.covers(e.start, e.end, (a) => a === e.value.kind))
      out.push(
        v(
          2,
          `a ${e.value.kind} stage-2 entry maps ${rangeName(e.start, e.end)}, which is not all ${e.value.kind}`,
          e.start,
        ),
      );
  return out;
};

const stage2Shape: Check = (s) => {
  const out: Violation[] = [];
  const folios = new Sweep(toRuns(s.folios));
  const attrs = new Sweep(toRuns(s.attrs));
  for (const e of toRuns(s.stage2)) {
    for (const f of folios.over(e.start, e.end)) {
      if (f.value < e.value.level) {
        const at = Math.max(f.start, e.start);
        out.push(
          v(
            3,
            `a ${sizeName(e.value.level)} stage-2 entry at ${hex(at)} is larger than its ${sizeName(f.value)} folio`,
            at,
          ),
        );
      }
    }
    for (let x = e.start; x < e.end && e.value.level > PAGE; x += e.value.level) {
      const kinds = attrs.over(x, x + e.value.level);
      if (kinds.some((r) => r.value !== kinds[0]?.value))
        out.push(v(3, `the stage-2 entry at ${hex(x)} covers mixed attributes`, x));
    }
  }
  return out;
};

const folioShape: Check = (s) => {
  const out: Violation[] = [];
  const folios = toRuns(s.folios);
  const attrs = new Sweep(toRuns(s.attrs));
  for (const f of folios) {
    if (f.start % f.value !== 0 || f.end % f.value !== 0)
      out.push(v(4, `folios of ${sizeName(f.value)} at ${hex(f.start)} are not naturally aligned`, f.start));
    if (f.value > s.config.pageSize)
      out.push(v(4, `a ${sizeName(f.value)} folio is larger than the file's page size`, f.start));
    if (f.value > PAGE) {
      const shared = attrs.over(f.start, f.end).find((r) => r.value === 'shared');
      if (shared !== undefined) {
        const at = Math.max(shared.start, f.start);
        out.push(v(4, `a ${sizeName(f.value)} folio covers shared ${hex(at)}`, at));
      }
    }
  }
  if (folios.some((f, i) => i > 0 && f.start < (folios[i - 1]?.end ?? 0))) out.push(v(4, 'folios overlap'));
  return out;
};

const attrsCover: Check = (s) => {
  const attrs = toRuns(s.attrs);
  const ok = covers(s.attrs, 0, s.config.size) && attrs.every((r) => r.start >= 0 && r.end <= s.config.size);
  return ok ? [] : [v(5, 'the attributes do not cover the file exactly once')];
};

const holes: Check = (s) => {
  const out: Violation[] = [];
  const folios = new Sweep(toRuns(s.folios));
  for (const e of toRuns(s.stage2))
    if (!folios.covers(e.start, e.end))
      out.push(v(6, `a stage-2 entry maps a hole in ${rangeName(e.start, e.end)}`, e.start));
  const again = new Sweep(toRuns(s.folios));
  for (const p of toRuns(s.ptes))
    if (!again.covers(p.start, p.end))
      out.push(v(6, `a PTE maps a hole in ${rangeName(p.start, p.end)}`, p.start));
  const orphans = new Set(s.orphans.map((o) => o.id));
  for (const r of allRefs(s.refs)) {
    if (r.orphan === null && !covers(s.folios, r.start, r.end))
      out.push(v(6, `${r.holder} holds a reference on a hole at ${hex(r.start)}`, r.start));
    if (r.orphan !== null && !orphans.has(r.orphan))
      out.push(v(6, `${r.holder} holds a reference on freed memory`, r.start));
  }
  return out;
};

const accounted: Check = (s) => {
  const out: Violation[] = [];
  for (const r of allRefs(s.refs))
    if (r.holder.length === 0) out.push(v(7, `a reference at ${hex(r.start)} has no holder`, r.start));
  // mapcount is derived from the PTEs, so it can only disagree if a PTE outlives its VMA.
  const vmas = new Sweep(toRuns(s.vmas));
  for (const p of toRuns(s.ptes))
    if (!vmas.covers(p.start, p.end)) out.push(v(7, `PTEs at ${hex(p.start)} outlive their VMA`, p.start));
  return out;
};

const pool: Check = poolViolations;

const closedPoisoned: Check = (s) => {
  const out: Violation[] = [];
  // The file is released at its last reference (close, or the munmap of the last VMA).
  if (fileReleased(s) && !isEmpty(s.stage2))
    out.push(v(9, 'stage-2 entries remain after the file was released', toRuns(s.stage2)[0]?.start));
  const stage2 = new Sweep(toRuns(s.stage2));
  for (const p of toRuns(s.poisoned))
    if (stage2.any(p.start, p.end)) out.push(v(9, `poisoned ${hex(p.start)} is mapped in stage-2`, p.start));
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

/** Every invariant checked over the whole state. */
export const checkInvariantsWhole = (s: GmemState): Violation[] => CHECKS.flatMap((check) => check(s));

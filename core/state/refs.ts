import type { GmemState, Orphan, RefRecord } from '../types.ts';
import { hex } from '../units.ts';
import { widenToFolios } from './folios.ts';
import { toRuns } from './rangeMap.ts';
import { insertRef, refsOverlapping } from './refIndex.ts';
import { copyState, emit, type Tx, touch } from './tx.ts';

/** References on file folios (not orphans) overlapping [start, end). */
export const fileRefsIn = (s: GmemState, start: number, end: number): RefRecord[] =>
  refsOverlapping(s, start, end).filter((r) => r.orphan === null);

/**
 * The first folio overlapping [start, end) that holds references beyond the page cache's own
 * (pins, transient, architecture). Host PTEs are not counted: every caller unmaps them first.
 * This is the "safe refcount" test, kvm_gmem_is_safe_for_conversion.
 */
export function firstUnsafeFolio(
  s: GmemState,
  start: number,
  end: number,
): { offset: number; refs: RefRecord[] } | undefined {
  let first = Infinity;
  // Every folio the range touches is checked whole: a huge folio partly inside the range is
  // unsafe whatever page of it is referenced ("every folio in range", kernel-notes a.9).
  const [a, b] = widenToFolios(s, start, end);
  // A pin run may span many folios: the first page it holds inside the range decides.
  for (const r of fileRefsIn(s, a, b)) first = Math.min(first, Math.max(r.start, a));
  if (first === Infinity) return undefined;
  const [fs, fe] = widenToFolios(s, first, first + 1);
  return { offset: fs, refs: fileRefsIn(s, fs, fe) };
}

/** References of one kind by one holder, as describeRefs counts them. */
interface Group {
  readonly what: string;
  readonly holder: string;
  n: number;
}

/** "1 long-term pin (vfio), 2 transient references (gup-fast)" for a person to read. */
export function describeRefs(refs: readonly RefRecord[]): string {
  // Groups in order of first appearance, found by holder, then by what among its few: a key
  // made of both, a new string per reference, was most of a refusal's cost.
  const groups: Group[] = [];
  const byHolder = new Map<string, Group[]>();
  for (const r of refs) {
    const what =
      r.kind === 'pin'
        ? r.longterm
          ? 'long-term pin'
          : 'pin'
        : r.kind === 'transient'
          ? 'transient reference'
          : 'TDX reference';
    let mine = byHolder.get(r.holder);
    if (mine === undefined) byHolder.set(r.holder, (mine = []));
    const g = mine.find((x) => x.what === what);
    if (g !== undefined) g.n++;
    else {
      const fresh = { what, holder: r.holder, n: 1 };
      mine.push(fresh);
      groups.push(fresh);
    }
  }
  let out = '';
  for (const { what, holder, n } of groups) {
    // A holder is shown up to a NUL (the parser allows none).
    const cut = holder.indexOf('\u0000');
    out += `${out === '' ? '' : ', '}${n} ${what}${n === 1 ? '' : 's'} (${cut < 0 ? holder : holder.slice(0, cut)})`;
  }
  return out;
}

export const unsafeReason = (offset: number, refs: readonly RefRecord[], why: string): string =>
  `folio at ${hex(offset)} has ${describeRefs(refs)}; ${why}`;

/** Adds a reference record; returns its id. */
export function addRef(tx: Tx, r: Omit<RefRecord, 'id'>): number {
  const id = tx.s.nextId;
  const next = copyState(tx.s);
  // Object.assign, not `{ ...r, id }`: under Node 20's V8 an object spread and then given a
  // field its source lacked is ~80x slower to read (40,000 records: 7.9 against 0.1 ms a
  // pass), and every query over the references reads their records.
  next.refs = insertRef(tx.s.refs, Object.assign({}, r, { id }));
  next.nextId = id + 1;
  tx.s = next;
  touch(tx, r.start, r.end);
  return id;
}

/**
 * Frees the orphans that the references `released` held and that no reference reaches any
 * more (the last folio_put). On HugeTLB the block's page goes back to the subpool, merging
 * split pieces first via the folio_put callback (guestmem_hugetlb_handle_folio_put). Only
 * those orphans can have lost their last reference: asking every orphan after every put made
 * a release cost (orphans x references), 4x a 64 MiB step once ~30 orphans lived.
 */
export function freeDeadOrphans(tx: Tx, released: readonly RefRecord[]): void {
  if (tx.s.orphans.length === 0 || !released.some((r) => r.orphan !== null)) return;
  const from = new Set(released.map((r) => r.orphan));
  // An orphan's references lie in the range it came from: look there only.
  const held = (o: Orphan): boolean => refsOverlapping(tx.s, o.start, o.end).some((r) => r.orphan === o.id);
  const dead = tx.s.orphans.filter((o) => from.has(o.id) && !held(o));
  if (dead.length === 0) return;
  for (const o of dead) {
    const split = toRuns(o.folios).some((f) => f.value < tx.s.config.pageSize);
    if (o.hugetlbBlock && split)
      emit(tx, {
        type: 'folio_merge',
        fn: 'guestmem_hugetlb_handle_folio_put',
        offset: o.start,
        length: o.end - o.start,
        detail: 'last reference dropped: pieces merge back',
      });
    emit(tx, {
      type: 'folio_free',
      fn: o.hugetlbBlock ? 'free_huge_folio' : 'folio_put',
      offset: o.start,
      length: o.end - o.start,
      detail: o.hugetlbBlock ? 'orphaned block returns to the subpool' : 'orphaned folio freed',
    });
  }
  tx.s = { ...tx.s, orphans: tx.s.orphans.filter((o) => !dead.includes(o)) };
}

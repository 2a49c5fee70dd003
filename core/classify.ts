import type { GmemState } from './types.ts';
import { PAGE, alignDown } from './units.ts';
import { folioAt, isHugetlb, widenToFolios } from './state/folios.ts';
import { refsOverlapping } from './state/refIndex.ts';
import {
  canonicalRuns,
  firstEndingAfter,
  nextRun,
  slice,
  valueAt,
  type RangeMap,
  type Run,
  type Runs,
} from './state/rangeMap.ts';
import type { BlockStateId, PageStateId } from './diagram.ts';

/**
 * Pages whose folio holds extra references: 'ref' (transient only), 'pin' (a GUP pin; it wins
 * over transient ones) or 'arch' (TDX; it wins over both: a page TDX leaked stays leaked
 * whatever else holds it). A transient reference is not a pin (semantics.md, Objects): a page
 * held only transiently is "referenced". One sweep over the folio-widened references, so many
 * references cost n log n, not n^2.
 */
function heldFolios(s: GmemState, start: number, end: number): Runs<Held> {
  const marks: [number, number, number, number][] = []; // [offset, +/-transient, +/-pin, +/-arch]
  // A reference anywhere in a folio holds every page of it: look across whole folios.
  const [wa, wb] = widenToFolios(s, start, end);
  for (const r of refsOverlapping(s, wa, wb)) {
    if (r.orphan !== null) continue;
    const a = folioAt(s, r.start);
    const b = folioAt(s, r.end - 1);
    const fa = a?.start ?? r.start;
    const fb = b === undefined ? r.end : b.start + b.size;
    const t = r.kind === 'transient' ? 1 : 0;
    const p = r.kind === 'pin' ? 1 : 0;
    const x = r.kind === 'arch' ? 1 : 0;
    marks.push([fa, t, p, x], [fb, -t, -p, -x]);
  }
  if (marks.length === 0) return [];
  marks.sort((x, y) => x[0] - y[0]);
  const runs: { start: number; end: number; value: Held }[] = [];
  let transients = 0;
  let pins = 0;
  let archs = 0;
  for (let i = 0; i < marks.length; i++) {
    const [x, dt, dp, da] = marks[i] as [number, number, number, number];
    transients += dt;
    pins += dp;
    archs += da;
    const next = marks[i + 1]?.[0];
    if (next === undefined || next === x) continue;
    if (archs > 0) runs.push({ start: x, end: next, value: 'arch' });
    else if (pins > 0) runs.push({ start: x, end: next, value: 'pin' });
    else if (transients > 0) runs.push({ start: x, end: next, value: 'ref' });
  }
  return canonicalRuns(runs);
}

type Held = 'ref' | 'pin' | 'arch';

interface Point {
  attr: string | undefined;
  folio: boolean;
  s2: boolean;
  pte: boolean;
  held: Held | undefined;
  poisoned: boolean;
}

const at = <V>(m: Runs<V>, x: number): V | undefined => {
  const r = m[firstEndingAfter(m, x)];
  return r !== undefined && r.start <= x ? r.value : undefined;
};

function pageState(p: Point): PageStateId {
  if (p.poisoned && p.folio) return 'poisoned';
  if (p.held === 'arch') return 'leaked';
  if (p.attr === 'private') {
    if (!p.folio) return 'private-hole';
    if (p.held === 'ref' || p.held === 'pin') return 'private-referenced';
    return p.s2 ? 'private-mapped' : 'private';
  }
  if (!p.folio) return 'shared-hole';
  if (p.held === 'pin') return 'shared-pinned';
  if (p.held === 'ref') return 'shared-referenced';
  return p.s2 || p.pte ? 'shared-mapped' : 'shared';
}

/**
 * The state-diagram state of every page of [start, end), as maximal runs. The classification
 * is what the diagram draws and what each step's transition events are computed from.
 * @example classifyPages(s, 0, 4096) // [{ start: 0, end: 4096, value: 'private-hole' }]
 */
export function classifyPages(s: GmemState, start: number, end: number): Runs<PageStateId> {
  const held = heldFolios(s, start, end);
  const cuts = new Set<number>([start, end]);
  const add = (rs: readonly Run<unknown>[]): void => {
    for (const r of rs) cuts.add(Math.max(r.start, start)).add(Math.min(r.end, end));
  };
  for (const m of [s.attrs, s.folios, s.stage2, s.ptes, s.poisoned] as const)
    add(slice(m as RangeMap<unknown>, start, end));
  add(held.filter((r) => r.end > start && r.start < end));
  const points = [...cuts].toSorted((a, b) => a - b);
  const runs: { start: number; end: number; value: PageStateId }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const p: Point = {
      attr: valueAt(s.attrs, a),
      folio: valueAt(s.folios, a) !== undefined,
      s2: valueAt(s.stage2, a) !== undefined,
      pte: valueAt(s.ptes, a) !== undefined,
      held: at(held, a),
      poisoned: valueAt(s.poisoned, a) !== undefined,
    };
    runs.push({ start: a, end: b, value: pageState(p) });
  }
  return canonicalRuns(runs);
}

/** The page state of one page. */
export const pageStateAt = (s: GmemState, offset: number): PageStateId =>
  classifyPages(s, alignDown(offset, PAGE), alignDown(offset, PAGE) + PAGE)[0]?.value ?? 'private-hole';

/** The block (HugeTLB page) state of each block in [start, end); empty on a 4K file. */
export function classifyBlocks(s: GmemState, start: number, end: number): Runs<BlockStateId> {
  if (!isHugetlb(s.config)) return [];
  const P = s.config.pageSize;
  const runs: { start: number; end: number; value: BlockStateId }[] = [];
  for (let b = alignDown(start, P); b < end;) {
    const r = slice(s.folios, b, b + P);
    let value: BlockStateId = 'absent';
    if (r.length > 0) value = r.length === 1 && r[0]?.value === P ? 'huge' : 'split';
    // Runs of absent or huge blocks are skipped in one stride: a 1 TiB file costs little.
    let next = b + P;
    if (value !== 'split') {
      const run = nextRun(s.folios, b);
      const stop =
        value === 'huge' ? (run?.end ?? end) : run !== undefined && run.start >= b ? run.start : end;
      next = Math.max(next, Math.min(end, stop - (stop % P)));
    }
    runs.push({ start: b, end: next, value });
    b = next;
  }
  return canonicalRuns(runs);
}

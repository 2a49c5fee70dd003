import type { GmemState, Orphan, RefRecord } from '../../../core/index.ts';
import { allRefs, refsOverlapping, toRuns } from '../../../core/index.ts';
import { recentMemo } from '../../store/recentMemo.ts';

export interface Placed<T> {
  readonly item: T;
  readonly lane: number;
}

/** Packs ranges greedily into lanes so overlapping ones sit one above the other. */
export function packLanes<T extends { start: number; end: number; id: number }>(
  items: readonly T[],
): { placed: Placed<T>[]; lanes: number } {
  const ends: number[] = [];
  const placed: Placed<T>[] = [];
  for (const item of items.toSorted((a, b) => a.start - b.start || a.id - b.id)) {
    let lane = ends.findIndex((e) => e <= item.start);
    if (lane === -1) lane = ends.push(item.end) - 1;
    else ends[lane] = item.end;
    placed.push({ item, lane });
  }
  return { placed, lanes: ends.length };
}

/** The references that point into the file (orphans are out of it), one lane each where they overlap. */
export const refLanes: (s: GmemState) => { placed: Placed<RefRecord>[]; lanes: number } = recentMemo((s) =>
  packLanes(allRefs(s.refs).filter((r) => r.orphan === null)),
);

/** The references of `s` lane by lane, each lane in order (what a frame draws lane by lane). */
export const refsByLane: (s: GmemState) => ReadonlyMap<number, readonly RefRecord[]> = recentMemo((s) => {
  const lanes = new Map<number, RefRecord[]>();
  for (const { item, lane } of refLanes(s).placed) {
    const l = lanes.get(lane);
    if (l === undefined) lanes.set(lane, [item]);
    else l.push(item);
  }
  return lanes;
});

/** The ids of a state's references and of its orphans: which ones a step keeps, adds or drops. */
export const idsOf: (s: GmemState) => { refs: ReadonlySet<number>; orphans: ReadonlySet<number> } =
  recentMemo((s) => ({
    refs: new Set(allRefs(s.refs).map((r) => r.id)),
    orphans: new Set(s.orphans.map((o) => o.id)),
  }));

/** Orphans (memory truncated while referenced) at the offsets they had in the file. */
export const orphanLanes: (s: GmemState) => { placed: Placed<Orphan>[]; lanes: number } = recentMemo((s) =>
  packLanes(s.orphans),
);

export interface Holding {
  readonly holder: string;
  readonly kind: RefRecord['kind'];
  readonly longterm: boolean;
  readonly count: number;
}

/** Who holds memory in [start, end): one entry per holder and kind, with how many records. */
export function holdersIn(
  refs: readonly RefRecord[],
  start: number,
  end: number,
  orphan: number | null = null,
): Holding[] {
  const out = new Map<string, Holding>();
  for (const r of refs) {
    if (r.orphan !== orphan || r.end <= start || r.start >= end) continue;
    const key = `${r.holder}\u0000${r.kind}`;
    const h = out.get(key);
    out.set(
      key,
      h === undefined
        ? { holder: r.holder, kind: r.kind, longterm: r.longterm, count: 1 }
        : { ...h, count: h.count + 1 },
    );
  }
  return [...out.values()];
}

const KIND_WORD: Record<RefRecord['kind'], string> = { pin: 'pin', transient: 'ref', arch: 'arch ref' };

/** "vfio pin ×2, kvm ref" */
export const holdingText = (hs: readonly Holding[]): string =>
  hs.map((h) => `${h.holder} ${KIND_WORD[h.kind]}${h.count > 1 ? ` ×${h.count}` : ''}`).join(', ');

export interface OrphanPiece {
  readonly start: number;
  readonly end: number;
  readonly size: number;
  readonly count: number;
  /** "vfio pin, kvm ref", or '' when nobody holds it (it is about to be freed). */
  readonly holders: string;
}

/** Each state's orphan pieces, as asked for (a frame draws them at every frame of a step). */
const piecesOf = recentMemo<GmemState, Map<Orphan, OrphanPiece[]>>(() => new Map());

/**
 * The folios an orphan still holds (pieces of a split block included), with their holders:
 * the references over each piece, found in the index (not among all references of the state).
 */
export function orphanPieces(s: GmemState, o: Orphan): OrphanPiece[] {
  const known = piecesOf(s);
  let pieces = known.get(o);
  if (pieces === undefined) {
    pieces = toRuns(o.folios).map((r) => ({
      start: r.start,
      end: r.end,
      size: r.value,
      count: (r.end - r.start) / r.value,
      holders: holdingText(holdersIn(refsOverlapping(s, r.start, r.end), r.start, r.end, o.id)),
    }));
    known.set(o, pieces);
  }
  return pieces;
}

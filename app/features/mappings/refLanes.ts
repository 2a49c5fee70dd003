import type { GmemState, RefRecord } from '../../../core/index.ts';

export interface PlacedRef {
  readonly ref: RefRecord;
  readonly lane: number;
}

const cache = new WeakMap<GmemState, { placed: PlacedRef[]; lanes: number }>();

/**
 * The references that point into the file (orphans are out of it), packed greedily into
 * lanes so overlapping holders sit one above the other.
 */
export function refLanes(s: GmemState): { placed: PlacedRef[]; lanes: number } {
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const ends: number[] = [];
  const placed: PlacedRef[] = [];
  const refs = s.refs.filter((r) => r.orphan === null).toSorted((a, b) => a.start - b.start || a.id - b.id);
  for (const ref of refs) {
    let lane = ends.findIndex((e) => e <= ref.start);
    if (lane === -1) lane = ends.push(ref.end) - 1;
    else ends[lane] = ref.end;
    placed.push({ ref, lane });
  }
  const out = { placed, lanes: ends.length };
  cache.set(s, out);
  return out;
}

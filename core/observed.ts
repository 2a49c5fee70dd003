import {
  concatRuns,
  WIDE,
  differing,
  unsharedChunks,
  type RangeMap,
  type Run,
  type Runs,
} from './state/rangeMap.ts';

/**
 * A list of observed items kept in chunks, one chunk of items per chunk of the range map it
 * is read from: a step that rewrites one chunk of a map makes one chunk of items and a copy of
 * the short list of chunks, not a copy of every item (a list of 10,000 runs copied at every
 * step was half of observe's cost, and what made it grow with the state). The flat array the
 * Observation shows is joined on first read and kept: a reader pays for the lists it reads.
 */
export class Listed<T> {
  private flat: T[] | undefined;
  constructor(readonly chunks: readonly (readonly T[])[]) {}

  /** Every item in order, one array (joined once, then shared by every reader). */
  get items(): T[] {
    this.flat ??= this.chunks.length === 1 ? (this.chunks[0] as T[]) : concatRuns(this.chunks);
    return this.flat;
  }
}

/** How many maps of each kind keep their observed lists (Observed). */
const RECENT = 4;

/** chunks[i, j) as one array: the chunk itself when there is one (no copy). */
const joined = <T>(chunks: readonly (readonly T[])[], i: number, j: number): readonly T[] =>
  j - i === 1 ? (chunks[i] as readonly T[]) : concatRuns(chunks.slice(i, j));

/**
 * The observed lists of one kind of range map. The last maps' are remembered (a step leaves
 * most maps as they were: the same object; going back a few steps finds its list again), and
 * a new map's is derived from the last map's: the chunks both maps share keep their chunks of
 * items; the others are observed again, except, where one chunk was rewritten into one, the
 * runs it kept (the same objects), whose items are kept too. A map further back is derived
 * the same way. The few remembered are a ring, not a WeakMap per map: an ephemeron per new map
 * and step cost more than the lookups it saved (the app memoises each state's observation).
 */
export class Observed<V, T> {
  private readonly recent: { map: RangeMap<V>; list: Listed<T> }[] = [];
  private next = 0;
  /** The last map asked and its list (two fields: no object per call). */
  private lastMap: RangeMap<V> | undefined;
  private lastList: Listed<T> = new Listed([]);
  constructor(readonly f: (r: Run<V>) => T) {}

  /** The list of a map observed from scratch, remembering nothing (one chunk of items per chunk of runs). */
  whole(m: RangeMap<V>): Listed<T> {
    return new Listed(m.chunks.map((c) => c.map(this.f)));
  }

  of(m: RangeMap<V>): Listed<T> {
    // Most steps leave most maps as they were: the last map, asked again.
    const lastMap = this.lastMap;
    if (lastMap === m) return this.lastList;
    let out = this.remembered(m);
    if (out === undefined) {
      out = lastMap === undefined ? this.whole(m) : this.from(lastMap, this.lastList, m);
      this.remember(m, out);
    }
    this.lastMap = m;
    this.lastList = out;
    return out;
  }

  private remembered(m: RangeMap<V>): Listed<T> | undefined {
    for (const e of this.recent) if (e.map === m) return e.list;
    return undefined;
  }

  private remember(map: RangeMap<V>, list: Listed<T>): void {
    if (this.recent.length < RECENT) this.recent.push({ map, list });
    else this.recent[this.next] = { map, list };
    this.next = (this.next + 1) % RECENT;
  }

  private from(before: RangeMap<V>, old: Listed<T>, m: RangeMap<V>): Listed<T> {
    const [i, ja, jb] = unsharedChunks(before, m);
    if (i === ja && i === jb) return old;
    const mid: T[][] = [];
    if (ja - i > WIDE || jb - i > WIDE)
      for (let k = i; k < jb; k++) mid.push((m.chunks[k] as Runs<V>).map(this.f));
    else {
      // The chunks a write rebuilt (most often one into one), joined, then cut as m's are.
      const all = this.rewritten(
        joined(before.chunks, i, ja),
        joined(old.chunks, i, ja),
        joined(m.chunks, i, jb),
      );
      if (jb - i === 1) mid.push(all);
      else
        for (let k = i, at = 0; k < jb; k++) mid.push(all.slice(at, (at += (m.chunks[k] as Runs<V>).length)));
    }
    return new Listed(old.chunks.toSpliced(i, ja - i, ...mid));
  }

  /** The items of chunk `now`, a rewrite of chunk `was` (whose items are `items`): kept runs keep theirs. */
  private rewritten(was: Runs<V>, items: readonly T[], now: Runs<V>): T[] {
    const [p, qa, qb] = differing(was, now);
    const fresh: T[] = [];
    for (let k = p; k < qb; k++) fresh.push(this.f(now[k] as Run<V>));
    // One copy at its final length (toSpliced), not one grown a push at a time.
    return items.toSpliced(p, qa - p, ...fresh);
  }
}

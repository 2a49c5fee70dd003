import { concatRuns, differing, WIDE, type RangeMap, type Run, type Runs } from './state/rangeMap.ts';

/** What makes the items of a map's chunks of runs (a method: a source of any kind of runs will do). */
interface ItemSource<T> {
  itemsOf(chunks: readonly Runs<unknown>[]): T[];
}

/**
 * A list of observed items, one item per run of a range map, made when first read, then kept
 * (every reader gets the same array). A step observed and not read (the runner's steps before
 * the last, a replay towards a step, the bench's) makes no item: a list of 10,000 runs copied at
 * every step was half of observe's cost and made it grow with the state, and keeping a list
 * of chunks of items per step, read or not, was most of what was left. The map itself may be
 * derived when the list is read (`later`: the file's folio runs).
 */
export class Listed<T> {
  private flat: T[] | undefined;
  constructor(
    private readonly map: RangeMap<unknown> | (() => RangeMap<unknown>),
    private readonly source: ItemSource<T>,
  ) {}

  /** Every item in order, one array (made once, then shared by every reader). */
  get items(): T[] {
    if (this.flat === undefined) {
      const m = typeof this.map === 'function' ? this.map() : this.map;
      this.flat = this.source.itemsOf(m.chunks);
    }
    return this.flat;
  }
}

/** chunks[i, j) as one array: the chunk itself when there is one (no copy). */
const joined = <T>(chunks: readonly (readonly T[])[], i: number, j: number): readonly T[] =>
  j - i === 1 ? (chunks[i] as readonly T[]) : concatRuns(chunks.slice(i, j));

/** The items of every chunk joined (the only chunk's own when there is one). */
const flatten = <T>(parts: readonly (readonly T[])[]): T[] =>
  parts.length === 1 ? (parts[0] as T[]) : concatRuns(parts);

/** How many maps of each kind keep their observed lists (Observed). */
const RECENT = 4;

/** The chunks of the last list read of a kind, their items chunk by chunk, and all of them. */
interface Read<V, T> {
  readonly chunks: readonly Runs<V>[];
  readonly parts: readonly (readonly T[])[];
  readonly flat: T[];
}

/**
 * The observed lists of one kind of range map. A list read is made from the last one read:
 * the chunks both maps share (by identity; a step rewrites one or two) keep their items, and
 * the chunks a write rebuilt keep the items of the runs it kept; the items of any other chunk
 * (a list read far from the last one: a seek) are made again. Keeping each chunk's items in a
 * WeakMap for such reads made seeks in the app slower (an ephemeron per chunk read, and a
 * larger heap): two builds' 300 seeks, p95 +2 to +5 ms. The last maps' lists are
 * remembered, so that a map asked again (a step leaves most maps as they were; going back a
 * few steps) answers the very same list.
 */
export class Observed<V, T> {
  private readonly recent: { map: RangeMap<V>; list: Listed<T> }[] = [];
  private next = 0;
  /** The last map asked and its list (two fields: no object per call). */
  private lastMap: RangeMap<V> | undefined;
  private lastList: Listed<T> | undefined;
  private lastRead: Read<V, T> | undefined;
  /** Makes the items of chunks without keeping any (observeWhole's lists). */
  private readonly fresh: ItemSource<T>;
  constructor(readonly f: (r: Run<V>) => T) {
    this.fresh = { itemsOf: (chunks: readonly Runs<V>[]) => flatten(chunks.map((c) => c.map(f))) };
  }

  /** The list of a map observed from scratch, remembering nothing. */
  whole(m: RangeMap<V>): Listed<T> {
    return new Listed(m, this.fresh);
  }

  /** The list of a map derived only if the list is read. */
  later(m: () => RangeMap<V>): Listed<T> {
    return new Listed(m, this);
  }

  of(m: RangeMap<V>): Listed<T> {
    // Most steps leave most maps as they were: the last map, asked again.
    if (this.lastMap === m && this.lastList !== undefined) return this.lastList;
    let out = this.remembered(m);
    if (out === undefined) {
      out = new Listed(m, this);
      this.remember(m, out);
    }
    this.lastMap = m;
    this.lastList = out;
    return out;
  }

  /** Every item of the chunks, from the last list read where the chunks are the same. */
  itemsOf(chunks: readonly Runs<V>[]): T[] {
    const last = this.lastRead;
    if (last?.chunks === chunks) return last.flat;
    let parts: readonly (readonly T[])[];
    if (last === undefined) parts = chunks.map((c) => c.map(this.f));
    else {
      const [i, ja, jb] = differing(last.chunks, chunks);
      if (i === ja && i === jb) parts = last.parts;
      else {
        const mid: (readonly T[])[] = [];
        if (ja - i > WIDE || jb - i > WIDE)
          for (let k = i; k < jb; k++) mid.push((chunks[k] as Runs<V>).map(this.f));
        else if (jb > i) {
          // The chunks a write rebuilt (most often one into one), joined, then cut as the new ones are.
          const all = this.rewritten(
            joined(last.chunks, i, ja),
            joined(last.parts, i, ja),
            joined(chunks, i, jb),
          );
          if (jb - i === 1) mid.push(all);
          else
            for (let k = i, at = 0; k < jb; k++)
              mid.push(all.slice(at, (at += (chunks[k] as Runs<V>).length)));
        }
        parts = last.parts.toSpliced(i, ja - i, ...mid);
      }
    }
    const flat = parts === last?.parts ? last.flat : flatten(parts);
    this.lastRead = { chunks, parts, flat };
    return flat;
  }

  /** The items of chunks `now`, a rewrite of chunks `was` (whose items are `items`): kept runs keep theirs. */
  private rewritten(was: Runs<V>, items: readonly T[], now: Runs<V>): T[] {
    const [p, qa, qb] = differing(was, now);
    const fresh: T[] = [];
    for (let k = p; k < qb; k++) fresh.push(this.f(now[k] as Run<V>));
    // One copy at its final length (toSpliced), not one grown a push at a time.
    return items.toSpliced(p, qa - p, ...fresh);
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
}

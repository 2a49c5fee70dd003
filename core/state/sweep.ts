import type { Run, Runs } from './rangeMap.ts';

/**
 * A forward-only reader of one range map for a sweep over sorted, disjoint queries: each
 * query starts where the last one left off, so a whole sweep costs one pass over the map.
 */
export class Sweep<V> {
  private i = 0;
  constructor(private readonly map: Runs<V>) {}
  /** Index of the first run ending after `start` (queries in increasing order). */
  private from(start: number): number {
    while (this.i < this.map.length && (this.map[this.i] as Run<V>).end <= start) this.i++;
    return this.i;
  }
  /** The runs overlapping [start, end), not clipped. */
  over(start: number, end: number): Run<V>[] {
    const out: Run<V>[] = [];
    for (let k = this.from(start); k < this.map.length && (this.map[k] as Run<V>).start < end; k++)
      out.push(this.map[k] as Run<V>);
    return out;
  }
  /** Whether any run overlaps [start, end). */
  any(start: number, end: number): boolean {
    const r = this.map[this.from(start)];
    return r !== undefined && r.start < end;
  }
  /** Whether [start, end) is covered without gaps by runs of `value` (covers without a predicate to build per query). */
  coversWith(start: number, end: number, value: V): boolean {
    let at = start;
    for (let k = this.from(start); k < this.map.length && at < end; k++) {
      const r = this.map[k] as Run<V>;
      if (r.start > at || r.value !== value) return false;
      at = r.end;
    }
    return at >= end;
  }
  /** Whether [start, end) is covered without gaps by runs satisfying pred (default: any). */
  covers(start: number, end: number, pred?: (v: V) => boolean): boolean {
    let at = start;
    for (let k = this.from(start); k < this.map.length && at < end; k++) {
      const r = this.map[k] as Run<V>;
      if (r.start > at || (pred !== undefined && !pred(r.value))) return false;
      at = r.end;
    }
    return at >= end;
  }
}

/**
 * A run-length map over byte offsets: sorted, non-overlapping runs [start, end) with a value.
 * Gaps mean "nothing there". Adjacent runs with equal values are always merged, so two equal
 * maps have identical arrays (canonical form) and a 1 TiB file costs a handful of runs.
 * Every function is pure: it returns a new array and never mutates its input.
 */
export interface Run<V> {
  readonly start: number;
  readonly end: number;
  readonly value: V;
}
export type RangeMap<V> = readonly Run<V>[];

/** Values are primitives or flat objects of primitives; equal means equal field by field. */
export function sameValue<V>(a: V, b: V): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => ra[k] === rb[k]);
}

/** Every run of the map, in order (for sweeps over the whole map). */
export const toRuns = <V>(map: RangeMap<V>): readonly Run<V>[] => map;

/** Whether the map has no run at all. */
export const isEmpty = <V>(map: RangeMap<V>): boolean => map.length === 0;

/** Index of the first run whose end is > x (binary search). */
export function firstEndingAfter<V>(map: RangeMap<V>, x: number): number {
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map[mid] as Run<V>).end > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The run containing x, if any. */
export function runAt<V>(map: RangeMap<V>, x: number): Run<V> | undefined {
  const r = map[firstEndingAfter(map, x)];
  return r !== undefined && r.start <= x ? r : undefined;
}

export function valueAt<V>(map: RangeMap<V>, x: number): V | undefined {
  return runAt(map, x)?.value;
}

/** The runs overlapping [start, end), clipped to it. */
export function slice<V>(map: RangeMap<V>, start: number, end: number): Run<V>[] {
  const out: Run<V>[] = [];
  for (let i = firstEndingAfter(map, start); i < map.length; i++) {
    const r = map[i] as Run<V>;
    if (r.start >= end) break;
    out.push({ start: Math.max(r.start, start), end: Math.min(r.end, end), value: r.value });
  }
  return out;
}

/** The runs overlapping [start, end), not clipped. */
export function overlapping<V>(map: RangeMap<V>, start: number, end: number): Run<V>[] {
  const out: Run<V>[] = [];
  for (let i = firstEndingAfter(map, start); i < map.length; i++) {
    const r = map[i] as Run<V>;
    if (r.start >= end) break;
    out.push(r);
  }
  return out;
}

export function anyIn<V>(map: RangeMap<V>, start: number, end: number, pred?: (v: V) => boolean): boolean {
  for (let i = firstEndingAfter(map, start); i < map.length; i++) {
    const r = map[i] as Run<V>;
    if (r.start >= end) return false;
    if (pred === undefined || pred(r.value)) return true;
  }
  return false;
}

/** True when [start, end) is covered without gaps by runs satisfying pred (default: any). */
export function covers<V>(map: RangeMap<V>, start: number, end: number, pred?: (v: V) => boolean): boolean {
  let at = start;
  for (let i = firstEndingAfter(map, start); i < map.length && at < end; i++) {
    const r = map[i] as Run<V>;
    if (r.start > at) return false;
    if (pred !== undefined && !pred(r.value)) return false;
    at = r.end;
  }
  return at >= end;
}

/** Bytes of [start, end) covered by runs (satisfying pred). */
export function coveredBytes<V>(
  map: RangeMap<V>,
  start: number,
  end: number,
  pred?: (v: V) => boolean,
): number {
  let n = 0;
  for (const r of slice(map, start, end)) if (pred === undefined || pred(r.value)) n += r.end - r.start;
  return n;
}

/** Set [start, end) to value, or clear it when value is undefined. */
export function assign<V>(map: RangeMap<V>, start: number, end: number, value: V | undefined): RangeMap<V> {
  if (start >= end) return map;
  const i = firstEndingAfter(map, start);
  let j = i;
  while (j < map.length && (map[j] as Run<V>).start < end) j++;
  const mid: Run<V>[] = [];
  // The pieces of the cut runs may equal the new value: keep them merged (canonical form).
  const push = (r: Run<V>): void => {
    const prev = mid[mid.length - 1];
    if (prev !== undefined && prev.end === r.start && sameValue(prev.value, r.value))
      mid[mid.length - 1] = { start: prev.start, end: r.end, value: r.value };
    else mid.push(r);
  };
  const first = map[i];
  if (first !== undefined && i < j && first.start < start)
    push({ start: first.start, end: start, value: first.value });
  if (value !== undefined) push({ start, end, value });
  const last = map[j - 1];
  if (last !== undefined && i < j && last.end > end) push({ start: end, end: last.end, value: last.value });
  // Merge with the untouched neighbours on both sides to keep the canonical form.
  let lo = i;
  let hi = j;
  const before = map[lo - 1];
  const head = mid[0];
  if (
    before !== undefined &&
    head !== undefined &&
    before.end === head.start &&
    sameValue(before.value, head.value)
  ) {
    mid[0] = { start: before.start, end: head.end, value: head.value };
    lo--;
  }
  const after = map[hi];
  const tail = mid[mid.length - 1];
  if (
    after !== undefined &&
    tail !== undefined &&
    tail.end === after.start &&
    sameValue(tail.value, after.value)
  ) {
    mid[mid.length - 1] = { start: tail.start, end: after.end, value: tail.value };
    hi++;
  }
  return [...map.slice(0, lo), ...mid, ...map.slice(hi)];
}

/** Rewrite the values of [start, end) run by run; f returns the new value or undefined to clear. */
export function update<V>(
  map: RangeMap<V>,
  start: number,
  end: number,
  f: (v: V | undefined, s: number, e: number) => V | undefined,
): RangeMap<V> {
  let out = map;
  let at = start;
  for (const r of slice(map, start, end)) {
    if (r.start > at) out = assign(out, at, r.start, f(undefined, at, r.start));
    out = assign(out, r.start, r.end, f(r.value, r.start, r.end));
    at = r.end;
  }
  if (at < end) out = assign(out, at, end, f(undefined, at, end));
  return out;
}

/** The gaps of map inside [start, end). */
export function gaps<V>(map: RangeMap<V>, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let at = start;
  for (const r of slice(map, start, end)) {
    if (r.start > at) out.push([at, r.start]);
    at = r.end;
  }
  if (at < end) out.push([at, end]);
  return out;
}

/** Builds a canonical map from runs given in order (merging equal neighbours). */
export function fromRuns<V>(runs: Iterable<Run<V>>): RangeMap<V> {
  const out: Run<V>[] = [];
  for (const r of runs) {
    if (r.start >= r.end) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === r.start && sameValue(last.value, r.value)) {
      out[out.length - 1] = { start: last.start, end: r.end, value: last.value };
    } else out.push(r);
  }
  return out;
}

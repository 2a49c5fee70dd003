/**
 * A memo of a pure function of an immutable object (a state, its folio runs), kept for the few
 * objects last asked for: memory stays bounded however long the history. A WeakMap kept a view
 * as long as its state lived, and the state line keeps a checkpoint every 64 steps (157 in a
 * 10,000-step history) besides its recent states: the views of every checkpoint once shown
 * stayed. The picture needs the two states of its frame, the panels one more a frame behind.
 */

/** How many objects' values are kept: the frame's two states, the panels', and a spare. */
export const RECENT_VIEWS = 4;

export function recentMemo<K extends object, T>(f: (k: K) => T, limit = RECENT_VIEWS): (k: K) => T {
  // In the order last asked for, the oldest first.
  const kept = new Map<K, T>();
  let newest: K | undefined;
  return (k) => {
    const hit = kept.get(k);
    if (hit !== undefined || kept.has(k)) {
      if (newest !== k) {
        kept.delete(k);
        kept.set(k, hit as T);
        newest = k;
      }
      return hit as T;
    }
    const v = f(k);
    kept.set(k, v);
    newest = k;
    if (kept.size > limit) kept.delete(kept.keys().next().value as K);
    return v;
  };
}

/**
 * recentMemo for a pure function of two immutable objects (the two states of a step, two rows
 * of bands): what an animation recomputed at every frame though only `t` moved. The last
 * `limit` pairs asked for are kept, the least recently asked for goes first.
 */
export function recentPairMemo<A extends object, B extends object, T>(
  f: (a: A, b: B) => T,
  limit = RECENT_VIEWS,
): (a: A, b: B) => T {
  // The most recently asked for last: a frame asks the same few pairs in the same order.
  const kept: { a: A; b: B; v: T }[] = [];
  return (a, b) => {
    const i = kept.findLastIndex((e) => e.a === a && e.b === b);
    if (i >= 0) {
      const e = kept[i] as { a: A; b: B; v: T };
      if (i !== kept.length - 1) kept.push(...kept.splice(i, 1));
      return e.v;
    }
    const v = f(a, b);
    kept.push({ a, b, v });
    if (kept.length > limit) kept.shift();
    return v;
  };
}

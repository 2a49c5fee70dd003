/**
 * Views of stores that follow them a frame behind. The panels beside the picture (timeline
 * list, events, palette, inspector, invariants, state diagram, outcome) read the simulation
 * through such views: a seek or a scrub draws the folio tree first, in a frame of its own, and
 * the panels catch up once that frame is painted and the page is idle. Commands never go
 * through a view: they read and write the store itself, so nothing acts on a stale state.
 */
import type { StoreApi } from 'zustand/vanilla';

/** Calls `flush` later (after the next painted frame in the app; by hand in tests). */
export type Schedule = (flush: () => void) => void;

export interface Follower {
  /**
   * A view of `source` that takes its state only when the follower flushes: after the next
   * frame, or at once (every view) for a change `urgent` says the panels must show at once.
   */
  view<T>(source: StoreApi<T>, urgent?: (next: T, prev: T) => boolean): StoreApi<T>;
}

/**
 * One follower for several stores: a flush takes every view's new state first and only then
 * tells the listeners, so a panel that reads two views never sees one ahead of the other.
 */
export function follower(schedule: Schedule): Follower {
  const takers: (() => (() => void) | null)[] = [];
  let due = false;
  const flush = (): void => {
    due = false;
    for (const tell of takers.map((take) => take())) tell?.();
  };
  const wake = (now: boolean): void => {
    if (now) return flush();
    if (due) return;
    due = true;
    schedule(() => void (due && flush()));
  };
  return {
    view<T>(source: StoreApi<T>, urgent?: (next: T, prev: T) => boolean): StoreApi<T> {
      let state = source.getState();
      const listeners = new Set<(s: T, prev: T) => void>();
      takers.push(() => {
        const prev = state;
        const next = source.getState();
        state = next;
        return prev === next ? null : () => listeners.forEach((f) => f(next, prev));
      });
      source.subscribe((next, prev) => wake(urgent?.(next, prev) === true));
      return {
        getState: () => state,
        getInitialState: source.getInitialState,
        setState: source.setState,
        subscribe: (f) => {
          listeners.add(f);
          return () => void listeners.delete(f);
        },
      };
    },
  };
}

/**
 * After the next frame has been painted, when the main thread is idle, and at the latest
 * `ms` later (a page kept busy still sees its panels follow a few times a second).
 */
export const afterPaint =
  (w: Window, ms = 200): Schedule =>
  (flush) =>
    void w.requestAnimationFrame(() =>
      typeof w.requestIdleCallback === 'function'
        ? w.requestIdleCallback(flush, { timeout: ms })
        : w.setTimeout(flush, 0),
    );

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
  view<T>(source: StoreApi<T>, urgent?: (next: T, prev: T) => boolean, settles?: boolean): StoreApi<T>;
}

/**
 * How long a settling view's changes may put its flush off (see follower), in milliseconds:
 * as long as afterPaint waits for an idle moment, so a scrub that never rests still sees its
 * panels follow a few times a second.
 */
const MAX_WAIT_MS = 200;

/**
 * One follower for several stores: a flush takes every view's new state first and only then
 * tells the listeners, so a panel that reads two views never sees one ahead of the other.
 * A flush that is not urgent tells one listener per slice (`slice` runs the next one in a task
 * of its own): each panel then re-renders in its own task, and a burst of seeks meets one
 * panel's render between two of its frames instead of all of them (12-55 ms in one task,
 * traced in a 10,000-step history). An urgent flush tells every listener at once.
 *
 * A view made with `settles` (the simulation's, whose cursor a seek moves) waits for the
 * cursor to rest: a change that comes before the scheduled flush has run (the next seek of a
 * scrub or a burst) puts the flush off by one more schedule, for `MAX_WAIT_MS` at most. The
 * panels then catch up once per burst, or a few times a second in a long one, instead of
 * rendering, between two seeks' pictures, states already left behind (300 seeks in a row in a
 * 10,000-step history, three paired runs: main-thread CPU 19.9-22.1 -> 19.5-20.2 ms a seek,
 * seek p95 58.8-64.5 -> 56.5-59.9 ms). A flush under way tells every panel even when the
 * cursor moves again meanwhile: stopping it there left the last panels in line unrendered
 * through a whole scrub (the step counter showed 1 of 40 seeks in two seconds). The
 * animation's view does not settle: panels that follow a playing step move with every frame.
 */
export function follower(
  schedule: Schedule,
  slice: Schedule = (f) => f(),
  clock: () => number = () => performance.now(),
): Follower {
  const takers: (() => (() => void)[])[] = [];
  // Listeners still to tell, in order; each reads its view's state when told.
  const pending = new Set<() => void>();
  let due = false;
  let slicing = false;
  // A settling view changed since the flush now due was scheduled; when it was first asked for.
  let unsettled = false;
  let since = 0;
  const tellOne = (): void => {
    const first = pending.values().next();
    if (first.done === true) return void (slicing = false);
    pending.delete(first.value);
    first.value();
    if (pending.size === 0) slicing = false;
    else slice(tellOne);
  };
  const flush = (now: boolean): void => {
    due = false;
    for (const take of takers) for (const tell of take()) pending.add(tell);
    if (now) {
      for (const tell of pending) {
        pending.delete(tell);
        tell();
      }
      return;
    }
    if (slicing || pending.size === 0) return;
    slicing = true;
    slice(tellOne);
  };
  const fire = (): void => {
    if (!due) return;
    if (unsettled && clock() - since < MAX_WAIT_MS) {
      unsettled = false;
      return schedule(fire);
    }
    flush(false);
  };
  const wake = (now: boolean, settles: boolean): void => {
    if (now) return flush(true);
    if (due) return void (unsettled ||= settles);
    due = true;
    unsettled = false;
    since = clock();
    schedule(fire);
  };
  return {
    view<T>(source: StoreApi<T>, urgent?: (next: T, prev: T) => boolean, settles = false): StoreApi<T> {
      let state = source.getState();
      // The state each listener was last told of: a listener told later in a sliced flush
      // still gets the state it saw before as `prev`.
      const listeners = new Map<(s: T, prev: T) => void, { told: T; tell: () => void }>();
      takers.push(() => {
        const next = source.getState();
        if (next === state) return [];
        state = next;
        return [...listeners.values()].map((l) => l.tell);
      });
      source.subscribe((next, prev) => wake(urgent?.(next, prev) === true, settles));
      return {
        getState: () => state,
        getInitialState: source.getInitialState,
        setState: source.setState,
        subscribe: (f) => {
          const l = {
            told: state,
            tell: (): void => {
              if (!listeners.has(f) || l.told === state) return;
              const prev = l.told;
              l.told = state;
              f(state, prev);
            },
          };
          listeners.set(f, l);
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

/**
 * Background work that must not land in the middle of what the user is doing: the service
 * worker's registration evaluates Workbox (a 25-45 ms task) and its install fetches and caches
 * every file of the app, on a machine whose two cores also run the page. Registered at the
 * first idle moment after the first picture, it fell inside the seeks a visitor makes right
 * after opening a long link: seek p95 60 ms instead of 45-47, max 156-177 ms instead of
 * 83-91 (scripts/profile-history.mts --times, 300 seeks, with and without --no-sw).
 */

/** The events that mean the user is at work: presses, typing, the wheel, a slider dragged. */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'input'] as const;

export interface RestTarget {
  addEventListener(type: string, f: () => void, options: AddEventListenerOptions): void;
  removeEventListener(type: string, f: () => void, options: EventListenerOptions): void;
  setTimeout(f: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestIdleCallback?: (f: () => void, options: { timeout: number }) => unknown;
}

/**
 * Runs `f` once, when no input has come for `quietMs` (counted from now, then from the last
 * input), at an idle moment; at the latest `latestMs` from now, whatever the user does (the
 * offline copy must not wait for a user who never pauses). Returns a cancel function.
 */
export function afterInputRests(
  w: RestTarget,
  f: () => void,
  quietMs = 2_000,
  latestMs = 30_000,
): () => void {
  let quiet = 0;
  let latest = 0;
  let done = false;
  const options = { capture: true, passive: true };
  const stop = (): void => {
    done = true;
    w.clearTimeout(quiet);
    w.clearTimeout(latest);
    for (const type of INPUT_EVENTS) w.removeEventListener(type, onInput, options);
  };
  const run = (): void => {
    if (done) return;
    stop();
    if (w.requestIdleCallback === undefined) f();
    else w.requestIdleCallback(f, { timeout: quietMs });
  };
  // The quiet period starts again at every input (a timer reset, no clock read per event).
  const onInput = (): void => {
    w.clearTimeout(quiet);
    quiet = w.setTimeout(run, quietMs);
  };
  for (const type of INPUT_EVENTS) w.addEventListener(type, onInput, options);
  latest = w.setTimeout(run, latestMs);
  quiet = w.setTimeout(run, quietMs);
  return stop;
}

/**
 * The animation clock, injected: requestAnimationFrame in the app; an instant clock in tests
 * and when the user prefers reduced motion (every animation then jumps to its end at once).
 */
export interface Clock {
  /** True when time does not pass: animations show their last frame straight away. */
  readonly instant: boolean;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `cb` on the next frame; returns a function that cancels it. */
  frame(cb: (now: number) => void): () => void;
}

export const instantClock: Clock = {
  instant: true,
  now: () => 0,
  frame: (cb) => {
    cb(0);
    return () => undefined;
  },
};

/** The browser's frame clock; instant while `(prefers-reduced-motion: reduce)` matches. */
export function rafClock(win: Window): Clock {
  const reduce = win.matchMedia('(prefers-reduced-motion: reduce)');
  return {
    get instant() {
      return reduce.matches;
    },
    now: () => win.performance.now(),
    frame: (cb) => {
      const id = win.requestAnimationFrame(cb);
      return () => win.cancelAnimationFrame(id);
    },
  };
}

/** A clock the test advances by hand (vitest, node: no requestAnimationFrame). */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(): ManualClock {
  let t = 0;
  let queue: ((now: number) => void)[] = [];
  return {
    instant: false,
    now: () => t,
    frame: (cb) => {
      queue.push(cb);
      return () => {
        queue = queue.filter((f) => f !== cb);
      };
    },
    advance(ms: number) {
      t += ms;
      const run = queue;
      queue = [];
      for (const cb of run) cb(t);
    },
  };
}

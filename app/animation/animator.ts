/**
 * Drives the animation progress of the step on screen. The picture is a pure function of
 * (step, progress): this module only decides which step and moves progress along with the
 * clock, so stepping, playing and scrubbing backwards all draw through the same code.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { jumpTo } from '../store/commands.ts';
import type { SimState, SimStore } from '../store/store.ts';
import type { Clock } from './clock.ts';

export interface AnimState {
  /** The step being drawn: the picture goes from state step - 1 (progress 0) to state step (1). */
  readonly step: number;
  readonly progress: number;
  /** True while the clock moves progress (false when settled or scrubbed by hand). */
  readonly running: boolean;
  /**
   * Settled here by playing this step forward to its end. That play's last frame held the
   * boundaries of the state before on the scale, so the settled picture keeps them (nothing
   * moves when it ends). False after a jump, a step back or a scrub: the picture lands
   * without a play to continue, and a seek need not look at the state before at all.
   */
  readonly played: boolean;
}

export type AnimStore = StoreApi<AnimState>;

export interface Animator {
  readonly store: AnimStore;
  /** Jumps the picture to a position on the whole timeline: 2.25 is a quarter into step 3. */
  scrub(position: number): void;
  dispose(): void;
}

/** One step takes this long, or less when playback is fast. */
export const BASE_DURATION_MS = 700;

export function durationFor(s: SimState): number {
  return s.ui.playing ? Math.min(BASE_DURATION_MS, (0.85 * 1000) / s.ui.speed) : BASE_DURATION_MS;
}

/** Where a timeline position lands: step ceil(position), progress the fraction into it. */
export function positionToFrame(position: number, total: number): { step: number; progress: number } {
  const v = Math.max(0, Math.min(total, position));
  const step = Math.ceil(v);
  return step === 0 ? { step: 0, progress: 1 } : { step, progress: v - (step - 1) };
}

export function createAnimator(sim: SimStore, clock: Clock): Animator {
  const first = sim.getState().doc.cursor;
  const store = createStore<AnimState>()(() => ({ step: first, progress: 1, running: false, played: false }));
  let cancel: (() => void) | null = null;
  let scrubbing = false;

  const stop = () => {
    cancel?.();
    cancel = null;
  };
  const settle = (step: number, played = false) => {
    stop();
    store.setState({ step, progress: 1, running: false, played });
  };
  /** Runs progress of `step` from `from` to `to`, then settles on `end`. */
  const run = (step: number, from: number, to: number, end: number) => {
    stop();
    if (clock.instant) return settle(end);
    const duration = durationFor(sim.getState()) * Math.abs(to - from);
    const start = clock.now();
    store.setState({ step, progress: from, running: true, played: false });
    const tick = (now: number) => {
      const f = duration <= 0 ? 1 : Math.min(1, (now - start) / duration);
      if (f >= 1) return settle(end, end === step && to === 1);
      store.setState({ step, progress: from + (to - from) * f, running: true, played: false });
      cancel = clock.frame(tick);
    };
    cancel = clock.frame(tick);
  };

  const unsubscribe = sim.subscribe((s, prev) => {
    if (scrubbing || s.doc === prev.doc) return;
    const a = prev.doc.cursor;
    const b = s.doc.cursor;
    const sameLine = s.doc.scenario.steps === prev.doc.scenario.steps;
    if (b === a + 1) run(b, 0, 1, b);
    else if (b === a - 1 && sameLine)
      run(a, store.getState().step === a ? store.getState().progress : 1, 0, b);
    else settle(b);
  });

  return {
    store,
    scrub(position: number) {
      const total = sim.getState().doc.scenario.steps.length;
      const f = positionToFrame(position, total);
      stop();
      scrubbing = true;
      try {
        jumpTo(sim, f.step);
      } finally {
        scrubbing = false;
      }
      store.setState({ ...f, running: false, played: false });
    },
    dispose() {
      stop();
      unsubscribe();
    },
  };
}

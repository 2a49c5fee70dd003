/**
 * Playback on the injected clock: while the store says `playing`, one step forward every
 * 1/speed seconds of clock time, stopping at the end. Driven by the clock's frames (never a
 * timer of its own), so a test advances playback with a manual clock exactly as it advances
 * the animation. The clock's time must pass: playback on instantClock would never tick.
 */
import { tick } from '../store/commands.ts';
import type { SimStore } from '../store/store.ts';
import type { Clock } from './clock.ts';

export interface Player {
  dispose(): void;
}

export function createPlayer(sim: SimStore, clock: Clock): Player {
  let cancel: (() => void) | null = null;
  let last = 0;

  const stop = () => {
    cancel?.();
    cancel = null;
  };
  const loop = (now: number) => {
    cancel = null;
    const { playing, speed } = sim.getState().ui;
    if (!playing) return;
    if (now - last >= 1000 / speed) {
      last = now;
      tick(sim);
      if (!sim.getState().ui.playing) return;
    }
    cancel = clock.frame(loop);
  };
  const start = () => {
    stop();
    last = clock.now();
    cancel = clock.frame(loop);
  };

  const unsubscribe = sim.subscribe((s, prev) => {
    if (s.ui.playing === prev.ui.playing && s.ui.speed === prev.ui.speed) return;
    if (s.ui.playing) start();
    else stop();
  });
  if (sim.getState().ui.playing) start();

  return {
    dispose() {
      stop();
      unsubscribe();
    },
  };
}

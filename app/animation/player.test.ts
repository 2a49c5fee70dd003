import { describe, expect, it } from 'vitest';
import { testScenario } from '../store/testScenario.ts';
import { createSimStore } from '../store/store.ts';
import { jumpTo, setPlaying, setSpeed } from '../store/commands.ts';
import { manualClock } from './clock.ts';
import { createPlayer } from './player.ts';

const threeSteps = [0, 1, 2].map((i) => ({ op: 'allocate', offset: i * 4096, length: 4096 }));

describe('playback on the injected clock', () => {
  it('steps once per 1/speed seconds of clock time and stops at the end', () => {
    const sim = createSimStore(testScenario(threeSteps));
    jumpTo(sim, 0);
    const clock = manualClock();
    const player = createPlayer(sim, clock);
    setSpeed(sim, 2);
    setPlaying(sim, true);
    clock.advance(400);
    expect(sim.getState().doc.cursor).toBe(0);
    clock.advance(100);
    expect(sim.getState().doc.cursor).toBe(1);
    clock.advance(500);
    expect(sim.getState().doc.cursor).toBe(2);
    clock.advance(500);
    expect(sim.getState().doc.cursor).toBe(3);
    clock.advance(500);
    expect(sim.getState().ui.playing).toBe(false);
    expect(sim.getState().doc.cursor).toBe(3);
    player.dispose();
  });

  it('pausing stops the ticks; dispose detaches from the store', () => {
    const sim = createSimStore(testScenario(threeSteps));
    jumpTo(sim, 0);
    const clock = manualClock();
    const player = createPlayer(sim, clock);
    setPlaying(sim, true);
    clock.advance(1000);
    expect(sim.getState().doc.cursor).toBe(1);
    setPlaying(sim, false);
    clock.advance(5000);
    expect(sim.getState().doc.cursor).toBe(1);
    player.dispose();
    setPlaying(sim, true);
    clock.advance(5000);
    expect(sim.getState().doc.cursor).toBe(1);
  });
});

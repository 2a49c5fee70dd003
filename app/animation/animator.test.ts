import { describe, expect, it } from 'vitest';
import { act, jumpTo, newScenario, stepBack, stepForward } from '../store/commands.ts';
import { createSimStore } from '../store/store.ts';
import { ALLOC_0, PRIVATE_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { BASE_DURATION_MS, createAnimator, positionToFrame } from './animator.ts';
import { instantClock, manualClock } from './clock.ts';

describe('animator', () => {
  it('plays a new step from 0 to 1 on the clock, then settles', () => {
    const sim = createSimStore(testScenario());
    const clock = manualClock();
    const a = createAnimator(sim, clock);
    expect(a.store.getState()).toEqual({ step: 0, progress: 1, running: false, played: false });
    act(sim, ALLOC_0);
    expect(a.store.getState()).toMatchObject({ step: 1, progress: 0, running: true });
    clock.advance(BASE_DURATION_MS / 2);
    expect(a.store.getState().progress).toBeCloseTo(0.5);
    clock.advance(BASE_DURATION_MS);
    // Played forward to its end: the settled picture keeps what the play's last frame held.
    expect(a.store.getState()).toEqual({ step: 1, progress: 1, running: false, played: true });
  });

  it('steps back by playing the step in reverse, then settles on the earlier state', () => {
    const sim = createSimStore(testScenario([ALLOC_0, SHARE_0]));
    const clock = manualClock();
    const a = createAnimator(sim, clock);
    stepBack(sim);
    expect(a.store.getState()).toMatchObject({ step: 2, progress: 1, running: true });
    clock.advance(BASE_DURATION_MS / 4);
    expect(a.store.getState().progress).toBeCloseTo(0.75);
    // Reversing again mid-way continues from where the picture is.
    stepForward(sim);
    expect(a.store.getState().step).toBe(2);
    clock.advance(BASE_DURATION_MS * 2);
    stepBack(sim);
    clock.advance(BASE_DURATION_MS * 2);
    expect(a.store.getState()).toEqual({ step: 1, progress: 1, running: false, played: false });
  });

  it('jumps, new scenarios and the instant clock settle at once', () => {
    const sim = createSimStore(testScenario([ALLOC_0, SHARE_0, PRIVATE_0]));
    const a = createAnimator(sim, manualClock());
    jumpTo(sim, 0);
    expect(a.store.getState()).toEqual({ step: 0, progress: 1, running: false, played: false });
    newScenario(sim, testScenario().config);
    expect(a.store.getState().running).toBe(false);
    const b = createAnimator(sim, instantClock);
    act(sim, ALLOC_0);
    expect(b.store.getState()).toEqual({ step: 1, progress: 1, running: false, played: false });
    a.dispose();
    b.dispose();
  });

  it('scrubs anywhere on the timeline, backwards too, moving the cursor with it', () => {
    const sim = createSimStore(testScenario([ALLOC_0, SHARE_0, PRIVATE_0]));
    const a = createAnimator(sim, manualClock());
    a.scrub(2.25);
    expect(a.store.getState()).toEqual({ step: 3, progress: 0.25, running: false, played: false });
    expect(sim.getState().doc.cursor).toBe(3);
    a.scrub(0.5);
    expect(a.store.getState()).toEqual({ step: 1, progress: 0.5, running: false, played: false });
    expect(sim.getState().doc.cursor).toBe(1);
    expect(positionToFrame(0, 3)).toEqual({ step: 0, progress: 1 });
    expect(positionToFrame(9, 3)).toEqual({ step: 3, progress: 1 });
  });
});

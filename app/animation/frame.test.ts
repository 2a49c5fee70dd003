import { describe, expect, it } from 'vitest';
import { createSimStore } from '../store/store.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { eventAt, frameOf, phase, PHASES, transitionsOf } from './frame.ts';

describe('animation frame', () => {
  it('is a pure function of the replay, the step and the progress', () => {
    const { replay } = createSimStore(testScenario([ALLOC_0, SHARE_0])).getState();
    const f = frameOf(replay, { step: 2, progress: 0.4, running: true, played: false });
    expect(f.prev).toBe(replay.states.at(1));
    expect(f.next).toBe(replay.states.at(2));
    expect(f.outcome).toBe(replay.results[1]);
    expect(frameOf(replay, { step: 2, progress: 0.4, running: false, played: false })).toEqual(f);
    // A step beyond the line (it was undone) draws the last state, settled.
    expect(frameOf(replay, { step: 7, progress: 0.1, running: true, played: false })).toMatchObject({
      step: 2,
      t: 1,
    });
    expect(frameOf(replay, { step: 0, progress: 1, running: false, played: false }).prev).toBeUndefined();
  });

  it('holds the state before on the scale while the step plays and once it played forward, not after a jump', () => {
    const { replay } = createSimStore(testScenario([ALLOC_0, SHARE_0])).getState();
    const before = replay.states.at(1);
    expect(frameOf(replay, { step: 2, progress: 0.4, running: true, played: false }).held).toBe(before);
    expect(frameOf(replay, { step: 2, progress: 1, running: false, played: true }).held).toBe(before);
    // Landed by a jump: the picture is the step's own, the state before is not held.
    const landed = frameOf(replay, { step: 2, progress: 1, running: false, played: false });
    expect(landed.held).toBeUndefined();
    expect(landed.prev).toBe(before);
  });

  it('plays events one after another and edges, shapes and lights in their windows', () => {
    const { replay } = createSimStore(testScenario([ALLOC_0, SHARE_0])).getState();
    const events = replay.results[1]?.events ?? [];
    expect(events.length).toBeGreaterThan(2);
    expect(eventAt(events, 0)).toBe(0);
    expect(eventAt(events, 0.89)).toBe(events.length - 1);
    expect(eventAt(events, 1)).toBe(-1);
    const seen = [0, 0.2, 0.4, 0.6, 0.8].map((t) => eventAt(events, t));
    expect(seen).toEqual(seen.toSorted((a, b) => a - b));
    expect(phase(0, PHASES.edges)).toBe(0);
    expect(phase(0.65, PHASES.edges)).toBe(1);
    expect(phase(0.375, PHASES.edges)).toBeCloseTo(0.5);
    const tr = transitionsOf(replay.results[1]);
    expect([...tr.edges]).toContain('convert:private->shared');
    expect([...tr.reached]).toEqual(expect.arrayContaining(['page:shared', 'block:split']));
  });
});

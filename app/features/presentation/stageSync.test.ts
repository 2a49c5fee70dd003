import { beforeAll, describe, expect, it } from 'vitest';
import { jumpTo, playTour, stepForward } from '../../store/commands.ts';
import { createSimStore, type SimStore } from '../../store/store.ts';
import { tourScenario } from '../../share/boot.ts';
import { loadTours } from '../../share/tourLoader.ts';
import { startStageSync, type StageLink, type StageRole } from './stageSync.ts';

// The tours load on demand in the app (tourLoader.ts): these tests play them.
beforeAll(() => loadTours());

/** Two windows joined by an in-memory channel; messages are delivered when `flush` is called. */
function pair() {
  const queues: { to: number; data: unknown }[] = [];
  const listeners: ((data: unknown) => void)[][] = [[], []];
  const link = (me: number): StageLink => ({
    send: (m) => void queues.push({ to: 1 - me, data: structuredClone(m) }),
    listen: (f) => void listeners[me]?.push(f),
    close: () => undefined,
  });
  const flush = (): void => {
    while (queues.length > 0) {
      const m = queues.shift();
      if (m !== undefined) for (const f of listeners[m.to] ?? []) f(m.data);
    }
  };
  return { link, flush, deliver: (to: number, data: unknown) => listeners[to]?.forEach((f) => f(data)) };
}

const tourStore = (step: number): SimStore => {
  const r = tourScenario('vfio-pin-blocks-conversion');
  if (!r.ok) throw new Error(r.error);
  const store = createSimStore(r.scenario, { cursor: step, tour: 'vfio-pin-blocks-conversion' });
  playTour(store, 'vfio-pin-blocks-conversion', r.scenario, step);
  return store;
};

const open = (audienceStep: number, speakerStep: number) => {
  const p = pair();
  const audience = tourStore(audienceStep);
  const speaker = tourStore(speakerStep);
  // The audience window is presenting first; the speaker view opens later.
  const roles: [SimStore, StageRole][] = [
    [audience, 'audience'],
    [speaker, 'speaker'],
  ];
  const stops = roles.map(([s, role], i) => {
    const stop = startStageSync(s, role, p.link(i));
    p.flush();
    return stop;
  });
  return { ...p, audience, speaker, stops };
};

const cursor = (s: SimStore): number => s.getState().doc.cursor;

describe('stage sync', () => {
  it('a speaker view that opens takes the audience window’s step', () => {
    const w = open(3, 0);
    expect(cursor(w.speaker)).toBe(3);
    expect(cursor(w.audience)).toBe(3);
  });

  it('driving either window moves both', () => {
    const w = open(2, 2);
    stepForward(w.speaker);
    w.flush();
    expect([cursor(w.audience), cursor(w.speaker)]).toEqual([3, 3]);
    jumpTo(w.audience, 5);
    w.flush();
    expect([cursor(w.audience), cursor(w.speaker)]).toEqual([5, 5]);
    jumpTo(w.speaker, 0);
    w.flush();
    expect([cursor(w.audience), cursor(w.speaker)]).toEqual([0, 0]);
  });

  it('two windows driven at the same instant settle on the same step', () => {
    const w = open(1, 1);
    jumpTo(w.audience, 4);
    jumpTo(w.speaker, 2);
    w.flush();
    expect(cursor(w.audience)).toBe(cursor(w.speaker));
  });

  it('ignores messages it cannot read, and stops when told', () => {
    const w = open(2, 2);
    for (const junk of [
      null,
      'next',
      { kind: 'at', from: 'speaker' },
      { kind: 'at', clock: 99, from: 'x', fragment: '' },
    ])
      w.deliver(0, junk);
    expect(cursor(w.audience)).toBe(2);
    for (const stop of w.stops) stop();
    stepForward(w.speaker);
    w.flush();
    expect(cursor(w.audience)).toBe(2);
  });
});

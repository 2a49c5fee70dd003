import { describe, expect, it } from 'vitest';
import { explore, raceFrom } from '../../../core/index.ts';
import {
  cancelExplore,
  createRaceStore,
  loadPreset,
  loadRaceJson,
  loadSchedule,
  runExplore,
  scheduleActor,
  selectStep,
  setKnob,
  setPolicy,
  stepBack,
  whyNot,
  type Explorer,
} from './raceStore.ts';
import { presetById, presetJson } from './presets.ts';

/** The real explorer, run in the test's thread instead of a worker. */
const inProcess: Explorer = (job, on) => {
  const race = raceFrom({ ...job.scenario, knobs: job.knobs });
  if (race === null) on.failed('creation refused');
  else on.done(explore(race, job.scenario.explore, on.progress));
  return () => undefined;
};

const labels = (s: ReturnType<ReturnType<typeof createRaceStore>['getState']>) =>
  s.run?.steps.map((x) => x.label).join(' ');

describe('race store', () => {
  it('opens preset (a) at its start and explores it: 3 outcomes, no violation', () => {
    const store = createRaceStore(inProcess);
    expect(loadPreset(store, 'a')).toBeNull();
    const s = store.getState();
    expect([s.cursor, s.schedule, s.run?.race.order]).toEqual([0, [], ['C', 'G']]);
    runExplore(store);
    const e = store.getState().exploration;
    expect(e.status).toBe('done');
    expect(e.result?.violatingInterleavings).toBe('0');
    expect(e.result?.outcomes).toHaveLength(3);
    expect(BigInt(e.result?.interleavings ?? '0') > 0n).toBe(true);
  });

  it('a knob change re-explores and remembers the result before it', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'a');
    runExplore(store);
    const total = store.getState().exploration.result?.interleavings;
    setKnob(store, 'gupFastRecheck', false);
    const e = store.getState().exploration;
    expect(e.change).toBe('gupFastRecheck: true → false');
    expect(e.before?.violatingInterleavings).toBe('0');
    expect(BigInt(e.result?.violatingInterleavings ?? '0') > 0n).toBe(true);
    expect(e.result?.interleavings).not.toBe(total);
    expect(e.result?.violations[0]?.labels.join(' ')).toBe('C1 C2 G1 C3 C4 C5 C6 G2 G3');
  });

  it('a policy knob of the file also re-explores: unsafeSkipRefCheck lets C convert under a pin', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'a');
    runExplore(store);
    setPolicy(store, 'unsafeSkipRefCheck', true);
    const e = store.getState().exploration;
    expect(store.getState().scenario?.setup.config.policy.unsafeSkipRefCheck).toBe(true);
    expect(e.change).toBe('unsafeSkipRefCheck: false → true');
    expect(e.before?.violatingInterleavings).toBe('0');
    expect(e.result?.violations.map((v) => v.invariant)).toContain('1');
  });

  it("loads an outcome's violating schedule paused at the micro-step that breaks the invariant", () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'map-private');
    runExplore(store);
    const o = store.getState().exploration.result?.outcomes.find((x) => x.violating !== undefined);
    expect(o?.violating?.invariants).toEqual(['1']);
    expect(loadSchedule(store, o?.violating?.example ?? [], 'violation')).toBeNull();
    const s = store.getState();
    // H installs its PTE at H6 (step 12), then unlocks the folio at H7: paused at H6.
    expect([s.cursor, s.schedule.length]).toEqual([12, 13]);
    expect(s.run?.steps[11]?.violations.map((x) => x.invariant)).toEqual(['1']);
    expect(s.run?.steps.slice(0, 11).every((x) => x.violations.length === 0)).toBe(true);
    // The exploration stays on screen.
    expect(s.exploration.result?.outcomes).toContain(o);
  });

  it('loads a violation paused at its last step, and scheduling by hand reaches the same world', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'pin-private');
    runExplore(store);
    const v = store.getState().exploration.result?.violations[0];
    expect(loadSchedule(store, v?.schedule ?? [])).toBeNull();
    const loaded = store.getState();
    expect(labels(loaded)).toBe('C1 C2 G1 C3 C4 C5 C6 G2 G3');
    expect(loaded.cursor).toBe(9);
    expect(loaded.run?.steps[8]?.violations.map((x) => x.invariant)).toContain('1');
    expect(loaded.exploration.status).toBe('done');

    const byHand = createRaceStore(inProcess);
    loadPreset(byHand, 'pin-private');
    for (const id of 'CCGCCCCGG') expect(scheduleActor(byHand, id)).toBeNull();
    expect(byHand.getState().run?.worlds[9]).toEqual(loaded.run?.worlds[9]);
  });

  it('a waiting actor cannot be scheduled and says what it waits for', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'b');
    scheduleActor(store, 'C');
    expect(whyNot(store.getState(), 'H')).toBe('waits for invalidate_lock (X, held by C)');
    expect(scheduleActor(store, 'H')).toBe('H cannot move: waits for invalidate_lock (X, held by C).');
    expect(store.getState().schedule).toEqual(['C']);
  });

  it('steps back, selects a micro-step and schedules from there (dropping the rest)', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'a');
    for (const id of 'CCG') scheduleActor(store, id);
    stepBack(store);
    expect([store.getState().schedule, store.getState().cursor]).toEqual([['C', 'C'], 2]);
    selectStep(store, 1);
    expect(store.getState().cursor).toBe(1);
    expect(store.getState().schedule).toEqual(['C', 'C']);
    scheduleActor(store, 'G');
    expect(labels(store.getState())).toBe('C1 G1');
  });

  it('a stuck schedule is kept up to where it stopped, with a message', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'b');
    expect(loadSchedule(store, ['C', 'H', 'C'])).toBe(
      'Schedule entry 2 (H) cannot run: H waits at H1 for invalidate_lock (X, held by C). The schedule stops before it.',
    );
    expect(store.getState().schedule).toEqual(['C']);
  });

  it('a malformed race file keeps what was open and names the field', () => {
    const store = createRaceStore(inProcess);
    loadPreset(store, 'a');
    const bad = { ...presetJson(presetById('a')!), knobs: { gupFastRecheck: 'maybe' } };
    expect(loadRaceJson(store, bad)).toBe(
      'Not a valid race: knobs.gupFastRecheck: expected one of true, false, got "maybe"',
    );
    expect(store.getState().presetId).toBe('a');
    expect(loadRaceJson(store, 'nope')).toMatch(/^Not a valid race: a race scenario is a JSON object/);
  });

  it('cancel stops a running exploration and ignores its late answers', () => {
    let cancelled = 0;
    let late: (() => void) | undefined;
    const never: Explorer = (job, on) => {
      late = () => on.done(explore(raceFrom({ ...job.scenario, knobs: job.knobs })!));
      return () => void cancelled++;
    };
    const store = createRaceStore(never);
    loadPreset(store, 'a');
    runExplore(store);
    expect(store.getState().exploration.status).toBe('running');
    cancelExplore(store);
    late?.();
    expect([store.getState().exploration.status, cancelled]).toEqual(['cancelled', 1]);
  });
});

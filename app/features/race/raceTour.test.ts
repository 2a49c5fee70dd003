import { describe, expect, it } from 'vitest';
import { RACE_TOURS, raceTourByName } from '../../../core/index.ts';
import { createRaceStore, loadPreset, scheduleActor, setKnob, type Explorer } from './raceStore.ts';
import {
  activeRaceTour,
  atTourStep,
  deadlockAt,
  endRaceTour,
  playRaceTourStep,
  raceTourStore,
  tourRoute,
  tourRouteOf,
} from './raceTour.ts';

const noExplore: Explorer = () => () => undefined;

describe('race tours in the workspace', () => {
  it.each(RACE_TOURS.map((t) => [t.name, t] as const))(
    '%s: every step loads its schedule, paused at its end; the last shows what breaks',
    (name, t) => {
      const store = createRaceStore(noExplore);
      t.steps.forEach((step, i) => {
        expect(playRaceTourStep(store, name, i)).toBeNull();
        const s = store.getState();
        const at = raceTourStore(store).getState().at;
        expect([s.schedule, s.cursor, at?.index]).toEqual([step.schedule, step.schedule.length, i]);
        expect(atTourStep(s, at)).toBe(true);
        expect(activeRaceTour(s.scenario, at)?.step).toBe(step);
      });
      const s = store.getState();
      const broken = s.run?.steps[s.cursor - 1]?.violations.map((v) => v.invariant) ?? [];
      // What the last step shows: the named invariant broken, or no actor able to move.
      const shown =
        t.breaks === 'deadlock' ? (deadlockAt(s)?.slice(0, 34) ?? null) : broken.includes(t.breaks);
      expect(shown).toBe(t.breaks === 'deadlock' ? 'Deadlock: no actor can move (C wai' : true);
      expect(deadlockAt(s) === null).toBe(t.breaks !== 'deadlock');
    },
  );

  it('scheduling on keeps the tour (not at its step any more); opening another race ends it', () => {
    const store = createRaceStore(noExplore);
    const t = raceTourByName('race-gup-fast-recheck')!;
    playRaceTourStep(store, t.name, 0);
    const at = () => raceTourStore(store).getState().at;
    expect(scheduleActor(store, 'C')).toBeNull();
    expect([
      activeRaceTour(store.getState().scenario, at())?.index,
      atTourStep(store.getState(), at()),
    ]).toEqual([0, false]);
    playRaceTourStep(store, t.name, 1);
    setKnob(store, 'gupFastRecheck', false);
    expect([
      activeRaceTour(store.getState().scenario, at())?.index,
      atTourStep(store.getState(), at()),
    ]).toEqual([1, false]);
    loadPreset(store, 'a');
    expect(activeRaceTour(store.getState().scenario, at())).toBeNull();
    playRaceTourStep(store, t.name, 99);
    expect(at()?.index).toBe(t.steps.length - 1);
    endRaceTour(store);
    expect(at()).toBeNull();
    expect(playRaceTourStep(store, 'nope', 0)).toBe('There is no race tour "nope".');
  });

  it('the route names a tour step from 1', () => {
    expect(tourRoute('race-gup-fast-recheck')).toEqual({ name: 'race-gup-fast-recheck', index: 0 });
    expect(tourRoute('race-gup-fast-recheck.3')).toEqual({ name: 'race-gup-fast-recheck', index: 2 });
    expect([tourRoute('a'), tourRoute('race-nope.2')]).toEqual([null, null]);
    const store = createRaceStore(noExplore);
    playRaceTourStep(store, 'race-tdx-split-hang', 2);
    expect(tourRouteOf(raceTourStore(store).getState().at!)).toBe('race-tdx-split-hang.3');
  });
});

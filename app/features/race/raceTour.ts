/**
 * Playing a race tour (core/presets/raceTours.ts) in the workspace: each step opens the tour's
 * race with that step's knobs and replays its schedule, paused at the end. The tour is kept
 * next to the race store (not in it): it is on while the store holds the race its step opened,
 * so scheduling on from a step keeps the narration, opening another race ends it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  blockedBy,
  raceTourByName,
  raceTourRace,
  type RaceFocusOn,
  type RaceKnobs,
  type RaceScenario,
  type RaceTour,
  type RaceTourStep,
} from '../../../core/index.ts';
import { loadRace, type RaceState, type RaceStore } from './raceStore.ts';

export interface RaceTourAt {
  readonly name: string;
  /** The step on screen, 0-based. */
  readonly index: number;
  /** The race that step opened: the tour is on while the store still holds it. */
  readonly scenario: RaceScenario;
}

export type RaceTourStore = StoreApi<{ readonly at: RaceTourAt | null }>;

const tours = new WeakMap<RaceStore, RaceTourStore>();

/** The tour played in `store`'s workspace (one per race store). */
export function raceTourStore(store: RaceStore): RaceTourStore {
  const known = tours.get(store);
  if (known !== undefined) return known;
  const t: RaceTourStore = createStore(() => ({ at: null }));
  tours.set(store, t);
  return t;
}

/** Opens step `index` (clamped to the tour) of tour `name`; null, or why it did not go as asked. */
export function playRaceTourStep(store: RaceStore, name: string, index: number): string | null {
  const tour = raceTourByName(name);
  if (tour === undefined) {
    const message = `There is no race tour "${name.slice(0, 60)}".`;
    store.setState({ message });
    return message;
  }
  const i = Math.max(0, Math.min(tour.steps.length - 1, Math.trunc(index)));
  const scenario = raceTourRace(tour, i);
  const m = loadRace(store, scenario, {}, (tour.steps[i] as RaceTourStep).schedule);
  raceTourStore(store).setState({ at: { name, index: i, scenario } });
  return m;
}

/** Leaves the tour: what is on screen stays, as free play. */
export const endRaceTour = (store: RaceStore): void => raceTourStore(store).setState({ at: null });

/** The tour on, its step and where the step is: null when no tour is on. */
export function activeRaceTour(
  scenario: RaceScenario | null,
  at: RaceTourAt | null,
): { tour: RaceTour; index: number; step: RaceTourStep; scenario: RaceScenario } | null {
  if (at === null || scenario !== at.scenario) return null;
  const tour = raceTourByName(at.name);
  const step = tour?.steps[at.index];
  return tour === undefined || step === undefined
    ? null
    : { tour, index: at.index, step, scenario: at.scenario };
}

/** Is the workspace still exactly where the tour step put it (its knobs, schedule, cursor at the end)? */
export function atTourStep(s: RaceState, at: RaceTourAt | null): boolean {
  const a = activeRaceTour(s.scenario, at);
  return (
    a !== null &&
    s.cursor === s.schedule.length &&
    // A knob changed since (setKnob keeps the race): the address must carry the link instead.
    Object.entries(a.scenario.knobs).every(([k, v]) => s.knobs?.[k as keyof RaceKnobs] === v) &&
    s.schedule.length === a.step.schedule.length &&
    s.schedule.every((x, i) => x === a.step.schedule[i])
  );
}

/** A tour in the race route: `?race=<tour>` (its first step) or `?race=<tour>.<step from 1>`. */
export function tourRoute(route: string): { name: string; index: number } | null {
  const m = /^(.+?)(?:\.(\d{1,3}))?$/.exec(route);
  if (m === null || raceTourByName(m[1] as string) === undefined) return null;
  return { name: m[1] as string, index: m[2] === undefined ? 0 : Math.max(0, Number(m[2]) - 1) };
}

/** The route value of a tour step (`race-gup-fast-recheck.3` for its third step). */
export const tourRouteOf = (at: RaceTourAt): string => `${at.name}.${at.index + 1}`;

/** The shared state a step is about, in the words of the lock strip and the state view. */
export const FOCUS_ON_NAME: Record<RaceFocusOn, string> = {
  attributes: 'the memory attributes (shared or private)',
  invalidate_lock: 'the invalidate_lock',
  mmu_lock: 'the mmu_lock readers',
  mmu_invalidate_seq: 'mmu_invalidate_seq',
  references: 'the folio references',
  host_pte: "the host's page table entry",
  stage2: 'the stage-2 mapping',
};

/**
 * Every unfinished actor waits and none can move at the cursor: the sentence saying so, or
 * null. (The tour that ends in a hang ends here.)
 */
export function deadlockAt(s: RaceState): string | null {
  const w = s.run?.worlds[s.cursor];
  if (s.run === null || w === undefined) return null;
  const race = s.run.race;
  const waits = race.order.flatMap((id) => {
    const b = blockedBy(race, w, id);
    return b === 'done' ? [] : [{ id, b }];
  });
  if (waits.length === 0 || waits.some((x) => x.b === undefined)) return null;
  const what = waits.map((x) => `${x.id} waits at ${w.actors[x.id]?.pc ?? ''} for ${x.b?.on ?? ''}`);
  return `Deadlock: no actor can move (${what.join('; ')}).`;
}

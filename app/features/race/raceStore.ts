/**
 * The race workspace's store (spec/races.md §9): the race scenario, its knobs, the schedule
 * the user (or a loaded violation) made, the selected micro-step, and the exploration. Its
 * own store, next to the simulation's: nothing here touches the document or its history.
 * Everything shown is derived from (scenario, knobs, schedule) by replaying the schedule.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  blockedBy,
  parseRace,
  type CoreEvent,
  type Policy,
  raceFrom,
  traceStep,
  type ExploreResult,
  type Race,
  type RaceKnobs,
  type RaceScenario,
  type RaceViolation,
  type RaceWorld,
} from '../../../core/index.ts';
import { presetById, presetJson } from './presets.ts';

/** One micro-step of the schedule as it ran. */
export interface RanStep {
  readonly actor: string;
  readonly label: string;
  readonly fn: string;
  /** Core events, then race-only ones (lock, unlock, recheck…, and wait/spin of actors it left waiting). */
  readonly events: readonly CoreEvent[];
  readonly violations: readonly RaceViolation[];
}

/** The schedule replayed: worlds[i] is the world after i micro-steps (worlds[0]: the start). */
export interface RaceRun {
  readonly race: Race;
  readonly worlds: readonly RaceWorld[];
  readonly steps: readonly RanStep[];
}

/** The exploration of every interleaving, run by an Explorer (a Web Worker in the app). */
export interface Exploration {
  readonly status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** States found so far (progress while running). */
  readonly states: number;
  readonly result: ExploreResult | null;
  /** The result before the last knob change, to show what the change did ("0 → 12 of 40"). */
  readonly before: ExploreResult | null;
  /** The knob change that led from `before` to `result`. */
  readonly change: string | null;
  readonly error: string | null;
}

export interface RaceState {
  readonly scenario: RaceScenario | null;
  readonly presetId: string | null;
  readonly knobs: RaceKnobs | null;
  readonly schedule: readonly string[];
  /** Micro-steps shown: the view shows the world after `cursor` steps (0: the start). */
  readonly cursor: number;
  readonly run: RaceRun | null;
  readonly exploration: Exploration;
  /** Why the last load or scheduling did not go as asked (a stuck schedule, a bad file). */
  readonly message: string | null;
}

/** The store, with the explorer it runs explorations in and the running one's cancel. */
export type RaceStore = StoreApi<RaceState> & {
  readonly explorer: Explorer;
  readonly job: { cancel: (() => void) | null };
};

export interface ExploreJob {
  readonly scenario: RaceScenario;
  readonly knobs: RaceKnobs;
}

export interface ExploreCallbacks {
  progress(states: number): void;
  done(result: ExploreResult): void;
  failed(message: string): void;
}

/** Runs `explore` somewhere (a worker); returns a cancel function. */
export type Explorer = (job: ExploreJob, on: ExploreCallbacks) => () => void;

const IDLE: Exploration = {
  status: 'idle',
  states: 0,
  result: null,
  before: null,
  change: null,
  error: null,
};

export function createRaceStore(explorer: Explorer): RaceStore {
  const store = createStore<RaceState>()(() => ({
    scenario: null,
    presetId: null,
    knobs: null,
    schedule: [],
    cursor: 0,
    run: null,
    exploration: IDLE,
    message: null,
  }));
  return Object.assign(store, { explorer, job: { cancel: null } });
}

/** Replays `schedule` from the race's start; stops at the first entry that cannot move. */
function replaySchedule(
  race: Race,
  schedule: readonly string[],
): { run: RaceRun; ran: string[]; stuck: string | null } {
  const worlds: RaceWorld[] = [race.start];
  const steps: RanStep[] = [];
  const ran: string[] = [];
  for (const [i, actor] of schedule.entries()) {
    const w = worlds[worlds.length - 1] as RaceWorld;
    const b = race.order.includes(actor) ? blockedBy(race, w, actor) : 'unknown';
    if (b !== undefined) {
      const why =
        b === 'unknown'
          ? `names no actor (actors: ${race.order.join(', ')})`
          : b === 'done'
            ? `${actor} is done`
            : `${actor} waits at ${w.actors[actor]?.pc ?? ''} for ${b.on}`;
      return {
        run: { race, worlds, steps },
        ran,
        stuck: `Schedule entry ${i + 1} (${actor}) cannot run: ${why}. The schedule stops before it.`,
      };
    }
    const o = traceStep(race, w, actor);
    worlds.push(o.world);
    steps.push({ actor, label: o.label, fn: o.fn, events: o.events, violations: o.violations });
    ran.push(actor);
  }
  return { run: { race, worlds, steps }, ran, stuck: null };
}

const clamp = (c: number, n: number): number => Math.max(0, Math.min(n, Math.trunc(c)));

/**
 * THE entry point (presets, share links, tours): opens `scenario` with `knobs` (merged over
 * the scenario's own), replays `schedule` and selects micro-step `cursor` (default: the
 * last). A schedule that gets stuck is kept up to where it stopped, with a message; a
 * scenario whose creation is refused is not opened (what was open stays) and the message
 * says why. Returns that message, or null.
 */
export function loadRace(
  store: RaceStore,
  scenario: RaceScenario,
  knobs: Partial<RaceKnobs> = {},
  schedule: readonly string[] = [],
  cursor?: number,
  presetId: string | null = null,
): string | null {
  const k: RaceKnobs = { ...scenario.knobs, ...knobs };
  const race = raceFrom({ ...scenario, knobs: k });
  if (race === null) {
    const message = 'This race cannot start: KVM_CREATE_GUEST_MEMFD refuses its file configuration.';
    store.setState({ message });
    return message;
  }
  const r = replaySchedule(race, schedule);
  store.setState({
    scenario,
    presetId,
    knobs: k,
    schedule: r.ran,
    cursor: clamp(cursor ?? r.ran.length, r.ran.length),
    run: r.run,
    exploration: IDLE,
    message: r.stuck,
  });
  return r.stuck;
}

/** A race file's JSON: parsed, then loaded; a malformed one leaves what was open and says why. */
export function loadRaceJson(store: RaceStore, raw: unknown): string | null {
  const p = parseRace(raw);
  if (!p.ok) {
    const message = `Not a valid race: ${p.errors
      .slice(0, 3)
      .map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`))
      .join('; ')}${p.errors.length > 3 ? ` (and ${p.errors.length - 3} more)` : ''}`;
    store.setState({ message });
    return message;
  }
  return loadRace(store, p.race, {}, p.race.schedule ?? []);
}

/** Opens a preset by id (its knobs over the example's). */
export function loadPreset(store: RaceStore, id: string): string | null {
  const p = presetById(id);
  if (p === undefined) {
    const message = `There is no race preset "${id}".`;
    store.setState({ message });
    return message;
  }
  const parsed = parseRace(presetJson(p));
  if (!parsed.ok) throw new Error(`preset ${id}: ${JSON.stringify(parsed.errors)}`);
  return loadRace(store, parsed.race, p.knobs, [], undefined, id);
}

/** Back to the preset picker. */
export function closeRace(store: RaceStore): void {
  cancelExplore(store);
  store.setState({ scenario: null, presetId: null, knobs: null, schedule: [], cursor: 0, run: null });
}

/** Why actor `id` cannot move at the cursor (undefined: it can). */
export function whyNot(s: RaceState, id: string): string | undefined {
  const w = s.run?.worlds[s.cursor];
  if (s.run === null || w === undefined) return 'no race is open';
  const b = blockedBy(s.run.race, w, id);
  if (b === undefined) return undefined;
  return b === 'done' ? `${id} is done` : `waits for ${b.on}`;
}

/**
 * "You are the scheduler": actor `id` takes its next micro-step after the selected one. Steps
 * after the cursor are dropped (a new schedule from here).
 */
export function scheduleActor(store: RaceStore, id: string): string | null {
  const s = store.getState();
  const why = whyNot(s, id);
  if (why !== undefined || s.run === null) {
    const message = `${id} cannot move: ${why ?? 'no race is open'}.`;
    store.setState({ message });
    return message;
  }
  const w = s.run.worlds[s.cursor] as RaceWorld;
  const o = traceStep(s.run.race, w, id);
  const run: RaceRun = {
    race: s.run.race,
    worlds: [...s.run.worlds.slice(0, s.cursor + 1), o.world],
    steps: [
      ...s.run.steps.slice(0, s.cursor),
      { actor: id, label: o.label, fn: o.fn, events: o.events, violations: o.violations },
    ],
  };
  store.setState({
    schedule: [...s.schedule.slice(0, s.cursor), id],
    cursor: s.cursor + 1,
    run,
    message: null,
  });
  return null;
}

/** Step back: the last micro-step up to the cursor is undone (the schedule's prefix replays). */
export function stepBack(store: RaceStore): void {
  const s = store.getState();
  if (s.cursor === 0 || s.run === null) return;
  const n = s.cursor - 1;
  store.setState({
    schedule: s.schedule.slice(0, n),
    cursor: n,
    run: { ...s.run, worlds: s.run.worlds.slice(0, n + 1), steps: s.run.steps.slice(0, n) },
    message: null,
  });
}

/** Selects a micro-step: the view shows the world after it (0: the start). */
export function selectStep(store: RaceStore, cursor: number): void {
  const s = store.getState();
  store.setState({ cursor: clamp(cursor, s.schedule.length) });
}

/**
 * Loads a schedule (an outcome's example, a violation's shortest schedule), paused at its end,
 * or with `pause` 'violation' at its first micro-step that breaks an invariant (the banner
 * then names it).
 */
export function loadSchedule(
  store: RaceStore,
  schedule: readonly string[],
  pause: 'end' | 'violation' = 'end',
): string | null {
  const s = store.getState();
  if (s.scenario === null || s.knobs === null) return 'no race is open';
  const exploration = s.exploration;
  const m = loadRace(store, s.scenario, s.knobs, schedule, undefined, s.presetId);
  const steps = store.getState().run?.steps ?? [];
  const bad = steps.findIndex((x) => x.violations.length > 0);
  store.setState(pause === 'violation' && bad >= 0 ? { exploration, cursor: bad + 1 } : { exploration });
  return m;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Changes one knob: the schedule replays under it (stopping where it no longer can) and the
 * exploration runs again, remembering the previous result to show what changed.
 */
export function setKnob<K extends keyof RaceKnobs>(store: RaceStore, knob: K, value: RaceKnobs[K]): void {
  const s = store.getState();
  if (s.scenario === null || s.knobs === null || s.knobs[knob] === value) return;
  retune(
    store,
    s.scenario,
    { ...s.knobs, [knob]: value },
    `${knob}: ${show(s.knobs[knob])} → ${show(value)}`,
  );
}

/** The policy knobs that change a race's paths (races.md §6.3: "existing policy knobs also apply"). */
export const RACE_POLICY_KNOBS = ['hostUnmap', 'unsafeSkipRefCheck', 'unsafeSkipZap'] as const;
export type RacePolicyKnob = (typeof RACE_POLICY_KNOBS)[number];

/** Changes a policy knob of the race's file, like setKnob. */
export function setPolicy<K extends RacePolicyKnob>(store: RaceStore, knob: K, value: Policy[K]): void {
  const s = store.getState();
  if (s.scenario === null || s.knobs === null) return;
  const config = s.scenario.setup.config;
  if (config.policy[knob] === value) return;
  const setup = { ...s.scenario.setup, config: { ...config, policy: { ...config.policy, [knob]: value } } };
  retune(store, { ...s.scenario, setup }, s.knobs, `${knob}: ${show(config.policy[knob])} → ${show(value)}`);
}

function retune(store: RaceStore, scenario: RaceScenario, knobs: RaceKnobs, change: string): void {
  const s = store.getState();
  const before = s.exploration.result ?? s.exploration.before;
  cancelExplore(store);
  loadRace(store, scenario, knobs, s.schedule, s.cursor, s.presetId);
  store.setState({ exploration: { ...IDLE, before, change } });
  runExplore(store);
}

/** Explores every interleaving of the open race (in the explorer: a worker in the app). */
export function runExplore(store: RaceStore): void {
  const s = store.getState();
  if (s.scenario === null || s.knobs === null) return;
  cancelExplore(store);
  const job = { scenario: s.scenario, knobs: s.knobs };
  // Answers of a cancelled or replaced run are ignored (a worker may still be posting).
  const mine = { over: false };
  const update = (e: Partial<Exploration>): void => {
    if (!mine.over) store.setState({ exploration: { ...store.getState().exploration, ...e } });
  };
  const finish = (e: Partial<Exploration>): void => {
    update(e);
    mine.over = true;
    store.job.cancel = null;
  };
  store.setState({
    exploration: { ...store.getState().exploration, status: 'running', states: 0, result: null, error: null },
  });
  const stop = () => {
    mine.over = true;
    cancel();
  };
  store.job.cancel = stop;
  const cancel = store.explorer(job, {
    progress: (states) => update({ states }),
    done: (result) => finish({ status: 'done', states: result.states, result }),
    failed: (error) => finish({ status: 'failed', error }),
  });
  if (mine.over) store.job.cancel = null;
}

/** Stops the running exploration (the worker is terminated); what was found so far is dropped. */
export function cancelExplore(store: RaceStore): void {
  const cancel = store.job.cancel;
  if (cancel === null) return;
  store.job.cancel = null;
  cancel();
  const e = store.getState().exploration;
  if (e.status === 'running') store.setState({ exploration: { ...e, status: 'cancelled' } });
}

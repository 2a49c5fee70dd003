/**
 * Helpers for the race tests: a race scenario from a short description, explored or replayed.
 * Not part of the public API, except `raceJson` (the app's race presets are written with it).
 */
import type { CoreEvent, GmemState, Op, Refusal } from '../types.ts';
import { explore, type ExploreResult } from './explore.ts';
import { DEFAULT_RACE_KNOBS } from './knobs.ts';
import { enabledActors, keyOf, prepareRace, stepActor, type Race } from './session.ts';
import { parseRace, type RaceScenario } from './format.ts';
import { raceFrom } from './trace.ts';

export interface RaceSpec {
  vm?: string;
  size?: string;
  pageSize?: string;
  initShared?: boolean;
  policy?: Record<string, unknown>;
  setup?: Record<string, unknown>[];
  actors: Record<string, unknown>[];
  knobs?: Record<string, unknown>;
  schedule?: string[];
}

/** The race scenario JSON of a spec (4K pages, a 16K file with mmap by default). */
export const raceJson = (s: RaceSpec): Record<string, unknown> => ({
  format: 'folioscope-race',
  version: 1,
  vm: { type: s.vm ?? 'sw_protected' },
  gmem: { size: s.size ?? '16K', pageSize: s.pageSize ?? '4K', mmap: true, initShared: s.initShared ?? true },
  policy: s.policy ?? {},
  setup: s.setup ?? [],
  actors: s.actors,
  ...(s.knobs === undefined ? {} : { knobs: s.knobs }),
  ...(s.schedule === undefined ? {} : { schedule: s.schedule }),
});

/** Parses a spec; throws (a test bug) when it is invalid. */
export function raceOf(s: RaceSpec): RaceScenario {
  const r = parseRace(raceJson(s));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.race;
}

export function exploreSpec(s: RaceSpec): ExploreResult {
  const race = raceOf(s);
  const r = raceFrom(race);
  if (r === null) throw new Error('creation refused');
  return explore(r, race.explore);
}

/** Outcomes as sorted "C=ok G=EFAULT" strings (with a note on host and guest mappings). */
export const outcomeSet = (x: ExploreResult): string[] =>
  x.outcomes
    .map((o) =>
      Object.entries(o.results)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    )
    .toSorted();

/** The shortest violating schedule's labels, its invariant and the step it breaks at. */
export const shortest = (x: ExploreResult) => {
  const v = x.violations.toSorted((a, b) => a.labels.length - b.labels.length)[0];
  return v === undefined ? undefined : { labels: v.labels.join(' '), invariant: v.invariant };
};

/**
 * One op's program run alone with the explorer's runner (session.ts stepActor): identity maps
 * synced after every step, the race-only references taken and dropped, the race invariants
 * checked. Null when the actor cannot finish.
 */
export function runTracked(
  s: GmemState,
  op: Op,
): { state: GmemState; events: readonly CoreEvent[]; refusal?: Refusal } | null {
  const r = prepareRace(s, [{ id: 'A', op }], {
    ...DEFAULT_RACE_KNOBS,
    tdxRemovalFailure: s.config.policy.tdxRemovalFailure,
  });
  let w = r.start;
  while (enabledActors(r, w).length > 0) w = stepActor(r, w, 'A').world;
  const a = w.actors['A'];
  if (a?.result === undefined) return null;
  return {
    state: w.g,
    events: a.events,
    ...(a.result.refusal === undefined ? {} : { refusal: a.result.refusal }),
  };
}

/** Every "actor:label" some interleaving of the race runs (a search over its state graph). */
export function reachedSteps(r: Race): Set<string> {
  const ran = new Set<string>();
  const keys = new Set([keyOf(r, r.start)]);
  const todo = [r.start];
  for (let w = todo.pop(); w !== undefined; w = todo.pop())
    for (const a of enabledActors(r, w)) {
      const o = stepActor(r, w, a);
      ran.add(`${a}:${o.label}`);
      const k = keyOf(r, o.world);
      if (keys.has(k)) continue;
      keys.add(k);
      todo.push(o.world);
    }
  return ran;
}

import type { GmemState } from '../types.ts';
import { syncIdentity } from './identity.ts';
import { raceViolations, type RaceViolation } from './invariants.ts';
import { worldKey } from './key.ts';
import { runStep, waitOf, type Program, type StepOutcome } from './program.ts';
import { withKnobs } from './knobs.ts';
import { programOf } from './programs/index.ts';
import type { ActorSpec, RaceKnobs, Wait, World } from './types.ts';
import { startWorld } from './world.ts';

/** A race ready to run: the actors' programs over the state the setup left. */
export interface Race {
  readonly actors: readonly ActorSpec[];
  readonly order: readonly string[];
  readonly knobs: RaceKnobs;
  readonly programs: Readonly<Record<string, Program>>;
  readonly start: World;
}

export function prepareRace(g0: GmemState, actors: readonly ActorSpec[], knobs: RaceKnobs): Race {
  const g = withKnobs(g0, knobs);
  const programs = Object.fromEntries(
    actors.map((a) => [a.id, programOf({ actor: a, knobs, config: g.config })]),
  );
  const first = (a: ActorSpec): string => programs[a.id]?.[0]?.label ?? '';
  return { actors, order: actors.map((a) => a.id), knobs, programs, start: startWorld(g, actors, first) };
}

/** Why actor `id` cannot move now: done, or waiting (§5). */
export function blockedBy(r: Race, w: World, id: string): Wait | 'done' | undefined {
  const a = w.actors[id];
  if (a === undefined || a.status === 'done') return 'done';
  return waitOf(r.programs[id] as Program, w, id);
}

export const enabledActors = (r: Race, w: World): string[] =>
  r.order.filter((id) => blockedBy(r, w, id) === undefined);

/** One micro-step of actor `id` (enabled), the world after it and what broke. */
export function stepActor(r: Race, w: World, id: string): StepOutcome & { violations: RaceViolation[] } {
  const o = runStep(r.programs[id] as Program, w, id);
  const world = syncIdentity(o.world);
  return { ...o, world, violations: raceViolations(world) };
}

export const keyOf = (r: Race, w: World): string => worldKey(w, r.order);

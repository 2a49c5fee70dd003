import type { CoreEvent, GmemState } from '../types.ts';
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

/** Resources whose wait is a spin on a value, not a lock (§5). */
export const SPINS: readonly Wait['resource'][] = ['folio_ref_freeze', 'mmu_invalidate'];

/**
 * A micro-step as a trace records it (§6.2, the app's scheduler): stepActor, then a `wait` or
 * `spin` event (race-only, §4.1) for each actor this step left waiting on something new — the
 * mover at its next step, or another actor whose next step this one disabled. The event
 * names the waiter's blocked kernel function and covers its page, so the views of that page
 * say it waits. The explorer uses stepActor: it keeps no events.
 */
export function traceStep(r: Race, w: World, id: string): ReturnType<typeof stepActor> {
  const o = stepActor(r, w, id);
  const waits: CoreEvent[] = [];
  for (const a of r.actors) {
    const after = blockedBy(r, o.world, a.id);
    if (after === undefined || after === 'done') continue;
    const before = blockedBy(r, w, a.id);
    const pc = o.world.actors[a.id]?.pc ?? '';
    const same = typeof before === 'object' && before.on === after.on && w.actors[a.id]?.pc === pc;
    if (same) continue;
    const spin = SPINS.includes(after.resource);
    const op = a.op as { offset: number; length?: unknown };
    waits.push({
      type: spin ? 'spin' : 'wait',
      fn: r.programs[a.id]?.find((s) => s.label === pc)?.fn ?? pc,
      offset: op.offset,
      length: typeof op.length === 'number' ? op.length : o.world.g.config.pageSize,
      detail: `${a.id} ${spin ? 'spins' : 'waits'} at ${pc} for ${after.on}`,
    });
  }
  return waits.length === 0 ? o : { ...o, events: [...o.events, ...waits] };
}

import { EMPTY } from '../state/rangeMap.ts';
import type { GmemState } from '../types.ts';
import { syncIdentity } from './identity.ts';
import type { Ctx } from './program.ts';
import type { ActorSpec, World } from './types.ts';

const FREE: World['locks'] = { invalidate: null, mmu: [], folio: {} };
const QUIET: World['kvm'] = { seq: 0, inProgress: 0, range: null };

/** The race starts from the setup's final state with every lock free, seq = in_progress = 0 (§4.4). */
export function startWorld(
  g: GmemState,
  actors: readonly ActorSpec[],
  firstLabel: (a: ActorSpec) => string,
): World {
  const w: World = {
    ...aloneWorld(g),
    alone: false,
    actors: Object.fromEntries(
      actors.map((a) => [a.id, { pc: firstLabel(a), status: 'running', locals: {}, events: [] }]),
    ),
  };
  return syncIdentity(w);
}

/**
 * The world of one actor alone: no identity maps, nothing to sync. Its `actors` stay empty:
 * the lean runner (solo.ts) keeps the actor's progress in its own loop.
 */
export function aloneWorld(g: GmemState): World {
  return {
    g,
    alone: true,
    locks: FREE,
    kvm: QUIET,
    mem: EMPTY,
    pteIds: EMPTY,
    s2Ids: EMPTY,
    gone: {},
    sept: EMPTY,
    nextFid: 1,
    actors: {},
  };
}

/** Makes the folio identity of the step's draft current (after an allocation inside the step). */
export function synced(c: Ctx): void {
  c.w = syncIdentity({ ...c.w, g: c.tx.s });
}

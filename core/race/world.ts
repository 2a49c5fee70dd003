import { EMPTY } from '../state/rangeMap.ts';
import type { GmemState } from '../types.ts';
import { syncIdentity } from './identity.ts';
import type { Ctx } from './program.ts';
import type { ActorSpec, World } from './types.ts';

/** The race starts from the setup's final state with every lock free, seq = in_progress = 0 (§4.4). */
export function startWorld(
  g: GmemState,
  actors: readonly ActorSpec[],
  firstLabel: (a: ActorSpec) => string,
): World {
  const w: World = {
    g,
    locks: { invalidate: null, mmu: [], folio: {} },
    kvm: { seq: 0, inProgress: 0, range: null },
    mem: EMPTY,
    pteIds: EMPTY,
    s2Ids: EMPTY,
    gone: {},
    sept: EMPTY,
    nextFid: 1,
    actors: Object.fromEntries(
      actors.map((a) => [a.id, { pc: firstLabel(a), status: 'running', locals: {}, events: [] }]),
    ),
  };
  return syncIdentity(w);
}

/** Makes the folio identity of the step's draft current (after an allocation inside the step). */
export function synced(c: Ctx): void {
  c.w = syncIdentity({ ...c.w, g: c.tx.s });
}

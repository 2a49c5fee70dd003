import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * GUP with FOLL_PIN through the VMM's mapping: the GUP program G
 * (core/race/programs/gup.ts) run alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example pin(s, { op: 'pin', offset: 0, length: 4096, holder: 'vfio' })
 */
export const pin = (s: GmemState, op: OpOf<'pin'>): OpResult => actorOp(s, op);

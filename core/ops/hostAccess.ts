import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * The VMM loads or stores through its mapping: the host fault H
 * (core/race/programs/hostFault.ts) run alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example hostAccess(s, { op: 'hostAccess', offset: 0, write: true })
 */
export const hostAccess = (s: GmemState, op: OpOf<'hostAccess'>): OpResult => actorOp(s, op);

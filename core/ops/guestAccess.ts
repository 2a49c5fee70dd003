import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * A vCPU touches GPA `offset`: the vCPU fault V (core/race/programs/vcpuFault.ts) run
 * alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example guestAccess(s, { op: 'guestAccess', offset: 0, write: true })
 */
export const guestAccess = (s: GmemState, op: OpOf<'guestAccess'>): OpResult => actorOp(s, op);

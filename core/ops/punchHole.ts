import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * fallocate(PUNCH_HOLE | KEEP_SIZE): the punch-hole program P
 * (core/race/programs/punchHole.ts) run alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example punchHole(s, { op: 'punchHole', offset: 0, length: 4096 })
 */
export const punchHole = (s: GmemState, op: OpOf<'punchHole'>): OpResult => actorOp(s, op);

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * unpin_user_pages by one holder: the release program U (core/race/programs/release.ts)
 * run alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example unpin(s, { op: 'unpin', offset: 0, length: 4096, holder: 'vfio' })
 */
export const unpin = (s: GmemState, op: OpOf<'unpin'>): OpResult => actorOp(s, op);

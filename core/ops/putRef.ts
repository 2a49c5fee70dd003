import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * folio_put of a transient reference: the release program U
 * (core/race/programs/release.ts) run alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example putRef(s, { op: 'putRef', offset: 0, holder: 'vfio' })
 */
export const putRef = (s: GmemState, op: OpOf<'putRef'>): OpResult => actorOp(s, op);

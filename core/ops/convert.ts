import type { GmemState, OpOf, OpResult } from '../types.ts';
import { actorOp } from '../race/solo.ts';

/**
 * The conversion ioctl (KVM_SET_MEMORY_ATTRIBUTES2 on the guest_memfd): its program C
 * (core/race/programs/convert.ts) run alone. One implementation serves `apply` and the race explorer
 * (core/README.md, "Race explorer").
 * @example convert(s, { op: 'convert', offset: 0, length: 4096, to: 'shared' })
 */
export const convert = (s: GmemState, op: OpOf<'convert'>): OpResult => actorOp(s, op);

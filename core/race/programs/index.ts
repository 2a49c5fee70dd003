import type { Build, Program } from '../program.ts';
import { convertProgram } from './convert.ts';
import { faultConvertProgram } from './faultConvert.ts';
import { gupProgram } from './gup.ts';
import { hostAccessProgram } from './hostFault.ts';
import { punchHoleProgram } from './punchHole.ts';
import { releaseProgram } from './release.ts';
import { vcpuFaultProgram } from './vcpuFault.ts';

/** The ops an actor may run (§6.1) and the program kind of each: C, G, U, H, V, P, L. */
export const ACTOR_KINDS = {
  convert: 'C',
  pin: 'G',
  unpin: 'U',
  putRef: 'U',
  hostAccess: 'H',
  guestAccess: 'V',
  punchHole: 'P',
  faultConvert: 'L',
} as const;

/** The micro-step program of one actor, with the knobs applied (removed steps are absent). */
export function programOf(b: Build): Program {
  const op = b.actor.op;
  switch (op.op) {
    case 'convert':
      return convertProgram(b);
    case 'pin':
      return gupProgram(b);
    case 'unpin':
    case 'putRef':
      return releaseProgram(b);
    case 'hostAccess':
      return hostAccessProgram(b);
    case 'guestAccess':
      return vcpuFaultProgram(b);
    case 'punchHole':
      return punchHoleProgram(b);
    case 'faultConvert':
      return faultConvertProgram(b);
    default:
      throw new Error(`no race program for ${op.op}`);
  }
}

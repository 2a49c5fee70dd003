import type { Build, Program } from '../program.ts';
import { convertProgram } from './convert.ts';
import { faultConvertProgram } from './faultConvert.ts';
import { gupProgram } from './gup.ts';
import { hostFaultSteps } from './hostFault.ts';
import { needAligned } from '../../ops/checks.ts';
import { valueAt } from '../../state/rangeMap.ts';
import { refuse } from '../../state/tx.ts';
import { hex } from '../../units.ts';
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
      return hostFaultSteps(b, {
        x: op.offset,
        write: op.write === true,
        entry: (c) => {
          const fn = 'kvm_gmem_fault_user_mapping';
          const bad = needAligned(fn, op.offset);
          if (bad !== undefined) return bad;
          if (valueAt(c.tx.s.vmas, op.offset) === undefined)
            return refuse(
              'SIGSEGV',
              'host.no-vma',
              'do_user_addr_fault',
              `the VMM has no mapping of ${hex(op.offset)}`,
            );
          if (op.offset >= c.tx.s.config.size)
            return refuse('SIGBUS', 'host.beyond-eof', fn, `${hex(op.offset)} is past the end of the file`);
          return undefined;
        },
      });
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

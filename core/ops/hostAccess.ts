import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE, hex } from '../units.ts';
import { allocate, zeroFolio } from '../state/folioOps.ts';
import { folioAt, widenToBlocks } from '../state/folios.ts';
import { anyIn, valueAt } from '../state/rangeMap.ts';
import { emit, newTx, refuse, write } from '../state/tx.ts';
import { needAligned } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'kvm_gmem_fault_user_mapping';

/**
 * The VMM loads or stores through its mapping. A present PTE is a plain access; otherwise the
 * fault handler maps a 4K PTE, or answers SIGBUS for a private, poisoned or past-EOF page.
 * @example hostAccess(s, { op: 'hostAccess', offset: 0, write: true })
 */
export function hostAccess(s: GmemState, op: OpOf<'hostAccess'>): OpResult {
  const bad = needAligned(FN, op.offset);
  if (bad !== undefined) return refused(s, bad);
  const x = op.offset;
  if (valueAt(s.vmas, x) === undefined)
    return refused(
      s,
      refuse('SIGSEGV', 'host.no-vma', 'do_user_addr_fault', `the VMM has no mapping of ${hex(x)}`),
    );
  if (x >= s.config.size)
    return refused(
      s,
      refuse(
        'SIGBUS',
        'host.beyond-eof',
        FN,
        `${hex(x)} is past the end of the file (${hex(s.config.size)})`,
      ),
    );
  if (valueAt(s.attrs, x) === 'private')
    return refused(
      s,
      refuse(
        'SIGBUS',
        'host.private',
        FN,
        `${hex(x)} is private: the host may not fault it (-EACCES becomes SIGBUS)`,
      ),
    );
  const folio = folioAt(s, x);
  if (folio !== undefined && anyIn(s.poisoned, folio.start, folio.start + folio.size))
    return refused(
      s,
      refuse(
        'SIGBUS',
        'host.poisoned',
        FN,
        `the folio at ${hex(folio.start)} is poisoned (VM_FAULT_HWPOISON)`,
      ),
    );
  const tx = newTx(s);
  if (valueAt(s.ptes, x) !== undefined)
    emit(tx, {
      type: 'host_access',
      fn: 'none: PTE present',
      offset: x,
      length: PAGE,
      detail: op.write === true ? 'store' : 'load',
    });
  else {
    emit(tx, {
      type: 'host_fault',
      fn: FN,
      offset: x,
      length: PAGE,
      detail: op.write === true ? 'write fault' : 'read fault',
    });
    const [a, b] = widenToBlocks(s.config, x, x + PAGE);
    const err = allocate(tx, a, b);
    if (err !== undefined) return refused(s, err);
    const f = folioAt(tx.s, x);
    if (f !== undefined) zeroFolio(tx, f);
    write(tx, 'ptes', x, x + PAGE, true);
    emit(tx, { type: 'pte_map', fn: FN, offset: x, length: PAGE, detail: '4K PTE installed' });
  }
  if (op.write === true) write(tx, 'contents', x, x + PAGE, 'host');
  return done(tx);
}

import type { GmemState, OpOf, OpResult } from '../types.ts';
import { PAGE, hex } from '../units.ts';
import { allocate, zeroFolio } from '../state/folioOps.ts';
import { folioAt, widenToBlocks } from '../state/folios.ts';
import { anyIn, runAt, valueAt } from '../state/rangeMap.ts';
import { mapStage2 } from '../state/stage2.ts';
import { fileReleased } from '../state/evict.ts';
import { emit, newTx, refuse, type Tx, write } from '../state/tx.ts';
import { first, needAligned, needInFile } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'kvm_gmem_get_pfn';

/**
 * A vCPU touches GPA `offset` (GPA = file offset). A present leaf is a plain access; otherwise
 * the fault goes through kvm_gmem_get_pfn: allocate, zero on first use, prepare (SNP RMP,
 * TDX AUG) and map at the largest level allowed. An access whose kind differs from the
 * page's attribute exits to userspace with KVM_EXIT_MEMORY_FAULT.
 * @example guestAccess(s, { op: 'guestAccess', offset: 0, write: true })
 */
export function guestAccess(s: GmemState, op: OpOf<'guestAccess'>): OpResult {
  const bad = first(
    // kvm->vm_dead (a KVM_BUG_ON, tdxRemovalFailure "bug"): kvm_vcpu_ioctl answers EIO.
    () =>
      s.vmDead
        ? refuse(
            'EIO',
            'vm.dead',
            'kvm_vcpu_ioctl',
            'the VM is dead (KVM_BUG_ON after a failed S-EPT removal): KVM_RUN fails with EIO',
          )
        : undefined,
    // The file lives while a VMA holds it: only after kvm_gmem_release does
    // kvm_gmem_get_file() (get_file_active) find nothing.
    () =>
      fileReleased(s)
        ? refuse(
            'EFAULT',
            'guest.closed',
            FN,
            'the guest_memfd was released (closed, no VMA left): the memslot has no file behind it',
          )
        : undefined,
    () => needAligned(FN, op.offset),
    () => needInFile(s, FN, op.offset),
  );
  if (bad !== undefined) return refused(s, bad);
  const attr = valueAt(s.attrs, op.offset) ?? 'private';
  const as = op.as ?? attr;
  if (as !== attr)
    return refused(
      s,
      refuse(
        'EFAULT',
        'guest.attribute-mismatch',
        'kvm_mmu_prepare_memory_fault_exit',
        `the guest accessed ${hex(op.offset)} as ${as} but it is ${attr}: KVM_RUN exits to userspace, which must convert it`,
        { exit: 'KVM_EXIT_MEMORY_FAULT' },
      ),
    );
  const folio = folioAt(s, op.offset);
  if (folio !== undefined && anyIn(s.poisoned, folio.start, folio.start + folio.size))
    return refused(
      s,
      refuse(
        'EHWPOISON',
        'guest.poisoned',
        FN,
        `the folio at ${hex(folio.start)} is poisoned after a memory failure`,
      ),
    );
  const tx = newTx(s);
  const leaf = runAt(s.stage2, op.offset);
  if (leaf !== undefined)
    emit(tx, {
      type: 'guest_access',
      fn: 'KVM_RUN',
      offset: op.offset,
      length: PAGE,
      detail: `${leaf.value.kind} leaf present: no exit`,
    });
  else {
    const err = fault(tx, op.offset, attr);
    if (err !== undefined) return refused(s, err);
  }
  if (op.write === true) write(tx, 'contents', op.offset, op.offset + PAGE, 'guest');
  return done(tx);
}

function fault(tx: Tx, offset: number, attr: 'shared' | 'private') {
  emit(tx, { type: 'guest_fault', fn: FN, offset, length: PAGE, detail: `${attr} fault` });
  const [a, b] = widenToBlocks(tx.s.config, offset, offset + PAGE);
  const err = allocate(tx, a, b);
  if (err !== undefined) return err;
  const folio = folioAt(tx.s, offset);
  if (folio !== undefined) zeroFolio(tx, folio);
  if (attr === 'private' && tx.s.config.vmType === 'snp')
    emit(tx, {
      type: 'arch_prepare',
      fn: 'sev_gmem_prepare',
      offset,
      length: PAGE,
      detail: 'RMP entry assigned to the guest',
    });
  mapStage2(tx, offset, attr);
  return undefined;
}

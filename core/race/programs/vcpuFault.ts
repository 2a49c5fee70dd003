import type { Attr, OpOf, Refusal } from '../../types.ts';
import { PAGE, hex } from '../../units.ts';
import { first, needAligned, needInFile } from '../../ops/checks.ts';
import { fileReleased } from '../../state/evict.ts';
import { zeroFolio } from '../../state/folioOps.ts';
import { folioAt } from '../../state/folios.ts';
import { runAt, valueAt } from '../../state/rangeMap.ts';
import { emit, refuse, write } from '../../state/tx.ts';
import {
  folioLockWait,
  lockFolio,
  lockStep,
  readLockMmu,
  readUnlockMmu,
  unlockFolio,
  unlockInvalidate,
} from '../locks.ts';
import { END, fail, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { holds, ownLookup, put } from '../refs.ts';
import type { RaceKnobs, World } from '../types.ts';
import { lookupFolio, mapStage2Held, poisonedFolioAt, truncatedSince } from '../lookup.ts';
import { withLocals } from '../locals.ts';

const FN = 'kvm_gmem_get_pfn';

/** The vCPU's refusals before it looks at memory (apply's guestAccess answers, in order). */
function entryCheck(c: Ctx, x: number, as: Attr | undefined): Refusal | undefined {
  const s = c.tx.s;
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
    () => needAligned(FN, x),
    () => needInFile(s, FN, x),
  );
  if (bad !== undefined) return bad;
  const attr = valueAt(s.attrs, x) ?? 'private';
  if ((as ?? attr) !== attr)
    return refuse(
      'EFAULT',
      'guest.attribute-mismatch',
      'kvm_mmu_prepare_memory_fault_exit',
      `the guest accessed ${hex(x)} as ${as} but it is ${attr}: KVM_RUN exits to userspace, which must convert it`,
      { exit: 'KVM_EXIT_MEMORY_FAULT' },
    );
  const f = poisonedFolioAt(s, x);
  if (f !== undefined)
    return refuse(
      'EHWPOISON',
      'guest.poisoned',
      FN,
      `the folio at ${hex(f.start)} is poisoned after a memory failure`,
    );
  return undefined;
}

/** mmu_invalidate_retry_gfn: an invalidation covers x now, or one ended since the snapshot. */
const invalidating = (w: World, x: number): boolean =>
  w.kvm.inProgress > 0 && w.kvm.range !== null && w.kvm.range[0] <= x && x < w.kvm.range[1];

/** A stage-2 leaf maps x already (a spurious fault). */
const leafAt = (c: Ctx, x: number): boolean => runAt(c.tx.s.stage2, x) !== undefined;

/** [REWORK] kvm_gmem_get_pfn puts the folio before returning. */
function dropEarly(c: Ctx, k: RaceKnobs, x: number): Next {
  if (k.vcpuRefAcrossMap === 'drop' && holds(c, ownLookup(c), x)) put(c, ownLookup(c), x);
  return undefined;
}

/**
 * V — vCPU stage-2 fault (x86 TDP MMU: kvm_mmu_faultin_pfn -> kvm_gmem_get_pfn;
 * kvm_tdp_mmu_page_fault) [ML; IPC adds V2/V5]. A leaf already there is a spurious fault.
 * Alone this is `apply`'s guestAccess: a vCPU touches GPA `offset` (GPA = file offset); the
 * fault allocates, zeroes on first use, prepares (SNP RMP) and maps at the largest level
 * allowed; an access whose kind differs from the page's attribute exits to userspace with
 * KVM_EXIT_MEMORY_FAULT.
 */
export function vcpuFaultProgram(b: Build): Program {
  const op = b.actor.op as OpOf<'guestAccess'>;
  const x = op.offset;
  const k = b.knobs;
  const v1: Step = {
    label: 'V1',
    fn: 'kvm_mmu_faultin_pfn',
    // The mmu_invalidate_retry_gfn_unsafe pre-check: spin while an invalidation covers x.
    guard(w) {
      return invalidating(w, x)
        ? { resource: 'mmu_invalidate', on: `mmu_invalidate_in_progress covers ${hex(x)}` }
        : undefined;
    },
    run(c) {
      const bad = entryCheck(c, x, op.as);
      if (bad !== undefined) return (fail(c, bad), END);
      const attr0 = op.as ?? valueAt(c.tx.s.attrs, x) ?? 'private';
      c.locals = withLocals(c.locals, { seq0: c.w.kvm.seq, attr0 });
      return undefined;
    },
  };
  const v2 = lockStep('V2', false, () => undefined);
  const v3: Step = {
    label: 'V3',
    fn: 'kvm_gmem_get_folio',
    run(c) {
      if (!leafAt(c, x))
        emit(c.tx, {
          type: 'guest_fault',
          fn: FN,
          offset: x,
          length: PAGE,
          detail: `${c.locals.attr0} fault`,
        });
      const err = lookupFolio(c, x);
      return err === undefined ? undefined : (fail(c, err), k.vcpuFaultLock ? goto('V5') : END);
    },
  };
  const v4: Step = {
    label: 'V4',
    fn: 'kvm_gmem_prepare_folio',
    guard(w, id, l) {
      return folioLockWait(w, id, l.folio);
    },
    run(c) {
      if (truncatedSince(c, x, 'kvm_gmem_get_folio')) return goto('V3');
      const fid = c.locals.folio as number;
      lockFolio(c, fid);
      // A spurious fault (the leaf is there) touches nothing: apply's plain access.
      // Zeroing writes the contents only: the leaf is there or not for both questions.
      const leaf = leafAt(c, x);
      const f = leaf ? undefined : folioAt(c.tx.s, x);
      if (f !== undefined) zeroFolio(c.tx, f);
      if (!leaf && c.locals.attr0 === 'private' && c.tx.s.config.vmType === 'snp')
        emit(c.tx, {
          type: 'arch_prepare',
          fn: 'sev_gmem_prepare',
          offset: x,
          length: PAGE,
          detail: 'RMP entry assigned to the guest',
        });
      unlockFolio(c, fid);
      return k.vcpuFaultLock ? undefined : dropEarly(c, k, x);
    },
  };
  const v5: Step = {
    label: 'V5',
    fn: 'filemap_invalidate_unlock_shared',
    run(c) {
      unlockInvalidate(c);
      return c.locals.err === undefined ? dropEarly(c, k, x) : END;
    },
  };
  const v6: Step = {
    label: 'V6',
    fn: 'is_page_fault_stale',
    run(c) {
      const stale = c.w.kvm.seq !== c.locals.seq0 || invalidating(c.w, x);
      c.race.push({ type: 'recheck', fn: 'mmu_invalidate_retry_gfn', detail: stale ? 'stale' : 'current' });
      if (stale && k.mmuSeqRetry) {
        if (holds(c, ownLookup(c), x)) put(c, ownLookup(c), x);
        c.race.push({ type: 'retry', fn: 'kvm_release_faultin_page', detail: 'RET_PF_RETRY' });
        return goto('V1');
      }
      readLockMmu(c);
      return undefined;
    },
  };
  const v7: Step = {
    label: 'V7',
    fn: 'kvm_tdp_mmu_map',
    run(c) {
      const leaf = runAt(c.tx.s.stage2, x);
      if (leaf !== undefined) {
        const kind = leaf.value.kind;
        emit(c.tx, {
          type: 'guest_access',
          fn: 'KVM_RUN',
          offset: x,
          length: PAGE,
          detail: `${kind} leaf present: no exit`,
        });
      } else {
        mapStage2Held(c, x, c.locals.attr0 ?? 'private');
      }
      if (op.write === true) write(c.tx, 'contents', x, x + PAGE, 'guest');
      return undefined;
    },
  };
  const v8: Step = {
    label: 'V8',
    fn: 'kvm_release_faultin_page',
    run(c) {
      if (holds(c, ownLookup(c), x)) put(c, ownLookup(c), x);
      readUnlockMmu(c);
      return END;
    },
  };
  return k.vcpuFaultLock ? [v1, v2, v3, v4, v5, v6, v7, v8] : [v1, v3, v4, v6, v7, v8];
}

import type { GmemState, OpOf, Refusal } from '../../types.ts';
import { hex, rangeName } from '../../units.ts';
import { first, needAligned, needInFile, needOpen } from '../../ops/checks.ts';
import { contentsToPrivate, contentsToShared, setAttr } from '../../state/attributes.ts';
import { autoMerge, splitForShared } from '../../state/folioOps.ts';
import { isHugetlb, largeFoliosIn, widenToBlocks } from '../../state/folios.ts';
import { zapPtes } from '../../state/host.ts';
import { anyIn, covers, nextRun } from '../../state/rangeMap.ts';
import { describeRefs, firstUnsafeFolio, unsafeReason } from '../../state/refs.ts';
import { unmapStage2Range, zapStage2 } from '../../state/stage2.ts';
import { emit, refuse } from '../../state/tx.ts';
import { lockStep, mmuWriteWait, unlockStep } from '../locks.ts';
import { fail, failTo, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { invalidateBegin, invalidateEndStep } from '../refs.ts';
import { zapTrackingSept } from '../sept.ts';
import { withLocals } from '../locals.ts';

const FN = 'kvm_gmem_set_attributes';

/** The error path: unlock at C8 and end with `err`. */
const toC8 = (c: Ctx, err: Refusal): Next => failTo(c, err, 'C8');

const eagain = (rule: string, fn: string, reason: string, at: number): Refusal =>
  refuse('EAGAIN', rule, fn, reason, { errorOffset: at });

/** The first page of [start, end) the VMM maps, if any (without listing every PTE run). */
function firstPte(s: GmemState, start: number, end: number): number | undefined {
  const r = nextRun(s.ptes, start);
  return r !== undefined && r.start < end ? Math.max(start, r.start) : undefined;
}

/** Huge folios a split for shared would freeze, with the references that stop it. */
function frozenBlocker(s: GmemState, a: number, b: number, needPrivate: boolean) {
  for (const f of largeFoliosIn(s, a, b)) {
    const e = f.start + f.size;
    if (
      needPrivate
        ? !anyIn(s.attrs, f.start, e, (x) => x === 'private')
        : covers(s.attrs, f.start, e, (x) => x === 'private')
    )
      continue;
    const unsafe = firstUnsafeFolio(s, f.start, e);
    if (unsafe !== undefined) return unsafe;
  }
  return undefined;
}

/**
 * __kvm_gmem_set_attributes unmaps the VMM (unmap_mapping_pages) before the refcount check
 * and does not map anything back on EAGAIN: the refused step leaves the PTEs zapped.
 */
function unsafeWhy(
  c: Ctx,
  unsafe: NonNullable<ReturnType<typeof firstUnsafeFolio>>,
  start: number,
  end: number,
): string {
  const why = unsafeReason(unsafe.offset, unsafe.refs, 'conversion to private needs no extra references');
  return c.locals.sideEffects === true
    ? `${why}; the VMM's PTEs in ${rangeName(start, end)} were zapped first (unmap_mapping_pages) and stay zapped: the VMM faults them back on its next access`
    : why;
}

/**
 * C — the conversion ioctl KVM_SET_MEMORY_ATTRIBUTES2 (__kvm_gmem_set_attributes) [IPC]:
 * unmap, then check the refcount, under the exclusive invalidate lock (§3). Shared -> private
 * needs every folio of the range safe, private -> shared needs none but splits huge folios.
 * A range that already has the attributes is a no-op, even pinned. This is `apply`'s convert.
 */
export function convertProgram(b: Build): Program {
  const op = b.actor.op as OpOf<'convert'>;
  const start = op.offset;
  const end = op.offset + op.length;
  const [ba, bb] = widenToBlocks(b.config, start, end);
  const toPrivate = op.to === 'private';
  const k = b.knobs;
  const c1 = lockStep('C1', true, (c) => {
    const bad = first(
      () => needOpen(c.tx.s, FN),
      () => needAligned(FN, op.offset, op.length),
      () => needInFile(c.tx.s, FN, op.offset, op.length),
    );
    if (bad !== undefined) return toC8(c, bad);
    emit(c.tx, {
      type: 'set_attributes',
      fn: 'KVM_SET_MEMORY_ATTRIBUTES2',
      offset: start,
      length: op.length,
      detail: `to ${op.to}`,
    });
    return undefined;
  });
  const c2: Step = {
    label: 'C2',
    fn: 'kvm_gmem_range_has_attributes',
    run(c) {
      const s = c.tx.s;
      if (covers(s.attrs, start, end, (a) => a === op.to)) {
        emit(c.tx, {
          type: 'no_change',
          fn: FN,
          offset: start,
          length: op.length,
          detail: `already ${op.to}`,
        });
        return goto('C8');
      }
      // freezeWait "eagain": refuse up front a split the refcount would stop (core decision 2).
      const blocker =
        !toPrivate && k.freezeWait === 'eagain' ? frozenBlocker(s, start, end, true) : undefined;
      // Splitting freezes the folio's refcount (folio_ref_freeze in
      // filemap_remove_folio_for_restructuring, RFC1G-v2 38/51): the kernel spins there with
      // WARN "Spinning on folio" until the reference drops. With a reference the model holds
      // forever that spin never ends, so it answers EAGAIN, and says it is not the kernel's answer.
      if (blocker !== undefined)
        return toC8(
          c,
          eagain(
            'convert.split-unsafe',
            'kvm_gmem_split_folio_in_filemap',
            unsafeReason(
              blocker.offset,
              blocker.refs,
              'the kernel would freeze the refcount to split the huge folio and spin there (WARN "Spinning on folio") until the reference drops; the model answers EAGAIN instead, the kernel does not return',
            ),
            Math.max(start, blocker.offset),
          ),
        );
      return toPrivate ? goto(k.convertOrder === 'unmapThenCheck' ? 'C3' : 'C4') : goto('C5');
    },
  };
  const c3: Step = {
    label: 'C3',
    fn: 'unmap_mapping_pages',
    run(c) {
      const mapped = firstPte(c.tx.s, start, end);
      if (b.config.policy.hostUnmap === 'require' && mapped !== undefined)
        return toC8(
          c,
          eagain(
            'convert.host-mapped',
            FN,
            `the VMM still maps ${hex(mapped)}; with hostUnmap "require" it must madvise(MADV_DONTNEED) first`,
            mapped,
          ),
        );
      zapPtes(c.tx, start, end, 'unmap_mapping_pages', 'conversion to private unmaps the VMM first');
      if (mapped !== undefined) c.locals = withLocals(c.locals, { sideEffects: true });
      return k.convertOrder === 'unmapThenCheck' ? undefined : goto('C5');
    },
  };
  const c4: Step = {
    label: 'C4',
    fn: 'kvm_gmem_is_safe_for_conversion',
    run(c) {
      c.race.push({
        type: 'recheck',
        fn: 'kvm_gmem_is_safe_for_conversion',
        detail: 'refcount = page cache + mapcount?',
      });
      const s = c.tx.s;
      const unsafe = firstUnsafeFolio(s, start, end);
      // After the unmap a PTE is an extra reference too (a fault that finished in between).
      const pte = k.convertOrder === 'unmapThenCheck' ? firstPte(s, start, end) : undefined;
      const at = Math.min(unsafe?.offset ?? Infinity, pte ?? Infinity);
      if (at === Infinity) return k.convertOrder === 'unmapThenCheck' ? goto('C5') : goto('C3');
      if (!b.config.policy.unsafeSkipRefCheck)
        return toC8(
          c,
          eagain(
            'convert.unsafe-refcount',
            'kvm_gmem_is_safe_for_conversion',
            unsafe === undefined ? `the VMM maps ${hex(at)} again` : unsafeWhy(c, unsafe, start, end),
            Math.max(start, at),
          ),
        );
      emit(c.tx, {
        type: 'unsafe',
        fn: 'kvm_gmem_is_safe_for_conversion',
        offset: at,
        detail:
          'refcount check skipped (policy unsafeSkipRefCheck): the reference survives on a private page',
      });
      return k.convertOrder === 'unmapThenCheck' ? goto('C5') : goto('C3');
    },
  };
  const c5: Step = {
    label: 'C5',
    fn: 'kvm_gmem_invalidate_begin',
    guard: mmuWriteWait,
    run(c) {
      // [HTLB] widens the invalidation to the whole huge block.
      invalidateBegin(c, ba, bb);
      const skip = b.config.policy.unsafeSkipZap;
      let failed = false;
      if (toPrivate) {
        emit(c.tx, {
          type: 'invalidate',
          fn: 'kvm_gmem_invalidate_begin',
          offset: start,
          length: end - start,
        });
        if (!skip) zapStage2(c.tx, start, end, 'converted to private', 'shared');
      } else {
        if (!skip)
          failed = zapTrackingSept(c, () =>
            unmapStage2Range(c.tx, start, end, 'converted to shared', 'private'),
          );
        if (c.tx.s.config.vmType === 'snp' && anyIn(c.tx.s.folios, start, end))
          emit(c.tx, {
            type: 'arch_invalidate',
            fn: 'sev_gmem_invalidate',
            offset: start,
            length: end - start,
            detail: 'RMP entries back to shared',
          });
      }
      if (!failed || k.tdxRemovalFailure !== 'propagate') return undefined;
      // Vishal's proposal: guest_memfd learns the range TDX still uses and stops (our errno).
      fail(
        c,
        refuse(
          'EIO',
          'convert.removal-failed',
          'kvm_gmem_invalidate_begin',
          'the TDX module still maps a page of the range: the conversion stops',
        ),
      );
      c.locals = withLocals(c.locals, { sideEffects: true });
      return goto('C7');
    },
  };
  const c6: Step = {
    label: 'C6',
    fn: 'mas_store_prealloc',
    run(c) {
      // contentsToShared reads the op's stage-2 zaps (C5): give it the actor's events so far.
      const t = { s: c.tx.s, ev: [...c.past, ...c.tx.ev], touched: c.tx.touched };
      (toPrivate ? contentsToPrivate : contentsToShared)(t, start, end);
      c.tx.s = t.s;
      for (const e of t.ev.slice(c.past.length + c.tx.ev.length)) emit(c.tx, e);
      setAttr(c.tx, start, end, op.to);
      return undefined;
    },
  };
  const c6s: Step = {
    label: 'C6s',
    fn: toPrivate ? 'kvm_gmem_try_merge_folio_in_filemap' : 'hugetlb_restructuring_freeze_folio',
    guard(w) {
      if (toPrivate || k.freezeWait !== 'spin') return undefined;
      const blocker = frozenBlocker(w.g, start, end, false);
      return blocker === undefined
        ? undefined
        : {
            resource: 'folio_ref_freeze',
            on: `folio_ref_freeze of the folio at ${hex(blocker.offset)}: ${describeRefs(blocker.refs)}`,
          };
    },
    run(c) {
      if (!toPrivate) splitForShared(c.tx, ba, bb);
      else if (b.config.policy.mergeWhen !== 'never')
        autoMerge(c.tx, ba, bb, 'kvm_gmem_try_merge_folio_in_filemap', 'block is private again');
      return undefined;
    },
  };
  const c7 = invalidateEndStep('C7');
  const c8 = unlockStep('C8');
  // Only the steps this conversion can run are in its program (the lanes draw the program):
  // to shared skips the unmap and the refcount check, and only HugeTLB files restructure.
  const checks = !toPrivate ? [] : k.convertOrder === 'checkThenUnmap' ? [c4, c3] : [c3, c4];
  return [c1, c2, ...checks, c5, c6, ...(isHugetlb(b.config) ? [c6s] : []), c7, c8];
}

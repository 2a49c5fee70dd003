import type { OpOf, Refusal } from '../../types.ts';
import { first, needAligned, needOpen } from '../../ops/checks.ts';
import {
  mergeRefusal,
  partialRefusal,
  splitBlocks,
  truncateWhole,
  zeroPartial,
} from '../../ops/punchHole.ts';
import { mergeBlocker, mergeFolios } from '../../state/folioOps.ts';
import { isHugetlb } from '../../state/folios.ts';
import { zapPtes } from '../../state/host.ts';
import { anyIn, slice } from '../../state/rangeMap.ts';
import { unmapStage2Range } from '../../state/stage2.ts';
import { emit } from '../../state/tx.ts';
import { folioLockWait, lockFolio, lockStep, mmuWriteWait, unlockFolio, unlockInvalidate } from '../locks.ts';
import { END, failTo, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { invalidateBegin, invalidateEnd } from '../refs.ts';
import { zapTrackingSept } from '../sept.ts';
import type { World } from '../types.ts';

const FN = 'kvm_gmem_punch_hole';

/** The error path: unlock at P7 and end with `err`. */
const toP7 = (c: Ctx, err: Refusal): Next => failTo(c, err, 'P7');

/** P — punch hole (kvm_gmem_punch_hole) [ML]. */
export function punchHoleProgram(b: Build): Program {
  const op = b.actor.op as OpOf<'punchHole'>;
  const start = op.offset;
  const end = Math.min(op.offset + op.length, b.config.size);
  const P = b.config.pageSize;
  const wholeA = start + ((P - (start % P)) % P);
  const wholeB = Math.max(wholeA, end - (end % P));
  const fids = (w: World): number[] => slice(w.mem, start, end).map((r) => r.value);
  const p1 = lockStep('P1', true, (c) => {
    const s = c.tx.s;
    const bad = first(
      () => needOpen(s, 'kvm_gmem_fallocate'),
      () => needAligned('kvm_gmem_fallocate', op.offset, op.length),
    );
    if (bad !== undefined) return toP7(c, bad);
    emit(c.tx, {
      type: 'punch_hole',
      fn: FN,
      offset: op.offset,
      length: op.length,
      ...(end <= start ? { detail: 'entirely past EOF: nothing to do' } : {}),
    });
    if (end <= start) return goto('P7');
    const partial = partialRefusal(s, start, end);
    if (partial !== undefined) return toP7(c, partial);
    // [HTLB] a split block merges before truncation, which needs every folio safe (P2m folded in).
    const merge = mergeRefusal(s, isHugetlb(s.config) ? splitBlocks(s, wholeA, wholeB) : []);
    if (merge !== undefined) return toP7(c, merge);
    return undefined;
  });
  const p2: Step = {
    label: 'P2',
    fn: 'kvm_gmem_invalidate_begin',
    guard: mmuWriteWait,
    run: (c) => {
      c.locals = { ...c.locals, sideEffects: true };
      invalidateBegin(c, start, end);
      emit(c.tx, { type: 'invalidate', fn: 'kvm_gmem_invalidate_begin', offset: start, length: end - start });
      zapTrackingSept(c, () => unmapStage2Range(c.tx, start, end, 'hole punched'));
      return anyIn(c.tx.s.folios, start, end) || anyIn(c.tx.s.ptes, start, end) ? undefined : goto('P6');
    },
  };
  const p3: Step = {
    label: 'P3',
    fn: 'folio_lock',
    guard: (w, id) =>
      fids(w)
        .map((f) => folioLockWait(w, id, f))
        .find((x) => x !== undefined),
    run: (c) => {
      for (const f of fids(c.w)) lockFolio(c, f);
      return undefined;
    },
  };
  const p4: Step = {
    label: 'P4',
    fn: 'unmap_mapping_folio',
    run: (c) => (zapPtes(c.tx, start, end, 'unmap_mapping_range', 'hole punched'), undefined),
  };
  const p5: Step = {
    label: 'P5',
    fn: 'filemap_remove_folio',
    run: (c) => {
      const toMerge = isHugetlb(c.tx.s.config) ? splitBlocks(c.tx.s, wholeA, wholeB) : [];
      for (const blk of toMerge)
        if (mergeBlocker(c.tx.s, blk, P, true) === undefined)
          mergeFolios(c.tx, blk, P, 'kvm_gmem_merge_truncate_indices', 'before truncation');
      const held = Object.entries(c.w.locks.folio).filter(([, a]) => a === c.id);
      truncateWhole(c.tx, wholeA, wholeB);
      zeroPartial(c.tx, start, Math.min(end, wholeA));
      if (wholeB >= wholeA) zeroPartial(c.tx, Math.max(start, wholeB), end);
      for (const [f] of held) unlockFolio(c, Number(f));
      return undefined;
    },
  };
  const p6: Step = {
    label: 'P6',
    fn: 'kvm_gmem_invalidate_end',
    guard: mmuWriteWait,
    run: (c) => (invalidateEnd(c), undefined),
  };
  const p7: Step = { label: 'P7', fn: 'filemap_invalidate_unlock', run: (c) => (unlockInvalidate(c), END) };
  return [p1, p2, p3, p4, p5, p6, p7];
}

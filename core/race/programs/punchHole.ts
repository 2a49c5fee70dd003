import type { GmemState, OpOf, Refusal } from '../../types.ts';
import { hex, sizeName } from '../../units.ts';
import { first, needAligned, needOpen } from '../../ops/checks.ts';
import { mergeBlocker, mergeFolios, truncate } from '../../state/folioOps.ts';
import { folioAt, isHugetlb } from '../../state/folios.ts';
import { zapPtes } from '../../state/host.ts';
import { anyIn, assign, slice } from '../../state/rangeMap.ts';
import { firstUnsafeFolio, unsafeReason } from '../../state/refs.ts';
import { unmapStage2Range } from '../../state/stage2.ts';
import { emit, refuse, touch, type Tx } from '../../state/tx.ts';
import { folioLockWait, lockFolio, lockStep, mmuWriteWait, unlockFolio, unlockStep } from '../locks.ts';
import { failTo, goto, type Build, type Ctx, type Next, type Program, type Step } from '../program.ts';
import { invalidateBegin, invalidateEndStep } from '../refs.ts';
import { zapTrackingSept } from '../sept.ts';
import type { World } from '../types.ts';
import { withLocals } from '../locals.ts';

const FN = 'kvm_gmem_punch_hole';

/** The error path: unlock at P7 and end with `err`. */
const toP7 = (c: Ctx, err: Refusal): Next => failTo(c, err, 'P7');

/** Whole blocks inside [a, b) that are split and must be merged before they can be truncated. */
export function splitBlocks(s: GmemState, a: number, b: number): number[] {
  const P = s.config.pageSize;
  const out: number[] = [];
  for (let x = a; x < b; x += P) {
    const f = folioAt(s, x);
    if (f !== undefined && f.size < P) out.push(x);
  }
  return out;
}

/** Blocks only partly covered by [start, end): zeroed in place, or refused (partialPunch). */
export function partialRefusal(s: GmemState, start: number, end: number): Refusal | undefined {
  const P = s.config.pageSize;
  if (!isHugetlb(s.config) || s.config.policy.partialPunch !== 'refuse') return undefined;
  if (start % P === 0 && end % P === 0) return undefined;
  return refuse(
    'EINVAL',
    'punch.partial-block',
    'kvm_gmem_fallocate',
    `the range does not cover whole ${sizeName(P)} blocks (policy partialPunch: refuse)`,
  );
}

/**
 * A split block holding shared pages must be merged before it can be truncated, which needs
 * every folio safe (kvm_gmem_merge_truncate_indices; selftest test_truncate_shared_while_pinned).
 */
export function mergeRefusal(s: GmemState, toMerge: readonly number[]): Refusal | undefined {
  const P = s.config.pageSize;
  for (const b of toMerge) {
    const unsafe = firstUnsafeFolio(s, b, b + P);
    if (unsafe !== undefined)
      return refuse(
        'EAGAIN',
        'punch.merge-unsafe',
        'kvm_gmem_merge_truncate_indices',
        unsafeReason(
          unsafe.offset,
          unsafe.refs,
          `the split ${sizeName(P)} block at ${hex(b)} must merge before it is truncated`,
        ),
        { errorOffset: unsafe.offset },
      );
  }
  return undefined;
}

/** The folios of [start, end) by identity (none alone: an actor alone locks nothing). */
const fidsIn = (w: World, start: number, end: number): number[] =>
  slice(w.mem, start, end).map((r) => r.value);

/**
 * P — punch hole, fallocate(PUNCH_HOLE | KEEP_SIZE) (kvm_gmem_punch_hole) [ML]: zaps stage-2
 * and the VMM's PTEs in the range, removes whole folios and whole blocks from the file
 * (orphaning what is still referenced) and only zeroes the part of a block it covers partly.
 * Attributes never change. This is `apply`'s punchHole.
 */
export function punchHoleProgram(b: Build): Program {
  const op = b.actor.op as OpOf<'punchHole'>;
  const start = op.offset;
  const end = Math.min(op.offset + op.length, b.config.size);
  const P = b.config.pageSize;
  const wholeA = start + ((P - (start % P)) % P);
  const wholeB = Math.max(wholeA, end - (end % P));
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
    run(c) {
      c.locals = withLocals(c.locals, { sideEffects: true });
      invalidateBegin(c, start, end);
      emit(c.tx, { type: 'invalidate', fn: 'kvm_gmem_invalidate_begin', offset: start, length: end - start });
      zapTrackingSept(c, () => unmapStage2Range(c.tx, start, end, 'hole punched'));
      return anyIn(c.tx.s.folios, start, end) || anyIn(c.tx.s.ptes, start, end) ? undefined : goto('P6');
    },
  };
  const p3: Step = {
    label: 'P3',
    fn: 'folio_lock',
    guard(w, id) {
      for (const f of fidsIn(w, start, end)) {
        const wait = folioLockWait(w, id, f);
        if (wait !== undefined) return wait;
      }
      return undefined;
    },
    run(c) {
      for (const f of fidsIn(c.w, start, end)) lockFolio(c, f);
      return undefined;
    },
  };
  const p4: Step = {
    label: 'P4',
    fn: 'unmap_mapping_folio',
    run(c) {
      return (zapPtes(c.tx, start, end, 'unmap_mapping_range', 'hole punched'), undefined);
    },
  };
  const p5: Step = {
    label: 'P5',
    fn: 'filemap_remove_folio',
    run(c) {
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
  const p6 = invalidateEndStep('P6');
  const p7 = unlockStep('P7');
  return [p1, p2, p3, p4, p5, p6, p7];
}

/** Truncates [a, b): folio by folio on a 4K file, block by block on HugeTLB. */
export function truncateWhole(tx: Tx, a: number, b: number): void {
  if (a >= b) return;
  if (!isHugetlb(tx.s.config)) {
    truncate(tx, a, b);
    return;
  }
  for (const r of slice(tx.s.folios, a, b)) {
    const P = tx.s.config.pageSize;
    for (let x = r.start - (r.start % P); x < r.end; x += P)
      if (folioAt(tx.s, x) !== undefined) truncate(tx, x, x + P);
  }
}

/** kvm_gmem_zero_range: the punched bytes of a partly covered block read as zeroes. */
export function zeroPartial(tx: Tx, a: number, b: number): void {
  if (a >= b) return;
  const held = slice(tx.s.contents, a, b);
  if (held.length === 0) return;
  let contents = tx.s.contents;
  for (const r of held) contents = assign(contents, r.start, r.end, 'zero');
  tx.s = { ...tx.s, contents };
  touch(tx, a, b);
  emit(tx, {
    type: 'folio_zero',
    fn: 'kvm_gmem_zero_range',
    offset: a,
    length: b - a,
    detail: 'part of a block: zeroed in place, nothing freed',
  });
}

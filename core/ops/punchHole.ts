import type { GmemState, OpOf, Refusal, OpResult } from '../types.ts';
import { hex, sizeName } from '../units.ts';
import { mergeBlocker, mergeFolios, truncate } from '../state/folioOps.ts';
import { folioAt, isHugetlb } from '../state/folios.ts';
import { zapPtes } from '../state/host.ts';
import { assign, slice } from '../state/rangeMap.ts';
import { firstUnsafeFolio, unsafeReason } from '../state/refs.ts';
import { unmapStage2Range } from '../state/stage2.ts';
import { emit, newTx, refuse, type Tx, touch } from '../state/tx.ts';
import { first, needAligned, needOpen } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'kvm_gmem_punch_hole';

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

/**
 * fallocate(PUNCH_HOLE | KEEP_SIZE): zaps stage-2 and the VMM's PTEs in the range, removes
 * whole folios and whole blocks from the file (orphaning what is still referenced) and only
 * zeroes the part of a block it covers partly. Attributes never change.
 */
export function punchHole(s: GmemState, op: OpOf<'punchHole'>): OpResult {
  const bad = first(
    () => needOpen(s, 'kvm_gmem_fallocate'),
    () => needAligned('kvm_gmem_fallocate', op.offset, op.length),
  );
  if (bad !== undefined) return refused(s, bad);
  const start = op.offset;
  const end = Math.min(op.offset + op.length, s.config.size);
  const tx = newTx(s);
  emit(tx, {
    type: 'punch_hole',
    fn: FN,
    offset: op.offset,
    length: op.length,
    ...(end <= start ? { detail: 'entirely past EOF: nothing to do' } : {}),
  });
  if (end <= start) return done(tx);
  const P = s.config.pageSize;
  const wholeA = start + ((P - (start % P)) % P);
  const wholeB = Math.max(wholeA, end - (end % P));
  const partial = partialRefusal(s, start, end);
  if (partial !== undefined) return refused(s, partial);
  const toMerge = isHugetlb(s.config) ? splitBlocks(s, wholeA, wholeB) : [];
  const mergeBad = mergeRefusal(s, toMerge);
  if (mergeBad !== undefined) return refused(s, mergeBad);
  emit(tx, { type: 'invalidate', fn: 'kvm_gmem_invalidate_begin', offset: start, length: end - start });
  // TDX (and crossBoundary split) demotes leaves crossing the hole, then zaps only the hole.
  unmapStage2Range(tx, start, end, 'hole punched');
  zapPtes(tx, start, end, 'unmap_mapping_range', 'hole punched');
  for (const b of toMerge)
    if (mergeBlocker(tx.s, b, P, true) === undefined)
      mergeFolios(tx, b, P, 'kvm_gmem_merge_truncate_indices', 'before truncation');
  truncateWhole(tx, wholeA, wholeB);
  zeroPartial(tx, start, Math.min(end, wholeA));
  if (wholeB >= wholeA) zeroPartial(tx, Math.max(start, wholeB), end);
  return done(tx);
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

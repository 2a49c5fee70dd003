import type { Attr, GmemState, OpOf, StepResult } from '../types.ts';
import { LEVELS, PAGE, hex } from '../units.ts';
import { autoMerge, splitForShared } from '../state/folioOps.ts';
import { largeFoliosIn, widenToBlocks } from '../state/folios.ts';
import { zapPtes } from '../state/host.ts';
import { anyIn, assign, covers, slice, update } from '../state/rangeMap.ts';
import { firstUnsafeFolio, unsafeReason } from '../state/refs.ts';
import { demoteStage2, zapStage2 } from '../state/stage2.ts';
import { emit, newTx, refuse, type Tx } from '../state/tx.ts';
import { first, needAligned, needInFile, needOpen } from './checks.ts';
import { done, refused } from './result.ts';

const FN = 'kvm_gmem_set_attributes';

/**
 * The conversion ioctl (KVM_SET_MEMORY_ATTRIBUTES2 on the guest_memfd): shared -> private
 * needs every folio of the range safe, private -> shared needs none, but splits huge folios.
 * @example convert(s, { op: 'convert', offset: 0, length: 4096, to: 'shared' })
 */
export function convert(s: GmemState, op: OpOf<'convert'>): StepResult {
  const bad = first(
    () => needOpen(s, FN),
    () => needAligned(FN, op.offset, op.length),
    () => needInFile(s, FN, op.offset, op.length),
  );
  if (bad !== undefined) return refused(s, bad);
  const start = op.offset;
  const end = op.offset + op.length;
  const tx = newTx(s);
  emit(tx, {
    type: 'set_attributes',
    fn: 'KVM_SET_MEMORY_ATTRIBUTES2',
    offset: start,
    length: op.length,
    detail: `to ${op.to}`,
  });
  // __kvm_gmem_set_attributes: a range that already has the attributes is a no-op, even pinned.
  if (covers(s.attrs, start, end, (a) => a === op.to)) {
    emit(tx, { type: 'no_change', fn: FN, offset: start, length: op.length, detail: `already ${op.to}` });
    return done(tx);
  }
  return op.to === 'shared' ? toShared(tx, start, end) : toPrivate(tx, start, end);
}

function toShared(tx: Tx, start: number, end: number): StepResult {
  const s = tx.s;
  // Splitting freezes the folio's refcount (folio_ref_freeze): it cannot finish while anyone
  // else holds a reference, so the model answers EAGAIN instead of spinning forever.
  for (const f of largeFoliosIn(s, start, end)) {
    if (!anyIn(s.attrs, f.start, f.start + f.size, (a) => a === 'private')) continue;
    const unsafe = firstUnsafeFolio(s, f.start, f.start + f.size);
    if (unsafe !== undefined)
      return refused(
        s,
        refuse(
          'EAGAIN',
          'convert.split-unsafe',
          'kvm_gmem_split_folio_in_filemap',
          unsafeReason(unsafe.offset, unsafe.refs, 'the huge folio cannot be split while it is referenced'),
          { errorOffset: Math.max(start, unsafe.offset) },
        ),
      );
  }
  if (!s.config.policy.unsafeSkipZap) {
    splitCrossBoundary(tx, start);
    splitCrossBoundary(tx, end);
    zapStage2(tx, start, end, 'converted to shared', 'private');
  }
  if (s.config.vmType === 'snp' && anyIn(s.folios, start, end))
    emit(tx, {
      type: 'arch_invalidate',
      fn: 'sev_gmem_invalidate',
      offset: start,
      length: end - start,
      detail: 'RMP entries back to shared',
    });
  contentsToShared(tx, start, end);
  setAttr(tx, start, end, 'shared');
  const [a, b] = widenToBlocks(s.config, start, end);
  splitForShared(tx, a, b);
  return done(tx);
}

/**
 * What the host reads after conversion to shared: sw_protected and pkvm keep the bytes; TDX
 * zeroes what was mapped in the S-EPT (the module clears on removal); on SNP the host reads
 * the ciphertext of memory the guest used privately.
 */
function contentsToShared(tx: Tx, start: number, end: number): void {
  const vm = tx.s.config.vmType;
  if (vm === 'sw_protected' || vm === 'pkvm') return;
  const before = tx.ev.filter((e) => e.type === 'stage2_zap' && e.detail?.startsWith('private') === true);
  let contents = tx.s.contents;
  if (vm === 'tdx')
    for (const e of before)
      contents = update(
        contents,
        Math.max(start, e.offset ?? 0),
        Math.min(end, (e.offset ?? 0) + (e.length ?? 0)),
        (v) => (v === undefined ? v : 'zero'),
      );
  if (vm === 'snp') contents = update(contents, start, end, (v) => (v === 'guest' ? 'ciphertext' : v));
  tx.s = { ...tx.s, contents };
}

/**
 * Leaves that cross a conversion boundary are split first so that only the converted range
 * is zapped (kvm_split_cross_boundary_leafs; TDX demotes with tdh_mem_page_demote).
 */
function splitCrossBoundary(tx: Tx, x: number): void {
  const aligned = LEVELS.find((l) => x % l === 0) ?? PAGE;
  // One level at a time, only the leaf that crosses x: 1G -> 2M leaves, then the 2M leaf
  // at the boundary -> 4K, the way KVM splits huge SPTEs.
  for (const level of LEVELS.slice(1)) if (level >= aligned) demoteStage2(tx, x - 1, x + 1, level);
}

function setAttr(tx: Tx, start: number, end: number, to: Attr): void {
  tx.s = { ...tx.s, attrs: assign(tx.s.attrs, start, end, to) };
  emit(tx, { type: 'attributes', fn: FN, offset: start, length: end - start, detail: `indices now ${to}` });
}

function toPrivate(tx: Tx, start: number, end: number): StepResult {
  const s = tx.s;
  const p = s.config.policy;
  if (p.hostUnmap === 'require' && anyIn(s.ptes, start, end)) {
    const at = slice(s.ptes, start, end)[0]?.start ?? start;
    return refused(
      s,
      refuse(
        'EAGAIN',
        'convert.host-mapped',
        FN,
        `the VMM still maps ${hex(at)}; with hostUnmap "require" it must madvise(MADV_DONTNEED) first`,
        { errorOffset: at },
      ),
    );
  }
  zapPtes(tx, start, end, 'unmap_mapping_pages', 'conversion to private unmaps the VMM first');
  const unsafe = firstUnsafeFolio(tx.s, start, end);
  if (unsafe !== undefined && !p.unsafeSkipRefCheck)
    return refused(
      s,
      refuse(
        'EAGAIN',
        'convert.unsafe-refcount',
        'kvm_gmem_is_safe_for_conversion',
        unsafeReason(unsafe.offset, unsafe.refs, 'conversion to private needs no extra references'),
        { errorOffset: Math.max(start, unsafe.offset) },
      ),
    );
  if (unsafe !== undefined)
    emit(tx, {
      type: 'unsafe',
      fn: 'kvm_gmem_is_safe_for_conversion',
      offset: unsafe.offset,
      detail: 'refcount check skipped (policy unsafeSkipRefCheck): the reference survives on a private page',
    });
  emit(tx, { type: 'invalidate', fn: 'kvm_gmem_invalidate_begin', offset: start, length: end - start });
  if (!p.unsafeSkipZap) zapStage2(tx, start, end, 'converted to private', 'shared');
  setAttr(tx, start, end, 'private');
  if (p.mergeWhen !== 'never') {
    const [a, b] = widenToBlocks(s.config, start, end);
    autoMerge(tx, a, b, 'kvm_gmem_try_merge_folio_in_filemap', 'block is private again');
  }
  return done(tx);
}

import type { Attr, GmemState, OpOf, OpResult } from '../types.ts';
import { hex, rangeName } from '../units.ts';
import { autoMerge, splitForShared } from '../state/folioOps.ts';
import { largeFoliosIn, widenToBlocks } from '../state/folios.ts';
import { zapPtes } from '../state/host.ts';
import { anyIn, assign, coveredBytes, covers, slice, update } from '../state/rangeMap.ts';
import { firstUnsafeFolio, unsafeReason } from '../state/refs.ts';
import { unmapStage2Range, zapStage2 } from '../state/stage2.ts';
import { emit, newTx, refuse, type Tx, write, touch } from '../state/tx.ts';
import { first, needAligned, needInFile, needOpen } from './checks.ts';
import { done, refused, refusedAfter } from './result.ts';

const FN = 'kvm_gmem_set_attributes';

/**
 * The conversion ioctl (KVM_SET_MEMORY_ATTRIBUTES2 on the guest_memfd): shared -> private
 * needs every folio of the range safe, private -> shared needs none, but splits huge folios.
 * @example convert(s, { op: 'convert', offset: 0, length: 4096, to: 'shared' })
 */
export function convert(s: GmemState, op: OpOf<'convert'>): OpResult {
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

function toShared(tx: Tx, start: number, end: number): OpResult {
  const s = tx.s;
  // Splitting freezes the folio's refcount (folio_ref_freeze in
  // filemap_remove_folio_for_restructuring, RFC1G-v2 38/51): the kernel spins there with
  // WARN "Spinning on folio" until the reference drops. With a reference the model holds
  // forever that spin never ends, so it answers EAGAIN, and says it is not the kernel's answer.
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
          unsafeReason(
            unsafe.offset,
            unsafe.refs,
            'the kernel would freeze the refcount to split the huge folio and spin there (WARN "Spinning on folio") until the reference drops; the model answers EAGAIN instead, the kernel does not return',
          ),
          { errorOffset: Math.max(start, unsafe.offset) },
        ),
      );
  }
  if (!s.config.policy.unsafeSkipZap) unmapStage2Range(tx, start, end, 'converted to shared', 'private');
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
export function contentsToShared(tx: Tx, start: number, end: number): void {
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
  touch(tx, start, end);
}

export function setAttr(tx: Tx, start: number, end: number, to: Attr): void {
  write(tx, 'attrs', start, end, to);
  emit(tx, { type: 'attributes', fn: FN, offset: start, length: end - start, detail: `indices now ${to}` });
}

function toPrivate(tx: Tx, start: number, end: number): OpResult {
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
  const mapped = coveredBytes(s.ptes, start, end) > 0;
  zapPtes(tx, start, end, 'unmap_mapping_pages', 'conversion to private unmaps the VMM first');
  const unsafe = firstUnsafeFolio(tx.s, start, end);
  // __kvm_gmem_set_attributes unmaps the VMM (unmap_mapping_pages) before the refcount check
  // and does not map anything back on EAGAIN: the refused step leaves the PTEs zapped.
  if (unsafe !== undefined && !p.unsafeSkipRefCheck) {
    const why = unsafeReason(unsafe.offset, unsafe.refs, 'conversion to private needs no extra references');
    const refusal = (reason: string) =>
      refuse('EAGAIN', 'convert.unsafe-refcount', 'kvm_gmem_is_safe_for_conversion', reason, {
        errorOffset: Math.max(start, unsafe.offset),
      });
    if (!mapped) return refused(s, refusal(why));
    return refusedAfter(
      tx,
      refusal(
        `${why}; the VMM's PTEs in ${rangeName(start, end)} were zapped first (unmap_mapping_pages) and stay zapped: the VMM faults them back on its next access`,
      ),
    );
  }
  if (unsafe !== undefined)
    emit(tx, {
      type: 'unsafe',
      fn: 'kvm_gmem_is_safe_for_conversion',
      offset: unsafe.offset,
      detail: 'refcount check skipped (policy unsafeSkipRefCheck): the reference survives on a private page',
    });
  emit(tx, { type: 'invalidate', fn: 'kvm_gmem_invalidate_begin', offset: start, length: end - start });
  if (!p.unsafeSkipZap) zapStage2(tx, start, end, 'converted to private', 'shared');
  contentsToPrivate(tx, start, end);
  setAttr(tx, start, end, 'private');
  if (p.mergeWhen !== 'never') {
    const [a, b] = widenToBlocks(s.config, start, end);
    autoMerge(tx, a, b, 'kvm_gmem_try_merge_folio_in_filemap', 'block is private again');
  }
  return done(tx);
}

/**
 * What the guest reads after conversion to private, on the indices that were shared (spec v2):
 * sw_protected and pkvm keep the bytes (guest_memfd_conversions_test init_shared); on TDX the
 * guest's TDG.MEM.PAGE.ACCEPT zeroes the page; on SNP the host's plaintext is read through
 * the guest's key, so the guest sees ciphertext.
 */
export function contentsToPrivate(tx: Tx, start: number, end: number): void {
  const vm = tx.s.config.vmType;
  if (vm === 'sw_protected' || vm === 'pkvm') return;
  const to = vm === 'tdx' ? 'zero' : 'ciphertext';
  let contents = tx.s.contents;
  let changed = false;
  for (const r of slice(tx.s.attrs, start, end)) {
    if (r.value !== 'shared') continue;
    for (const c of slice(contents, r.start, r.end))
      if (c.value !== to) {
        contents = assign(contents, c.start, c.end, to);
        changed = true;
      }
  }
  if (!changed) return;
  tx.s = { ...tx.s, contents };
  touch(tx, start, end);
  emit(tx, {
    type: 'contents',
    fn: vm === 'tdx' ? 'tdx_accept_memory' : 'rmp_make_private',
    offset: start,
    length: end - start,
    detail:
      vm === 'tdx'
        ? "the guest's TDG.MEM.PAGE.ACCEPT zeroes the pages it accepts"
        : "the host's plaintext now reads through the guest's key: ciphertext",
  });
}

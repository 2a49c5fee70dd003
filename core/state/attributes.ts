import type { Attr } from '../types.ts';
import { assign, slice, update } from './rangeMap.ts';
import { emit, type Tx, write, touch } from './tx.ts';

/** What a conversion does to the attributes and the contents (core decision 7), for C and L. */
const FN = 'kvm_gmem_set_attributes';

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

import { coveredBytes } from './rangeMap.ts';
import { emit, type Tx, write } from './tx.ts';

/** Zaps the VMM's page-table entries in [start, end) (unmap_mapping_range / zap_page_range). */
export function zapPtes(tx: Tx, start: number, end: number, fn: string, why: string): void {
  if (coveredBytes(tx.s.ptes, start, end) === 0) return;
  write(tx, 'ptes', start, end, undefined);
  emit(tx, { type: 'pte_zap', fn, offset: start, length: end - start, detail: why });
}

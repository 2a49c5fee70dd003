import type { GmemConfig } from './types.ts';
import { sizeName } from './units.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';

/** "vm tdx, guest_memfd 2G of 1G HugeTLB pages, mmap; policy splitPath=stepwise" */
export function describeConfig(c: GmemConfig): string {
  const pages = c.pageSize === 4096 ? '4K pages' : `${sizeName(c.pageSize)} HugeTLB pages`;
  const flags = [c.mmap ? 'mmap' : '', c.initShared ? 'init-shared' : ''].filter((f) => f.length > 0);
  const knobs = Object.entries(c.policy)
    .filter(([k, v]) => DEFAULT_POLICY[k as keyof typeof DEFAULT_POLICY] !== v)
    .map(([k, v]) => `${k}=${String(v)}`);
  return `vm ${c.vmType}, guest_memfd ${sizeName(c.size)} of ${pages}${flags.length > 0 ? `, ${flags.join(', ')}` : ''}; policy ${knobs.length > 0 ? knobs.join(', ') : 'default'}`;
}

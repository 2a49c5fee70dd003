import type { CoreEvent, GmemConfig, GmemState, Refusal } from './types.ts';
import { PAGE, sizeName } from './units.ts';
import { EMPTY, fromRuns } from './state/rangeMap.ts';
import { NO_REFS } from './state/refIndex.ts';
import { refuse } from './state/tx.ts';

export interface CreateResult {
  readonly ok: boolean;
  readonly state: GmemState | null;
  readonly events: readonly CoreEvent[];
  readonly refusal?: Refusal;
}

/** Why KVM_CREATE_GUEST_MEMFD (and the HugeTLB reservation) would fail, if it would. */
function createRefusal(c: GmemConfig): Refusal | undefined {
  const fn = 'kvm_gmem_create';
  if (c.size <= 0 || c.size % PAGE !== 0)
    return refuse('EINVAL', 'create.size', fn, `size ${c.size} is not a positive multiple of 4K`);
  if (c.policy.mainline && c.pageSize !== PAGE)
    return refuse(
      'EINVAL',
      'create.mainline-hugetlb',
      fn,
      `mainline guest_memfd has 4K folios only; a ${sizeName(c.pageSize)} HugeTLB file needs the HugeTLB series`,
    );
  if (c.size % c.pageSize !== 0)
    return refuse(
      'EINVAL',
      'create.size-alignment',
      'guestmem_hugetlb_setup',
      `size ${sizeName(c.size)} is not a multiple of the ${sizeName(c.pageSize)} page size`,
    );
  if (c.initShared && !c.mmap)
    return refuse(
      'EINVAL',
      'create.init-shared-without-mmap',
      fn,
      'GUEST_MEMFD_FLAG_INIT_SHARED is only valid together with GUEST_MEMFD_FLAG_MMAP',
    );
  // x86's kvm_arch_supports_gmem_init_shared() is !kvm_arch_has_private_mem(): pkvm (arm64)
  // is not refused there.
  if (c.initShared && c.policy.mainline && c.vmType !== 'pkvm')
    return refuse(
      'EINVAL',
      'create.init-shared-private-vm',
      'kvm_gmem_get_supported_flags',
      `mainline refuses INIT_SHARED for a ${c.vmType} VM: it has private memory (kvm_arch_supports_gmem_init_shared)`,
    );
  const pages = c.size / c.pageSize;
  if (c.pageSize !== PAGE && c.policy.hostHugePages !== null && c.policy.hostHugePages < pages)
    return refuse(
      'ENOMEM',
      'create.reservation',
      'hugepage_new_subpool',
      `the reservation needs ${pages} free ${sizeName(c.pageSize)} huge pages but the host has ${c.policy.hostHugePages}`,
    );
  return undefined;
}

/**
 * KVM_CREATE_GUEST_MEMFD: a new inode with every index private (or shared with INIT_SHARED)
 * and no memory; a HugeTLB file reserves size / pageSize huge pages into its subpool.
 * @example create(config).state?.attrs // one run: { start: 0, end: size, value: 'private' }
 */
export function create(config: GmemConfig): CreateResult {
  const refusal = createRefusal(config);
  if (refusal !== undefined) return { ok: false, state: null, events: [], refusal };
  const state: GmemState = {
    config,
    open: true,
    evicted: false,
    attrs: fromRuns([{ start: 0, end: config.size, value: config.initShared ? 'shared' : 'private' }]),
    folios: EMPTY,
    vmas: EMPTY,
    ptes: EMPTY,
    stage2: EMPTY,
    refs: NO_REFS,
    orphans: [],
    poisoned: EMPTY,
    contents: EMPTY,
    removalFailure: EMPTY,
    vmDead: false,
    nextId: 1,
  };
  const events: CoreEvent[] = [
    {
      type: 'gmem_created',
      fn: 'kvm_gmem_create',
      offset: 0,
      length: config.size,
      detail: config.initShared ? 'all indices shared' : 'all indices private',
    },
  ];
  if (config.pageSize !== PAGE)
    events.push({
      type: 'pool_reserve',
      fn: 'hugepage_new_subpool',
      offset: 0,
      length: config.size,
      detail: `${config.size / config.pageSize} x ${sizeName(config.pageSize)} huge pages reserved`,
    });
  return { ok: true, state, events };
}

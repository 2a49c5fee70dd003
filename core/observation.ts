import type { Attr, GmemState } from './types.ts';
import type { Listed } from './observed.ts';

export interface FolioRun {
  offset: number;
  size: number;
  count: number;
  mapcount: number;
  pincount: number;
  transient: number;
  /** Extra: references the architecture holds (TDX after a failed S-EPT removal). */
  arch: number;
  /** Extra: folio_ref_count as the kernel computes it (see kernel-notes a.9). */
  refcount: number;
}

export interface Observation {
  open: boolean;
  size: number;
  pageSize: number;
  shareability: { offset: number; length: number; state: Attr }[];
  folios: FolioRun[];
  hostMappings: { offset: number; length: number; level: number }[];
  guestMappings: { offset: number; length: number; level: number; kind: Attr }[];
  pool?: { pageSize: number; reserved: number; inUse: number; vmemmapPages: number };
  // Extra fields (readers ignore what they do not know):
  evicted: boolean;
  /** Present (true) once a KVM_BUG_ON marked the VM dead (tdxRemovalFailure "bug"). */
  vmDead?: boolean;
  vmas: { offset: number; length: number }[];
  orphans: FolioRun[];
  poisoned: { offset: number; length: number }[];
  contents: { offset: number; length: number; content: string }[];
}

/** The seven lists an observation joins from chunks when read, in the trace format's order. */
type Lists = readonly [
  Listed<Observation['shareability'][number]>,
  Listed<FolioRun>,
  Listed<Observation['hostMappings'][number]>,
  Listed<Observation['guestMappings'][number]>,
  Listed<Observation['vmas'][number]>,
  Listed<Observation['poisoned'][number]>,
  Listed<Observation['contents'][number]>,
];

/**
 * An observation whose lists of runs are joined from their chunks when first read (each list
 * once, then shared), the orphans' runs with them: a step observed and not read, as the
 * runner's and the bench's steps between the ones shown, joins nothing. The lists are getters
 * of the class, not own fields: JSON takes the fields through toJSON, in the trace format's
 * order; a structured clone or a deep comparison takes the own fields only, so what is cloned
 * or compared whole goes through plainObservation first. An object literal with seven getters
 * of its own cost 2.5 us a step.
 */
export class LazyObservation implements Observation {
  readonly open: boolean;
  readonly size: number;
  readonly pageSize: number;
  readonly evicted: boolean;
  declare readonly vmDead?: boolean;
  declare readonly pool?: NonNullable<Observation['pool']>;
  readonly #lists: Lists;
  /** The orphans' runs, derived on first read (a step with orphans observed and not read derives none). */
  #orphans: FolioRun[] | (() => FolioRun[]);

  constructor(s: GmemState, lists: Lists, orphans: () => FolioRun[], pool: Observation['pool']) {
    this.open = s.open;
    this.size = s.config.size;
    this.pageSize = s.config.pageSize;
    this.evicted = s.evicted;
    this.#orphans = orphans;
    this.#lists = lists;
    // Only when present, as in the trace format (an own field left undefined would be one).
    if (s.vmDead) (this as { vmDead?: boolean }).vmDead = true;
    if (pool !== undefined) (this as { pool?: NonNullable<Observation['pool']> }).pool = pool;
  }

  get shareability(): Observation['shareability'] {
    return this.#lists[0].items;
  }
  get folios(): FolioRun[] {
    return this.#lists[1].items;
  }
  get hostMappings(): Observation['hostMappings'] {
    return this.#lists[2].items;
  }
  get guestMappings(): Observation['guestMappings'] {
    return this.#lists[3].items;
  }
  get vmas(): Observation['vmas'] {
    return this.#lists[4].items;
  }
  get poisoned(): Observation['poisoned'] {
    return this.#lists[5].items;
  }
  get contents(): Observation['contents'] {
    return this.#lists[6].items;
  }
  get orphans(): FolioRun[] {
    const o = this.#orphans;
    if (typeof o !== 'function') return o;
    const runs = o();
    this.#orphans = runs;
    return runs;
  }

  toJSON(): Observation {
    return plainObservation(this);
  }
}

/**
 * The observation as plain data, every field its own, in the trace format's order: what a
 * structured clone (a worker's answer) or a deep comparison must be given.
 */
export function plainObservation(o: Observation): Observation {
  const out: Observation = {
    open: o.open,
    size: o.size,
    pageSize: o.pageSize,
    shareability: o.shareability,
    folios: o.folios,
    hostMappings: o.hostMappings,
    guestMappings: o.guestMappings,
    evicted: o.evicted,
    vmas: o.vmas,
    orphans: o.orphans,
    poisoned: o.poisoned,
    contents: o.contents,
  };
  if (o.vmDead !== undefined) out.vmDead = o.vmDead;
  if (o.pool !== undefined) out.pool = o.pool;
  return out;
}

import { apply } from '../apply.ts';
import { pageStateAt } from '../classify.ts';
import type { Observation } from '../observation.ts';
import { DEFAULT_POLICY } from '../scenario/policy.ts';
import type { GmemConfig, GmemState, Op } from '../types.ts';
import { PAGE, SIZE_1G, SIZE_2M } from '../units.ts';

/** A sw_protected file of `size` with folios of `pageSize`, mmap-able, private at first. */
export const benchConfig = (size: number, pageSize: number): GmemConfig => ({
  vmType: 'sw_protected',
  size,
  pageSize,
  mmap: true,
  initShared: false,
  policy: DEFAULT_POLICY,
});

/** The bench's three geometries (`npm run bench`, scripts/ab-core.mts), by key. */
export const GEOMETRIES = {
  mib: ['64 MiB of 4K pages', benchConfig(64 * 1024 * 1024, PAGE)],
  gib: ['64 GiB of 1G folios', benchConfig(64 * SIZE_1G, SIZE_1G)],
  tib: ['1 TiB of 1G folios', benchConfig(1024 * SIZE_1G, SIZE_1G)],
} as const satisfies Record<string, readonly [string, GmemConfig]>;

/** A small deterministic PRNG (mulberry32): benchmarks must replay the same ops every time. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** How the ops of a workload fared when it was generated. */
export interface Mix {
  accepted: number;
  refused: number;
  /** Accepted but changing nothing (the state object came back unchanged). */
  noop: number;
}

export interface Workload {
  readonly ops: readonly Op[];
  readonly mix: Mix;
}

interface Held {
  readonly offset: number;
  readonly holder: string;
}

/**
 * `n` meaningful operations, as a VMM and guest would issue them: conversions of 4K..2M ranges
 * in a few hot blocks, accesses that match the page's attribute (the guest touches private
 * pages, the host shared ones), pins and references by holders that take them and drop them
 * later (an unpin names a pin that exists), an occasional punch hole followed by re-allocation.
 * The generator applies each op as it goes, so it knows which pins and references exist.
 */
export function meaningfulOps(s0: GmemState, n: number, seed = 1): Workload {
  const r = prng(seed);
  const { size, pageSize } = s0.config;
  const blocks = Math.max(1, Math.floor(size / pageSize));
  const hot = Array.from({ length: Math.min(blocks, 16) }, () => Math.floor(r() * blocks) * pageSize);
  const span = Math.min(pageSize, 8 * SIZE_2M);
  const pins: Held[] = [];
  const refs: Held[] = [];
  const mix: Mix = { accepted: 0, refused: 0, noop: 0 };
  const ops: Op[] = [];
  let s = s0;
  const push = (op: Op, onOk?: () => void): void => {
    const res = apply(s, op);
    if (res.refusal !== undefined) mix.refused++;
    else if (res.state === s) mix.noop++;
    else mix.accepted++;
    if (res.refusal === undefined) onOk?.();
    s = res.state;
    ops.push(op);
  };
  if (s0.config.mmap) push({ op: 'hostMap', offset: 0, length: size });
  while (ops.length < n) {
    const base = pick(r, hot);
    const offset = base + Math.floor((r() * span) / PAGE) * PAGE;
    const length = Math.min(pick(r, [PAGE, PAGE, 4 * PAGE, 64 * PAGE, SIZE_2M]), base + span - offset);
    const holder = pick(r, ['vfio', 'io_uring', 'gup']);
    const state = pageStateAt(s, offset);
    const shared = state.startsWith('shared');
    const kind = pick(r, ['convert', 'convert', 'access', 'access', 'pin', 'unpin', 'ref', 'put', 'punch']);
    if (kind === 'convert') push({ op: 'convert', offset, length, to: shared ? 'private' : 'shared' });
    else if (kind === 'access')
      push(
        shared && s0.config.mmap
          ? { op: 'hostAccess', offset, write: r() < 0.5 }
          : { op: 'guestAccess', offset, write: r() < 0.5 },
      );
    else if (kind === 'pin' && shared)
      push({ op: 'pin', offset, length: PAGE, holder }, () => pins.push({ offset, holder }));
    else if (kind === 'unpin' && pins.length > 0) {
      const p = pins.splice(Math.floor(r() * pins.length), 1)[0] as Held;
      push({ op: 'unpin', offset: p.offset, length: PAGE, holder: p.holder });
    } else if (kind === 'ref') push({ op: 'getRef', offset, holder }, () => refs.push({ offset, holder }));
    else if (kind === 'put' && refs.length > 0) {
      const p = refs.splice(Math.floor(r() * refs.length), 1)[0] as Held;
      push({ op: 'putRef', offset: p.offset, holder: p.holder });
    } else if (kind === 'punch' && r() < 0.2 && ops.length < n - 1) {
      push({ op: 'punchHole', offset: base, length: pageSize });
      push({ op: 'allocate', offset: base, length: pageSize });
    } else push({ op: 'guestAccess', offset, write: false });
  }
  return { ops: ops.slice(0, n), mix };
}

/** A state holding many live pins, and steps to time on it (see pinnedOps). */
export interface Pinned {
  /** The state after the pins (setup, not timed). */
  readonly state: GmemState;
  /** How many pins it holds. */
  readonly pins: number;
  readonly ops: readonly Op[];
  readonly mix: Mix;
}

/**
 * A VMM holding `pins` long-lived pins (one 4K page each, by 50 holders, on random pages of a
 * shared, mapped file of 4K pages), then `n` steps among them: a pin of another page, an unpin
 * of one of the pins, a conversion to private of a random page (refused with EAGAIN where a
 * pin holds it). What a step costs here should not follow how many pins the state holds.
 */
export function pinnedOps(s0: GmemState, pins: number, n: number, seed = 1): Pinned {
  const r = prng(seed);
  const { size } = s0.config;
  const page = (): number => Math.floor((r() * size) / PAGE) * PAGE;
  let s = apply(s0, { op: 'hostMap', offset: 0, length: size }).state;
  const held: Held[] = [];
  for (let i = 0; held.length < pins && i < 4 * pins; i++) {
    const op = { op: 'pin', offset: page(), length: PAGE, holder: `vm${i % 50}` } as const;
    const res = apply(s, op);
    if (res.refusal !== undefined) continue;
    s = res.state;
    held.push({ offset: op.offset, holder: op.holder });
  }
  const state = s;
  const count = held.length;
  const mix: Mix = { accepted: 0, refused: 0, noop: 0 };
  const ops: Op[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    let op: Op;
    if (k === 0 || (k === 1 && held.length === 0))
      op = { op: 'pin', offset: page(), length: PAGE, holder: 'io_uring' };
    else if (k === 1) {
      // Each pin is dropped once: an unpin names a pin still held.
      const p = held.splice(Math.floor(r() * held.length), 1)[0] as Held;
      op = { op: 'unpin', offset: p.offset, length: PAGE, holder: p.holder };
    } else op = { op: 'convert', offset: page(), length: PAGE, to: 'private' };
    const res = apply(s, op);
    if (res.refusal !== undefined) mix.refused++;
    else if (res.state === s) mix.noop++;
    else mix.accepted++;
    s = res.state;
    ops.push(op);
  }
  return { state, pins: count, ops, mix };
}

/** Reads every list of an observation (each is made when first read): what a trace writer reads. */
export const readAll = (o: Observation): number =>
  o.shareability.length +
  o.folios.length +
  o.hostMappings.length +
  o.guestMappings.length +
  o.vmas.length +
  o.orphans.length +
  o.poisoned.length +
  o.contents.length;

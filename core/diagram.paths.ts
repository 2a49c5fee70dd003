/**
 * Path testing of the state diagram (XState's idea, made concrete): a bounded breadth-first
 * search over real core states from a few seed scenarios, watching one focus page (offset 0)
 * and its block. Every (state, op) → answer the search sees is recorded with the first
 * scenario that produced it, so each drawn edge and each refused edge gets a concrete witness
 * that a test can replay. Test support only: not part of core/index.ts.
 */
import { apply } from './apply.ts';
import { classifyBlocks, pageStateAt } from './classify.ts';
import { create } from './create.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';
import type { GmemConfig, GmemState, Op, Policy, VmType } from './types.ts';
import { allRefs } from './state/refIndex.ts';

const K = 1024;
const M = 1024 * K;
const PAGE = 4 * K;

export interface Witness {
  readonly config: GmemConfig;
  /** Steps before the witnessed one: the focus page is in the edge's `from` state after them. */
  readonly prefix: readonly Op[];
  readonly op: Op;
}

/** What the search saw, keyed like the diagram: `op:from->to` and `from:op:to_attr:errno`. */
export interface Exploration {
  readonly page: ReadonlyMap<string, Witness>;
  readonly block: ReadonlyMap<string, Witness>;
  readonly pageRefused: ReadonlyMap<string, Witness>;
  readonly blockRefused: ReadonlyMap<string, Witness>;
}

/** `from:op:to_attr:errno`, to_attr empty unless the op is a conversion. */
export const refusedKey = (from: string, op: Op, errno: string): string =>
  `${from}:${op.op}:${op.op === 'convert' ? op.to : ''}:${errno}`;

const config = (
  vmType: VmType,
  pageSize: number,
  size: number,
  o: { initShared?: boolean; policy?: Partial<Policy> } = {},
): GmemConfig => ({
  vmType,
  size,
  pageSize,
  mmap: true,
  initShared: o.initShared ?? false,
  policy: { ...DEFAULT_POLICY, ...o.policy },
});

/** The ops tried from every state: on the focus page, its neighbour, its block, the file. */
function menu(pageSize: number, size: number): Op[] {
  const block = Math.max(pageSize, 2 * M);
  const ops: Op[] = [];
  for (const at of [0, PAGE]) {
    ops.push(
      { op: 'convert', offset: at, length: PAGE, to: 'shared' },
      { op: 'convert', offset: at, length: PAGE, to: 'private' },
      { op: 'guestAccess', offset: at },
      { op: 'hostAccess', offset: at },
      { op: 'getRef', offset: at },
      { op: 'putRef', offset: at },
      { op: 'memoryFailure', offset: at },
      { op: 'injectRemovalFailure', offset: at },
      { op: 'pin', offset: at, length: PAGE },
      { op: 'allocate', offset: at, length: PAGE },
    );
  }
  ops.push(
    { op: 'punchHole', offset: 0, length: PAGE },
    { op: 'punchHole', offset: PAGE, length: PAGE },
    { op: 'punchHole', offset: 0, length: block },
    { op: 'hostMap', offset: 0, length: size },
    { op: 'hostUnmap', offset: 0, length: size },
    { op: 'madviseDontneed', offset: 0, length: PAGE },
    { op: 'unpin', offset: 0, length: PAGE },
    { op: 'close' },
  );
  if (pageSize > PAGE)
    ops.push(
      { op: 'allocate', offset: 0, length: pageSize },
      { op: 'split', offset: 0, to: PAGE },
      { op: 'merge', offset: 0, size: pageSize },
    );
  return ops;
}

const mapAll = (size: number): Op[] => [{ op: 'hostMap', offset: 0, length: size }];

interface Seed {
  readonly config: GmemConfig;
  readonly prefix: readonly Op[];
  readonly depth: number;
  /** Ops tried from this seed only, besides the menu. */
  readonly extra?: readonly Op[];
}

/**
 * Seeds: plain files of each shape, and a few prefixes that reach the deep corners (a TDX
 * leaf under a merged huge folio whose removal will fail; a shared block with references).
 */
function seeds(): Seed[] {
  const leafUnderHuge: Op[] = [
    { op: 'allocate', offset: 0, length: PAGE },
    { op: 'split', offset: 0, to: PAGE },
    { op: 'guestAccess', offset: PAGE },
    { op: 'injectRemovalFailure', offset: PAGE },
    { op: 'merge', offset: 0, size: 2 * M },
  ];
  const referencedTdx: Op[] = [
    { op: 'guestAccess', offset: 0 },
    { op: 'getRef', offset: 0 },
    { op: 'injectRemovalFailure', offset: 0 },
  ];
  return [
    { config: config('sw_protected', PAGE, 16 * K), prefix: mapAll(16 * K), depth: 4 },
    {
      config: config('sw_protected', 2 * M, 4 * M),
      prefix: [
        { op: 'allocate', offset: 0, length: 2 * M },
        { op: 'guestAccess', offset: 0 },
      ],
      depth: 2,
    },
    {
      config: config('sw_protected', 2 * M, 4 * M, { policy: { mergeWhen: 'lastRef' } }),
      prefix: [
        { op: 'convert', offset: 0, length: PAGE, to: 'shared' },
        { op: 'allocate', offset: 0, length: 2 * M },
        { op: 'getRef', offset: PAGE },
      ],
      depth: 2,
    },
    { config: config('tdx', PAGE, 16 * K), prefix: [...mapAll(16 * K), ...referencedTdx], depth: 2 },
    { config: config('sw_protected', PAGE, 16 * K, { initShared: true }), prefix: mapAll(16 * K), depth: 4 },
    { config: config('sw_protected', 2 * M, 4 * M, { initShared: true }), prefix: mapAll(4 * M), depth: 3 },
    {
      config: config('tdx', PAGE, 16 * K),
      prefix: [
        ...mapAll(16 * K),
        { op: 'guestAccess', offset: 0 },
        { op: 'injectRemovalFailure', offset: 0 },
      ],
      depth: 3,
    },
    { config: config('tdx', 2 * M, 4 * M), prefix: [...mapAll(4 * M), ...referencedTdx], depth: 2 },
    { config: config('sw_protected', PAGE, 16 * K), prefix: [], depth: 4 },
    { config: config('sw_protected', PAGE, 16 * K, { initShared: true }), prefix: [], depth: 4 },
    { config: config('sw_protected', 2 * M, 4 * M), prefix: [], depth: 3 },
    { config: config('sw_protected', 2 * M, 4 * M, { initShared: true }), prefix: [], depth: 3 },
    {
      config: config('sw_protected', 2 * M, 4 * M, { policy: { mergeWhen: 'lastRef' } }),
      prefix: [{ op: 'convert', offset: 0, length: PAGE, to: 'shared' }],
      depth: 3,
    },
    { config: config('tdx', PAGE, 16 * K), prefix: [], depth: 4 },
    { config: config('tdx', 2 * M, 4 * M), prefix: [], depth: 3 },
    { config: config('tdx', 2 * M, 4 * M), prefix: leafUnderHuge, depth: 2 },
    // The last munmap after close evicts the inode: a leaked page under a private index.
    {
      config: config('tdx', 2 * M, 4 * M),
      prefix: [...mapAll(4 * M), ...leafUnderHuge, { op: 'memoryFailure', offset: PAGE }, { op: 'close' }],
      depth: 1,
    },
    // A conversion to private over two pages, one of them pinned: the PTEs of both go before
    // the refcount check refuses (spec v2, refusals with side effects).
    {
      config: config('sw_protected', PAGE, 16 * K, { initShared: true }),
      prefix: [
        ...mapAll(16 * K),
        { op: 'hostAccess', offset: 0 },
        { op: 'hostAccess', offset: PAGE },
        { op: 'pin', offset: PAGE, length: PAGE },
      ],
      depth: 1,
      extra: [{ op: 'convert', offset: 0, length: 2 * PAGE, to: 'private' }],
    },
  ];
}

/** A state's identity for the search: everything but the id counter and reference ids. */
const keyOf = (s: GmemState): string =>
  JSON.stringify({
    ...s,
    config: undefined,
    nextId: undefined,
    refs: allRefs(s.refs).map((r) => ({ ...r, id: 0 })),
  });

const blockAt0 = (s: GmemState): string | undefined => classifyBlocks(s, 0, 1)[0]?.value;

function record(m: Map<string, Witness>, key: string, w: () => Witness): void {
  if (!m.has(key)) m.set(key, w());
}

/** Runs the search. Deterministic; a few seconds on a slow machine. */
export function explore(): Exploration {
  const page = new Map<string, Witness>();
  const block = new Map<string, Witness>();
  const pageRefused = new Map<string, Witness>();
  const blockRefused = new Map<string, Witness>();
  for (const seed of seeds()) {
    const made = create(seed.config);
    if (made.state === null) throw new Error(`seed refused: ${JSON.stringify(seed.config)}`);
    let start = made.state;
    for (const op of seed.prefix) start = apply(start, op).state;
    const ops = [...menu(seed.config.pageSize, seed.config.size), ...(seed.extra ?? [])];
    const seen = new Set([keyOf(start)]);
    let frontier: { s: GmemState; path: Op[] }[] = [{ s: start, path: [...seed.prefix] }];
    for (let d = 0; d < seed.depth; d++) {
      const next: { s: GmemState; path: Op[] }[] = [];
      for (const { s, path } of frontier)
        for (const op of ops) {
          const r = apply(s, op);
          const w = () => ({ config: seed.config, prefix: path, op });
          const [p0, p1] = [pageStateAt(s, 0), pageStateAt(r.state, 0)];
          const [b0, b1] = [blockAt0(s), blockAt0(r.state)];
          if (r.refusal !== undefined) {
            record(pageRefused, refusedKey(p0, op, r.refusal.errno), w);
            if (b0 !== undefined) record(blockRefused, refusedKey(b0, op, r.refusal.errno), w);
          }
          // A refusal can still move the page (spec v2: its documented side effects).
          if (p0 !== p1) record(page, `${op.op}:${p0}->${p1}`, w);
          if (b0 !== undefined && b1 !== undefined && b0 !== b1) record(block, `${op.op}:${b0}->${b1}`, w);
          const k = keyOf(r.state);
          if (r.refusal !== undefined || seen.has(k)) continue;
          seen.add(k);
          next.push({ s: r.state, path: [...path, op] });
        }
      frontier = next;
    }
  }
  return { page, block, pageRefused, blockRefused };
}

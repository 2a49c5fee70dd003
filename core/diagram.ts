/**
 * The state diagram as data. Two machines: the life of one 4K page (its attribute, whether
 * memory backs it, who maps and holds it) and, on HugeTLB files, the life of one block.
 * apply() classifies the pages an operation touched before and after it and emits one
 * 'transition' event per change, naming the edge here; the tests check that every transition
 * the model takes is an edge of this diagram, and the app draws it.
 */
import type { OpName } from './types.ts';

export type PageStateId =
  | 'private-hole'
  | 'shared-hole'
  | 'private'
  | 'private-mapped'
  | 'private-referenced'
  | 'shared'
  | 'shared-mapped'
  | 'shared-pinned'
  | 'shared-referenced'
  | 'poisoned'
  | 'leaked';

export type BlockStateId = 'absent' | 'huge' | 'split';

export interface DiagramState<Id extends string> {
  readonly id: Id;
  readonly label: string;
  readonly description: string;
}

export interface DiagramEdge<Id extends string> {
  /** `${op}:${from}->${to}` */
  readonly id: string;
  readonly from: Id;
  readonly to: Id;
  readonly op: OpName;
  /** For convert: which way. */
  readonly to_attr?: 'shared' | 'private';
  readonly label: string;
  /**
   * The condition, when the same op from the same state can reach several states: short
   * enough to label the arrow ("last pin, mapped"). Absent when the op has one outcome.
   */
  readonly when?: string;
}

/** An edge a user would try but the kernel refuses: drawn dashed, with its errno. */
export interface RefusedEdge<Id extends string> {
  readonly from: Id;
  readonly op: OpName;
  readonly to_attr?: 'shared' | 'private';
  readonly errno: string;
  readonly label: string;
}

export interface Machine<Id extends string> {
  readonly id: 'page' | 'block';
  readonly states: readonly DiagramState<Id>[];
  readonly edges: readonly DiagramEdge<Id>[];
  readonly refused: readonly RefusedEdge<Id>[];
}

const PAGE_STATES: readonly DiagramState<PageStateId>[] = [
  { id: 'private-hole', label: 'private, no memory', description: 'private index with no folio behind it' },
  { id: 'shared-hole', label: 'shared, no memory', description: 'shared index with no folio behind it' },
  { id: 'private', label: 'private', description: 'backed by a folio, guest-only, not mapped in stage-2' },
  {
    id: 'private-mapped',
    label: 'private, guest-mapped',
    description: 'a private stage-2 / S-EPT leaf maps it',
  },
  {
    id: 'private-referenced',
    label: 'private, referenced',
    description: 'its folio holds a transient reference: not safe to split or merge',
  },
  { id: 'shared', label: 'shared', description: 'backed by a folio the host may map; nobody maps it' },
  {
    id: 'shared-mapped',
    label: 'shared, mapped',
    description: 'the VMM (PTE) or the guest (shared leaf) maps it',
  },
  {
    id: 'shared-pinned',
    label: 'shared, pinned',
    description: 'GUP pins hold it: conversion to private is refused',
  },
  {
    id: 'shared-referenced',
    label: 'shared, referenced',
    description: 'a transient reference (not a pin) holds its folio: conversion to private is refused',
  },
  {
    id: 'poisoned',
    label: 'poisoned',
    description: 'a memory failure hit it: never mapped again until truncated',
  },
  { id: 'leaked', label: 'leaked (TDX)', description: 'S-EPT removal failed: TDX holds it for good' },
];

type E = [PageStateId, PageStateId, OpName, string, ('shared' | 'private')?];

/** Every change a single operation can make to one page's state. */
const PAGE_EDGES: readonly E[] = [
  ['private-hole', 'private', 'allocate', 'fallocate'],
  ['shared-hole', 'shared', 'allocate', 'fallocate'],
  ['private-hole', 'private', 'guestAccess', 'block allocated around another page'],
  ['shared-hole', 'shared', 'guestAccess', 'block allocated around another page'],
  ['shared-hole', 'shared', 'hostAccess', 'block allocated around another page'],
  ['private-hole', 'private', 'hostAccess', 'block allocated around another page'],
  ['private-hole', 'private', 'pin', 'block allocated around the pinned pages'],
  ['shared-hole', 'shared', 'pin', 'block allocated around the pinned pages'],
  ['private-hole', 'private-mapped', 'guestAccess', 'private fault: allocate, zero, map'],
  ['private', 'private-mapped', 'guestAccess', 'private fault: map'],
  ['shared-hole', 'shared-mapped', 'guestAccess', 'shared fault: allocate, zero, map'],
  ['shared', 'shared-mapped', 'guestAccess', 'shared fault: map'],
  ['shared-hole', 'shared-mapped', 'hostAccess', 'host fault: allocate, zero, PTE'],
  ['shared', 'shared-mapped', 'hostAccess', 'host fault: PTE'],
  ['shared-hole', 'shared-pinned', 'pin', 'GUP faults in and pins'],
  ['shared', 'shared-pinned', 'pin', 'GUP pins'],
  ['shared-mapped', 'shared-pinned', 'pin', 'GUP pins'],
  ['shared-pinned', 'shared-mapped', 'unpin', 'last pin dropped'],
  ['shared-pinned', 'shared', 'unpin', 'last pin dropped'],
  ['shared', 'shared-referenced', 'getRef', 'transient reference'],
  ['shared-mapped', 'shared-referenced', 'getRef', 'transient reference'],
  ['shared-referenced', 'shared', 'putRef', 'last reference dropped'],
  ['shared-referenced', 'shared-mapped', 'putRef', 'last reference dropped'],
  ['shared-referenced', 'shared-pinned', 'pin', 'GUP pins'],
  ['shared-pinned', 'shared-referenced', 'unpin', 'last pin dropped: a transient reference remains'],
  ['shared-referenced', 'shared-hole', 'punchHole', 'truncated: the folio lives on as an orphan'],
  ['shared-referenced', 'shared-hole', 'close', 'inode evicted: the folio lives on as an orphan'],
  ['shared-referenced', 'shared-hole', 'hostUnmap', 'inode evicted: the folio lives on as an orphan'],
  ['shared-referenced', 'poisoned', 'memoryFailure', 'hardware error'],
  ['shared-mapped', 'shared', 'convert', 'refused (EAGAIN), but the VMM was unmapped first', 'private'],
  [
    'private-mapped',
    'private-hole',
    'hostUnmap',
    'last VMA gone: file released, stage-2 zapped, inode evicted',
  ],
  ['private', 'private-referenced', 'getRef', 'transient reference'],
  ['private-mapped', 'private-referenced', 'getRef', 'transient reference'],
  ['private-referenced', 'private', 'putRef', 'last reference dropped'],
  ['private-referenced', 'private-mapped', 'putRef', 'last reference dropped'],
  ['shared-mapped', 'shared', 'madviseDontneed', 'PTE zapped'],
  ['shared-mapped', 'shared', 'hostUnmap', 'munmap'],
  ['shared-mapped', 'shared-hole', 'hostUnmap', 'inode evicted after close'],
  ['shared', 'shared-hole', 'hostUnmap', 'inode evicted after close'],
  ['private', 'private-hole', 'hostUnmap', 'inode evicted after close'],
  ['shared-pinned', 'shared-hole', 'hostUnmap', 'inode evicted: the pinned folio lives on as an orphan'],
  ['private-referenced', 'private-hole', 'hostUnmap', 'inode evicted: the folio lives on as an orphan'],
  ['leaked', 'private-hole', 'hostUnmap', 'inode evicted: TDX keeps the page'],
  ['leaked', 'shared-hole', 'hostUnmap', 'inode evicted: TDX keeps the page'],
  ['poisoned', 'private-hole', 'hostUnmap', 'inode evicted'],
  ['poisoned', 'shared-hole', 'hostUnmap', 'inode evicted'],
  ['shared', 'private', 'convert', 'to private', 'private'],
  ['shared-mapped', 'private', 'convert', 'to private: VMM and shared leaves unmapped', 'private'],
  ['shared-hole', 'private-hole', 'convert', 'to private (no memory yet)', 'private'],
  ['private', 'shared', 'convert', 'to shared (folio split)', 'shared'],
  ['private-mapped', 'shared', 'convert', 'to shared: private leaf zapped', 'shared'],
  ['private-hole', 'shared-hole', 'convert', 'to shared (no memory yet)', 'shared'],
  ['private-mapped', 'private', 'punchHole', 'a leaf crossing the hole was zapped'],
  [
    'private-mapped',
    'private',
    'convert',
    'another page of its huge stage-2 leaf became shared: the whole leaf was zapped (tdp_mmu_zap_leafs)',
    'shared',
  ],
  ['private', 'private-hole', 'punchHole', 'truncated'],
  ['private-mapped', 'private-hole', 'punchHole', 'zapped and truncated'],
  ['private-referenced', 'private-hole', 'punchHole', 'truncated: the folio lives on as an orphan'],
  ['shared', 'shared-hole', 'punchHole', 'truncated'],
  ['shared-mapped', 'shared-hole', 'punchHole', 'unmapped and truncated'],
  ['shared-mapped', 'shared', 'punchHole', 'part of a block: zeroed in place, unmapped'],
  ['shared-pinned', 'shared-hole', 'punchHole', 'truncated: the pinned folio lives on as an orphan'],
  ['poisoned', 'private-hole', 'punchHole', 'poisoned folio truncated'],
  ['poisoned', 'shared-hole', 'punchHole', 'poisoned folio truncated'],
  ['leaked', 'private-hole', 'punchHole', 'truncated: TDX keeps the page as an orphan'],
  ['leaked', 'shared-hole', 'punchHole', 'truncated: TDX keeps the page as an orphan'],
  ['private-mapped', 'private', 'memoryFailure', 'the folio is unmapped from stage-2'],
  ['private', 'poisoned', 'memoryFailure', 'hardware error'],
  ['private-mapped', 'poisoned', 'memoryFailure', 'hardware error: stage-2 zapped'],
  ['private-referenced', 'poisoned', 'memoryFailure', 'hardware error'],
  ['shared', 'poisoned', 'memoryFailure', 'hardware error'],
  ['shared-mapped', 'poisoned', 'memoryFailure', 'hardware error: unmapped'],
  ['shared-pinned', 'poisoned', 'memoryFailure', 'hardware error'],
  ['leaked', 'poisoned', 'memoryFailure', 'hardware error'],
  // Spec v2: close zaps stage-2 only as the last file reference, and then the inode goes too.
  ['private-mapped', 'private-hole', 'close', 'stage-2 zapped, inode evicted'],
  ['private', 'private-hole', 'close', 'inode evicted'],
  ['shared-mapped', 'shared-hole', 'close', 'inode evicted'],
  ['shared', 'shared-hole', 'close', 'inode evicted'],
  ['shared-pinned', 'shared-hole', 'close', 'inode evicted: the pinned folio lives on as an orphan'],
  ['private-referenced', 'private-hole', 'close', 'inode evicted: the folio lives on as an orphan'],
  ['leaked', 'private-hole', 'close', 'inode evicted: TDX keeps the page'],
  ['leaked', 'shared-hole', 'close', 'inode evicted: TDX keeps the page'],
  ['poisoned', 'private-hole', 'close', 'inode evicted'],
  ['poisoned', 'shared-hole', 'close', 'inode evicted'],
  ['private-mapped', 'leaked', 'convert', 'S-EPT removal failed', 'shared'],
  ['private-mapped', 'leaked', 'punchHole', 'S-EPT removal failed'],
  ['private-mapped', 'leaked', 'memoryFailure', 'S-EPT removal failed'],
  [
    'private-referenced',
    'shared-referenced',
    'convert',
    'to shared: a 4K folio needs no split, the reference stays',
    'shared',
  ],
  ['private-referenced', 'leaked', 'convert', 'S-EPT removal failed', 'shared'],
  ['private-referenced', 'leaked', 'punchHole', 'S-EPT removal failed'],
  ['private-referenced', 'leaked', 'memoryFailure', 'S-EPT removal failed'],
  ['private', 'leaked', 'memoryFailure', 'S-EPT removal failed in its huge folio'],
  ['private', 'leaked', 'punchHole', 'S-EPT removal failed in its huge folio'],
];

const PAGE_REFUSED: readonly RefusedEdge<PageStateId>[] = [
  {
    from: 'shared-pinned',
    op: 'convert',
    to_attr: 'private',
    errno: 'EAGAIN',
    label: 'pinned: not safe',
  },
  {
    from: 'shared-referenced',
    op: 'convert',
    to_attr: 'private',
    errno: 'EAGAIN',
    label: 'transient reference: not safe',
  },
  {
    from: 'private-referenced',
    op: 'convert',
    to_attr: 'shared',
    errno: 'EAGAIN',
    label: 'huge folio cannot split while referenced (the kernel spins)',
  },
  { from: 'leaked', op: 'convert', to_attr: 'private', errno: 'EAGAIN', label: 'TDX holds a reference' },
  {
    from: 'leaked',
    op: 'convert',
    to_attr: 'shared',
    errno: 'EAGAIN',
    label: 'TDX holds a reference (a page already shared converts as a no-op)',
  },
  {
    from: 'shared-pinned',
    op: 'punchHole',
    errno: 'EAGAIN',
    label: 'whole HugeTLB block: pieces referenced, cannot merge before truncation',
  },
  { from: 'private', op: 'hostAccess', errno: 'SIGBUS', label: 'host may not fault private memory' },
  { from: 'private-mapped', op: 'hostAccess', errno: 'SIGBUS', label: 'host may not fault private memory' },
  { from: 'private-hole', op: 'hostAccess', errno: 'SIGBUS', label: 'host may not fault private memory' },
  { from: 'private', op: 'pin', errno: 'EFAULT', label: 'GUP cannot fault private memory' },
  { from: 'poisoned', op: 'guestAccess', errno: 'EHWPOISON', label: 'memory failure' },
  { from: 'poisoned', op: 'hostAccess', errno: 'SIGBUS', label: 'memory failure' },
];

const BLOCK_STATES: readonly DiagramState<BlockStateId>[] = [
  { id: 'absent', label: 'absent', description: 'no memory: the huge page is still in the subpool' },
  { id: 'huge', label: 'huge folio', description: 'one 2M/1G folio: wholly private, HVO applied' },
  {
    id: 'split',
    label: 'split',
    description: 'split into smaller folios (some index shared, or not merged yet)',
  },
];

type B = [BlockStateId, BlockStateId, OpName, string, ('shared' | 'private')?];
const BLOCK_EDGES: readonly B[] = [
  ['absent', 'huge', 'allocate', 'allocated whole'],
  ['absent', 'split', 'allocate', 'allocated and split at once: it holds shared indices'],
  ['absent', 'huge', 'guestAccess', 'private fault allocates the block'],
  ['absent', 'split', 'guestAccess', 'fault allocates the block, split for shared indices'],
  ['absent', 'split', 'hostAccess', 'host fault allocates the block, split for shared indices'],
  ['absent', 'split', 'pin', 'GUP fault allocates the block, split for shared indices'],
  ['huge', 'split', 'convert', 'a page became shared: split', 'shared'],
  ['split', 'huge', 'convert', 'all private again: merged', 'private'],
  ['huge', 'split', 'split', 'explicit split'],
  ['split', 'huge', 'merge', 'explicit merge'],
  ['split', 'huge', 'putRef', 'folio_put callback merges (mergeWhen lastRef)'],
  ['huge', 'absent', 'punchHole', 'truncated whole'],
  ['split', 'absent', 'punchHole', 'merged, then truncated'],
  ['huge', 'absent', 'close', 'inode evicted'],
  ['split', 'absent', 'close', 'inode evicted'],
  ['huge', 'absent', 'hostUnmap', 'inode evicted'],
  ['split', 'absent', 'hostUnmap', 'inode evicted'],
];

const BLOCK_REFUSED: readonly RefusedEdge<BlockStateId>[] = [
  { from: 'split', op: 'merge', errno: 'EAGAIN', label: 'shared pieces, references or missing pieces' },
  {
    from: 'split',
    op: 'punchHole',
    errno: 'EAGAIN',
    label: 'pieces referenced: cannot merge before truncation',
  },
];

/** Conditions of the edges whose op reaches several states from one state (by edge id). */
const WHEN: Readonly<Record<string, string>> = {
  'guestAccess:private-hole->private': 'another page faulted',
  'guestAccess:private-hole->private-mapped': 'this page faulted',
  'guestAccess:shared-hole->shared': 'another page faulted',
  'guestAccess:shared-hole->shared-mapped': 'this page faulted',
  'hostAccess:shared-hole->shared': 'another page faulted',
  'hostAccess:shared-hole->shared-mapped': 'this page faulted',
  'pin:shared-hole->shared': 'another page pinned',
  'pin:shared-hole->shared-pinned': 'this page pinned',
  'unpin:shared-pinned->shared-mapped': 'last pin, mapped',
  'unpin:shared-pinned->shared': 'last pin, unmapped',
  'putRef:shared-pinned->shared-mapped': 'last ref, mapped',
  'putRef:shared-pinned->shared': 'last ref, unmapped',
  'putRef:private-referenced->private-mapped': 'last ref, mapped',
  'putRef:private-referenced->private': 'last ref, unmapped',
  'hostUnmap:shared-mapped->shared': 'file open',
  'hostUnmap:shared-mapped->shared-hole': 'after close',
  'hostUnmap:leaked->private-hole': 'private index',
  'hostUnmap:leaked->shared-hole': 'shared index',
  'hostUnmap:poisoned->private-hole': 'private index',
  'hostUnmap:poisoned->shared-hole': 'shared index',
  'punchHole:poisoned->private-hole': 'private index',
  'punchHole:poisoned->shared-hole': 'shared index',
  'punchHole:leaked->private-hole': 'private index',
  'punchHole:leaked->shared-hole': 'shared index',
  'close:leaked->private-hole': 'private index',
  'close:leaked->shared-hole': 'shared index',
  'close:poisoned->private-hole': 'private index',
  'close:poisoned->shared-hole': 'shared index',
  'convert:private-mapped->shared': 'leaf zapped',
  'convert:private-mapped->private': 'a neighbour in its leaf',
  'unpin:shared-pinned->shared-referenced': 'last pin, refs left',
  'putRef:shared-referenced->shared': 'last ref, unmapped',
  'putRef:shared-referenced->shared-mapped': 'last ref, mapped',
  'convert:shared-mapped->shared': 'refused after the unmap',
  'convert:shared-mapped->private': 'no extra references',
  'convert:private-mapped->leaked': 'S-EPT removal fails',
  'punchHole:private-mapped->private': 'part of a block',
  'punchHole:private-mapped->private-hole': 'whole folio',
  'punchHole:private-mapped->leaked': 'S-EPT removal fails',
  'punchHole:private->private-hole': 'truncated',
  'punchHole:private->leaked': 'S-EPT removal fails',
  'punchHole:private-referenced->private-hole': 'folio orphaned',
  'punchHole:private-referenced->leaked': 'S-EPT removal fails',
  'punchHole:shared-mapped->shared-hole': 'whole folio',
  'punchHole:shared-mapped->shared': 'part of a block',
  'memoryFailure:private-mapped->private': 'another page hit',
  'memoryFailure:private-mapped->poisoned': 'this page hit',
  'memoryFailure:private-mapped->leaked': 'S-EPT removal fails',
  'memoryFailure:private->poisoned': 'this page hit',
  'memoryFailure:private->leaked': 'S-EPT removal fails',
  'memoryFailure:private-referenced->poisoned': 'this page hit',
  'memoryFailure:private-referenced->leaked': 'S-EPT removal fails',
  'close:private-mapped->private': 'still mmapped',
  'close:private-mapped->private-hole': 'no mmap left',
  'close:private-mapped->leaked': 'S-EPT removal fails',
  'close:shared-mapped->shared': 'still mmapped',
  'close:shared-mapped->shared-hole': 'no mmap left',
  'close:private->private-hole': 'no mmap left',
  'close:private->leaked': 'S-EPT removal fails',
  'close:private-referenced->private-hole': 'no mmap left',
  'close:private-referenced->leaked': 'S-EPT removal fails',
  'convert:private-referenced->shared-referenced': 'reference stays',
  'convert:private-referenced->leaked': 'S-EPT removal fails',
  'allocate:absent->huge': 'all private',
  'allocate:absent->split': 'holds shared',
  'guestAccess:absent->huge': 'all private',
  'guestAccess:absent->split': 'holds shared',
};

export const edgeId = (op: OpName, from: string, to: string): string => `${op}:${from}->${to}`;

function edges<Id extends string>(
  list: readonly [Id, Id, OpName, string, ('shared' | 'private')?][],
): DiagramEdge<Id>[] {
  return list.map(([from, to, op, label, attr]) => {
    const id = edgeId(op, from, to);
    const when = WHEN[id];
    return {
      id,
      from,
      to,
      op,
      label,
      ...(attr === undefined ? {} : { to_attr: attr }),
      ...(when === undefined ? {} : { when }),
    };
  });
}

export const PAGE_MACHINE: Machine<PageStateId> = {
  id: 'page',
  states: PAGE_STATES,
  edges: edges(PAGE_EDGES),
  refused: PAGE_REFUSED,
};
export const BLOCK_MACHINE: Machine<BlockStateId> = {
  id: 'block',
  states: BLOCK_STATES,
  edges: edges(BLOCK_EDGES),
  refused: BLOCK_REFUSED,
};

const known = new Set([...PAGE_MACHINE.edges, ...BLOCK_MACHINE.edges].map((e) => e.id));

/** True when the diagram has this edge. */
export const hasEdge = (id: string): boolean => known.has(id);

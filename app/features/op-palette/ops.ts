/**
 * The palette's buttons, each building one core Op from the selection. The raw op goes
 * through the core's own parseStep, so the palette can never build an op the core rejects.
 */
import { PAGE, alignDown, parseStep } from '../../../core/index.ts';
import type { Op, OpName } from '../../../core/index.ts';
import type { Selection } from '../../store/store.ts';

export interface OpInputs {
  readonly selection: Selection | null;
  readonly holder: string;
  readonly write: boolean;
  readonly splitTo: number;
  readonly mergeSize: number;
}

export interface PaletteEntry {
  readonly label: string;
  readonly op: OpName;
  readonly group: 'Attributes' | 'Memory' | 'Host' | 'References' | 'Guest and hardware';
  readonly needsSelection: boolean;
  readonly raw: (sel: Selection, i: OpInputs) => Record<string, unknown>;
}

const range = (sel: Selection) => ({ offset: sel.start, length: sel.end - sel.start });
const holder = (i: OpInputs) => (i.holder.trim() === '' ? {} : { holder: i.holder.trim() });
const write = (i: OpInputs) => (i.write ? { write: true } : {});

export const PALETTE: readonly PaletteEntry[] = [
  { label: 'Share', op: 'convert', group: 'Attributes', needsSelection: true, raw: (s) => ({ op: 'convert', ...range(s), to: 'shared' }) },
  { label: 'Make private', op: 'convert', group: 'Attributes', needsSelection: true, raw: (s) => ({ op: 'convert', ...range(s), to: 'private' }) },
  { label: 'Allocate', op: 'allocate', group: 'Memory', needsSelection: true, raw: (s) => ({ op: 'allocate', ...range(s) }) },
  { label: 'Punch hole', op: 'punchHole', group: 'Memory', needsSelection: true, raw: (s) => ({ op: 'punchHole', ...range(s) }) },
  { label: 'Split', op: 'split', group: 'Memory', needsSelection: true, raw: (s, i) => ({ op: 'split', offset: s.start, to: i.splitTo }) },
  { label: 'Merge', op: 'merge', group: 'Memory', needsSelection: true, raw: (s, i) => ({ op: 'merge', offset: alignDown(s.start, i.mergeSize), size: i.mergeSize }) },
  { label: 'Host map', op: 'hostMap', group: 'Host', needsSelection: true, raw: (s) => ({ op: 'hostMap', ...range(s) }) },
  { label: 'Host access', op: 'hostAccess', group: 'Host', needsSelection: true, raw: (s, i) => ({ op: 'hostAccess', offset: s.start, ...write(i) }) },
  { label: 'Host unmap', op: 'hostUnmap', group: 'Host', needsSelection: true, raw: (s) => ({ op: 'hostUnmap', ...range(s) }) },
  { label: 'madvise DONTNEED', op: 'madviseDontneed', group: 'Host', needsSelection: true, raw: (s) => ({ op: 'madviseDontneed', ...range(s) }) },
  { label: 'Pin', op: 'pin', group: 'References', needsSelection: true, raw: (s, i) => ({ op: 'pin', ...range(s), ...holder(i) }) },
  { label: 'Unpin', op: 'unpin', group: 'References', needsSelection: true, raw: (s, i) => ({ op: 'unpin', ...range(s), ...holder(i) }) },
  { label: 'Get reference', op: 'getRef', group: 'References', needsSelection: true, raw: (s, i) => ({ op: 'getRef', offset: s.start, ...holder(i) }) },
  { label: 'Put reference', op: 'putRef', group: 'References', needsSelection: true, raw: (s, i) => ({ op: 'putRef', offset: s.start, ...holder(i) }) },
  { label: 'Guest access', op: 'guestAccess', group: 'Guest and hardware', needsSelection: true, raw: (s, i) => ({ op: 'guestAccess', offset: s.start, ...write(i) }) },
  { label: 'Memory failure', op: 'memoryFailure', group: 'Guest and hardware', needsSelection: true, raw: (s) => ({ op: 'memoryFailure', offset: s.start }) },
  { label: 'Close', op: 'close', group: 'Guest and hardware', needsSelection: false, raw: () => ({ op: 'close' }) },
];

export const GROUPS = ['Attributes', 'Memory', 'Host', 'References', 'Guest and hardware'] as const;

const NO_SELECTION: Selection = { start: 0, end: PAGE, anchor: 0 };

/** The op a palette entry stands for, validated by the core; undefined if the inputs are not valid. */
export function buildOp(entry: PaletteEntry, i: OpInputs): Op | undefined {
  if (entry.needsSelection && i.selection === null) return undefined;
  return parseStep(entry.raw(i.selection ?? NO_SELECTION, i), 'op');
}

/**
 * The palette's entries, each building one typed core Op from the selection and the inputs.
 * The only free-text input, the holder name, is checked with the core's own rule
 * (holderProblem), so the palette can never build an op the core's parser would reject, and an
 * entry that cannot act says exactly why. Palette buttons, shortcuts, the folio tree's context
 * menu and diagram edges all go through perform.ts.
 */
import { PAGE, alignDown, apply, hex, holderProblem, plural, stepEvents } from '../../../core/index.ts';
import type { Attr, GmemState, Op, OpName } from '../../../core/index.ts';
import type { OpInputs, Selection } from '../../store/store.ts';

export interface PaletteEntry {
  readonly label: string;
  readonly op: OpName;
  /** For convert: which way. */
  readonly to?: Attr;
  readonly group: 'Attributes' | 'Memory' | 'Host' | 'References' | 'Guest and hardware';
  readonly needsSelection: boolean;
  /** Single-key shortcut (see app/keyboard/shortcuts.ts). */
  readonly key?: string;
  /** The typed op on `sel`; the holder is checked separately (see buildOp). */
  readonly build: (sel: Selection, i: OpInputs) => Op;
}

const range = (sel: Selection) => ({ offset: sel.start, length: sel.end - sel.start });
const holder = (i: OpInputs) => (i.holder.trim() === '' ? {} : { holder: i.holder.trim() });
const write = (i: OpInputs) => (i.write ? { write: true } : {});

export const PALETTE: readonly PaletteEntry[] = [
  {
    label: 'Share',
    op: 'convert',
    to: 'shared',
    group: 'Attributes',
    needsSelection: true,
    key: 's',
    build: (s) => ({ op: 'convert', ...range(s), to: 'shared' as const }),
  },
  {
    label: 'Make private',
    op: 'convert',
    to: 'private',
    group: 'Attributes',
    needsSelection: true,
    key: 'p',
    build: (s) => ({ op: 'convert', ...range(s), to: 'private' as const }),
  },
  {
    label: 'Allocate',
    op: 'allocate',
    group: 'Memory',
    needsSelection: true,
    key: 'a',
    build: (s) => ({ op: 'allocate', ...range(s) }),
  },
  {
    label: 'Punch hole',
    op: 'punchHole',
    group: 'Memory',
    needsSelection: true,
    key: 'x',
    build: (s) => ({ op: 'punchHole', ...range(s) }),
  },
  {
    label: 'Split',
    op: 'split',
    group: 'Memory',
    needsSelection: true,
    key: 'l',
    build: (s, i) => ({ op: 'split', offset: s.start, to: i.splitTo as Extract<Op, { op: 'split' }>['to'] }),
  },
  {
    label: 'Merge',
    op: 'merge',
    group: 'Memory',
    needsSelection: true,
    key: 'j',
    build: (s, i) => ({
      op: 'merge',
      offset: alignDown(s.start, i.mergeSize),
      size: i.mergeSize as Extract<Op, { op: 'merge' }>['size'],
    }),
  },
  {
    label: 'Host map',
    op: 'hostMap',
    group: 'Host',
    needsSelection: true,
    key: 'm',
    build: (s) => ({ op: 'hostMap', ...range(s) }),
  },
  {
    label: 'Host access',
    op: 'hostAccess',
    group: 'Host',
    needsSelection: true,
    key: 'h',
    build: (s, i) => ({ op: 'hostAccess', offset: s.start, ...write(i) }),
  },
  {
    label: 'Host unmap',
    op: 'hostUnmap',
    group: 'Host',
    needsSelection: true,
    key: 'u',
    build: (s) => ({ op: 'hostUnmap', ...range(s) }),
  },
  {
    label: 'madvise DONTNEED',
    op: 'madviseDontneed',
    group: 'Host',
    needsSelection: true,
    build: (s) => ({ op: 'madviseDontneed', ...range(s) }),
  },
  {
    label: 'Pin',
    op: 'pin',
    group: 'References',
    needsSelection: true,
    key: 'i',
    build: (s, i) => ({ op: 'pin', ...range(s), ...holder(i) }),
  },
  {
    label: 'Unpin',
    op: 'unpin',
    group: 'References',
    needsSelection: true,
    key: 'o',
    build: (s, i) => ({ op: 'unpin', ...range(s), ...holder(i) }),
  },
  {
    label: 'Get reference',
    op: 'getRef',
    group: 'References',
    needsSelection: true,
    key: 'r',
    build: (s, i) => ({ op: 'getRef', offset: s.start, ...holder(i) }),
  },
  {
    label: 'Put reference',
    op: 'putRef',
    group: 'References',
    needsSelection: true,
    key: 'e',
    build: (s, i) => ({ op: 'putRef', offset: s.start, ...holder(i) }),
  },
  {
    label: 'Guest access',
    op: 'guestAccess',
    group: 'Guest and hardware',
    needsSelection: true,
    key: 'g',
    build: (s, i) => ({ op: 'guestAccess', offset: s.start, ...write(i) }),
  },
  {
    label: 'Memory failure',
    op: 'memoryFailure',
    group: 'Guest and hardware',
    needsSelection: true,
    build: (s) => ({ op: 'memoryFailure', offset: s.start }),
  },
  {
    label: 'Close',
    op: 'close',
    group: 'Guest and hardware',
    needsSelection: false,
    build: () => ({ op: 'close' }),
  },
];

export const GROUPS = ['Attributes', 'Memory', 'Host', 'References', 'Guest and hardware'] as const;

export const NO_SELECTION_REASON = 'Select pages first: click the folio tree or type an offset.';

/** The op a palette entry stands for, or why there is none. */
export type Built = { readonly ok: true; readonly op: Op } | { readonly ok: false; readonly why: string };

const NO_SELECTION: Selection = { start: 0, end: PAGE, anchor: 0 };

export function buildOp(entry: PaletteEntry, selection: Selection | null, i: OpInputs): Built {
  if (entry.needsSelection && selection === null) return { ok: false, why: NO_SELECTION_REASON };
  const op = entry.build(selection ?? NO_SELECTION, i);
  const problem = 'holder' in op ? holderProblem(op.holder) : undefined;
  return problem === undefined ? { ok: true, op } : { ok: false, why: `holder: ${problem}` };
}

/** The palette entry performing a diagram edge's op (convert: the one going `to`). */
export function entryFor(op: OpName, to?: Attr): PaletteEntry | undefined {
  return PALETTE.find((p) => p.op === op && (p.to === undefined || to === undefined || p.to === to));
}

/**
 * What the op would do from `state`, in one sentence: the kernel's refusal or its entry
 * point. apply() is pure, so asking costs nothing but time and changes nothing.
 */
export function predict(state: GmemState | undefined, op: Op): string {
  if (state === undefined) return 'No file: creation was refused.';
  const r = apply(state, op);
  if (r.refusal !== undefined) {
    const at = r.refusal.errorOffset === undefined ? '' : ` at ${hex(r.refusal.errorOffset)}`;
    return `Would be refused: ${r.refusal.errno} from ${r.refusal.fn}${at}: ${r.refusal.reason}`;
  }
  return `Would succeed via ${r.events[0]?.fn ?? op.op} (${plural(stepEvents(r).length, 'event')}).`;
}

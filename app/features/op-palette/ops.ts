/**
 * The palette's buttons, each building one core Op from the selection. The raw op goes
 * through the core's own validateStep, so the palette can never build an op the core rejects,
 * and a button that cannot act says exactly why (the core's own message).
 */
import { PAGE, alignDown, apply, hex, validateStep } from '../../../core/index.ts';
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
  readonly raw: (sel: Selection, i: OpInputs) => Record<string, unknown>;
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
    raw: (s) => ({ op: 'convert', ...range(s), to: 'shared' }),
  },
  {
    label: 'Make private',
    op: 'convert',
    to: 'private',
    group: 'Attributes',
    needsSelection: true,
    key: 'p',
    raw: (s) => ({ op: 'convert', ...range(s), to: 'private' }),
  },
  {
    label: 'Allocate',
    op: 'allocate',
    group: 'Memory',
    needsSelection: true,
    key: 'a',
    raw: (s) => ({ op: 'allocate', ...range(s) }),
  },
  {
    label: 'Punch hole',
    op: 'punchHole',
    group: 'Memory',
    needsSelection: true,
    key: 'x',
    raw: (s) => ({ op: 'punchHole', ...range(s) }),
  },
  {
    label: 'Split',
    op: 'split',
    group: 'Memory',
    needsSelection: true,
    key: 'l',
    raw: (s, i) => ({ op: 'split', offset: s.start, to: i.splitTo }),
  },
  {
    label: 'Merge',
    op: 'merge',
    group: 'Memory',
    needsSelection: true,
    key: 'j',
    raw: (s, i) => ({ op: 'merge', offset: alignDown(s.start, i.mergeSize), size: i.mergeSize }),
  },
  {
    label: 'Host map',
    op: 'hostMap',
    group: 'Host',
    needsSelection: true,
    key: 'm',
    raw: (s) => ({ op: 'hostMap', ...range(s) }),
  },
  {
    label: 'Host access',
    op: 'hostAccess',
    group: 'Host',
    needsSelection: true,
    key: 'h',
    raw: (s, i) => ({ op: 'hostAccess', offset: s.start, ...write(i) }),
  },
  {
    label: 'Host unmap',
    op: 'hostUnmap',
    group: 'Host',
    needsSelection: true,
    key: 'u',
    raw: (s) => ({ op: 'hostUnmap', ...range(s) }),
  },
  {
    label: 'madvise DONTNEED',
    op: 'madviseDontneed',
    group: 'Host',
    needsSelection: true,
    raw: (s) => ({ op: 'madviseDontneed', ...range(s) }),
  },
  {
    label: 'Pin',
    op: 'pin',
    group: 'References',
    needsSelection: true,
    key: 'i',
    raw: (s, i) => ({ op: 'pin', ...range(s), ...holder(i) }),
  },
  {
    label: 'Unpin',
    op: 'unpin',
    group: 'References',
    needsSelection: true,
    key: 'o',
    raw: (s, i) => ({ op: 'unpin', ...range(s), ...holder(i) }),
  },
  {
    label: 'Get reference',
    op: 'getRef',
    group: 'References',
    needsSelection: true,
    key: 'r',
    raw: (s, i) => ({ op: 'getRef', offset: s.start, ...holder(i) }),
  },
  {
    label: 'Put reference',
    op: 'putRef',
    group: 'References',
    needsSelection: true,
    key: 'e',
    raw: (s, i) => ({ op: 'putRef', offset: s.start, ...holder(i) }),
  },
  {
    label: 'Guest access',
    op: 'guestAccess',
    group: 'Guest and hardware',
    needsSelection: true,
    key: 'g',
    raw: (s, i) => ({ op: 'guestAccess', offset: s.start, ...write(i) }),
  },
  {
    label: 'Memory failure',
    op: 'memoryFailure',
    group: 'Guest and hardware',
    needsSelection: true,
    raw: (s) => ({ op: 'memoryFailure', offset: s.start }),
  },
  {
    label: 'Close',
    op: 'close',
    group: 'Guest and hardware',
    needsSelection: false,
    raw: () => ({ op: 'close' }),
  },
];

export const GROUPS = ['Attributes', 'Memory', 'Host', 'References', 'Guest and hardware'] as const;

export const NO_SELECTION_REASON = 'Select pages first: click the folio tree or type an offset.';

/** The op a palette entry stands for, validated by the core, or why there is none. */
export type Built = { readonly ok: true; readonly op: Op } | { readonly ok: false; readonly why: string };

const NO_SELECTION: Selection = { start: 0, end: PAGE, anchor: 0 };

export function buildOp(entry: PaletteEntry, selection: Selection | null, i: OpInputs): Built {
  if (entry.needsSelection && selection === null) return { ok: false, why: NO_SELECTION_REASON };
  const r = validateStep(entry.raw(selection ?? NO_SELECTION, i));
  if (r.ok) return { ok: true, op: r.op };
  // "step.holder: expected a holder name…" -> "holder: expected a holder name…"
  return {
    ok: false,
    why: r.errors.map((e) => `${e.path.replace(/^step\.?/, '') || 'op'}: ${e.message}`).join('; '),
  };
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
  return `Would succeed via ${r.events[0]?.fn ?? op.op} (${r.events.length} events).`;
}

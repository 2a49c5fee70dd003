/**
 * Every single-key shortcut, as data: the key handler and the help dialog read this one
 * table, so the help can never list a key that does nothing. Operations take their keys
 * from the palette entries themselves.
 */
import {
  openDialog,
  redo,
  select,
  setPlaying,
  setPresenting,
  stepBack,
  stepForward,
  undo,
} from '../store/commands.ts';
import type { SimStore } from '../store/store.ts';
import { PALETTE } from '../features/op-palette/ops.ts';
import { perform } from '../features/op-palette/perform.ts';

export interface ShortcutContext {
  readonly store: SimStore;
  /** Moves keyboard focus to a part of the page. */
  readonly focus: (target: 'folio-tree' | 'offset' | 'diagram') => void;
}

export interface Shortcut {
  /** KeyboardEvent.key */
  readonly key: string;
  /** How the help dialog shows the key. */
  readonly keyLabel?: string;
  readonly label: string;
  readonly group: 'Operations on the selection' | 'Timeline' | 'Moving around' | 'General';
  readonly run: (c: ShortcutContext) => void;
}

const paletteShortcuts: Shortcut[] = PALETTE.flatMap((p) =>
  p.key === undefined
    ? []
    : [
        {
          key: p.key,
          label: p.label,
          group: 'Operations on the selection' as const,
          run: ({ store }: ShortcutContext) => void perform(store, p),
        },
      ],
);

export const SHORTCUTS: readonly Shortcut[] = [
  ...paletteShortcuts,
  {
    key: '[',
    label: 'Step back (the step plays in reverse)',
    group: 'Timeline',
    run: ({ store }) => stepBack(store),
  },
  { key: ']', label: 'Step forward', group: 'Timeline', run: ({ store }) => stepForward(store) },
  {
    key: 'k',
    label: 'Play or pause',
    group: 'Timeline',
    run: ({ store }) => setPlaying(store, !store.getState().ui.playing),
  },
  { key: 'z', label: 'Undo', group: 'Timeline', run: ({ store }) => undo(store) },
  { key: 'y', label: 'Redo', group: 'Timeline', run: ({ store }) => redo(store) },
  {
    key: '/',
    label: 'Type the selection (offset and length)',
    group: 'Moving around',
    run: ({ focus }) => focus('offset'),
  },
  {
    key: 'f',
    label:
      'Focus the folio tree (then ← → by the unit selected, ↑ widens to its folio or block, ↓ narrows, . and , to the next or previous page whose state differs, Home, End, Page Up/Down, + - 0)',
    group: 'Moving around',
    run: ({ focus }) => focus('folio-tree'),
  },
  {
    key: 'd',
    label: 'Focus the state diagram’s edge buttons (Tab moves between them)',
    group: 'Moving around',
    run: ({ focus }) => focus('diagram'),
  },
  {
    key: 'Escape',
    keyLabel: 'Esc',
    label: 'Clear the selection (in a dialog: close it)',
    group: 'Moving around',
    run: ({ store }) => select(store, null),
  },
  {
    key: 'n',
    label: 'New scenario…',
    group: 'General',
    run: ({ store }) => openDialog(store, 'new-scenario'),
  },
  {
    key: 'v',
    label: 'Presentation mode (clicker keys; Esc leaves)',
    group: 'General',
    run: ({ store }) => setPresenting(store, true),
  },
  {
    key: '?',
    label: 'This list of shortcuts',
    group: 'General',
    run: ({ store }) => openDialog(store, 'help'),
  },
];

export const SHORTCUT_GROUPS = [
  'Operations on the selection',
  'Timeline',
  'Moving around',
  'General',
] as const;

/** Keys that only work inside the folio tree (listed in the help, handled there). */
export const FOLIO_TREE_KEYS: readonly [string, string][] = [
  ['← →', 'Select the previous or next page (with Shift: extend the selection)'],
  ['Home / End', 'Select the first or last page of the file'],
  ['Page Up / Page Down', 'Pan half a view'],
  ['+ / −', 'Zoom in or out'],
  ['0', 'Whole file'],
];

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The shortcut for a key event, or undefined when the key belongs to something else. */
export function shortcutFor(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null },
  dialogOpen: boolean,
): Shortcut | undefined {
  if (dialogOpen || e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const el = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (el !== null && (TYPING.has(el.tagName ?? '') || el.isContentEditable === true)) return undefined;
  return SHORTCUTS.find((s) => s.key === e.key);
}

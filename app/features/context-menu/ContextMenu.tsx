/**
 * Act where you point: the operations that make sense on the folio, page, mapping or reference
 * under the pointer (or the focused selection), each with the kernel's predicted answer, the
 * same sentence the palette shows on hover. Every item goes through perform().
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { rangeName } from '../../../core/index.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectCurrent } from '../../store/selectors.ts';
import type { Selection } from '../../store/store.ts';
import { PALETTE, buildOp, type PaletteEntry } from '../op-palette/ops.ts';
import { perform, preview } from '../op-palette/perform.ts';

/** What was pointed at: it decides which operations the menu offers. */
export type TargetKind = 'folio' | 'page' | 'mapping' | 'reference';

export interface MenuRequest {
  readonly kind: TargetKind;
  readonly selection: Selection;
  /** Viewport coordinates to open next to. */
  readonly clientX: number;
  readonly clientY: number;
  /** What it is, for the menu's name ("4K folio at 0x…"). */
  readonly what: string;
}

const OFFERED: Record<TargetKind, readonly string[]> = {
  folio: [
    'Share',
    'Make private',
    'Split',
    'Merge',
    'Punch hole',
    'Pin',
    'Unpin',
    'Get reference',
    'Put reference',
    'Guest access',
    'Host access',
    'Memory failure',
  ],
  page: [
    'Share',
    'Make private',
    'Allocate',
    'Punch hole',
    'Guest access',
    'Host access',
    'Pin',
    'Get reference',
    'Host map',
    'Memory failure',
  ],
  mapping: [
    'Host unmap',
    'madvise DONTNEED',
    'Host map',
    'Host access',
    'Guest access',
    'Share',
    'Make private',
  ],
  reference: ['Unpin', 'Put reference', 'Pin', 'Get reference', 'Make private', 'Share'],
};

/** The prediction in a few words for the menu line ("ok via …", "refused: EAGAIN …"); the full sentence is the item's name and tooltip. */
const short = (says: string): string =>
  says
    .slice(says.indexOf('. ') + 2)
    .replace(/^Would succeed via /, 'ok via ')
    .replace(/^Would be refused: /, 'refused: ');

/** The palette entries offered on a target kind, in the order above. */
export const entriesFor = (kind: TargetKind): PaletteEntry[] =>
  OFFERED[kind].flatMap((l) => PALETTE.filter((p) => p.label === l));

export function ContextMenu({
  request,
  onClose,
}: {
  request: MenuRequest;
  onClose: (refocus: boolean) => void;
}) {
  const store = useSimStore();
  const state = useSim(selectCurrent);
  const inputs = useSim((s) => s.ui.inputs);
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: request.clientX, top: request.clientY });
  const target = { selection: request.selection };
  const items = entriesFor(request.kind).filter((e) => buildOp(e, request.selection, inputs).ok);

  // Next to the pointer, kept inside the window; the first item takes the focus.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const r = el.getBoundingClientRect();
    const left = Math.max(4, Math.min(request.clientX + 8, window.innerWidth - r.width - 4));
    const below = request.clientY + 12;
    const top =
      below + r.height <= window.innerHeight - 4 ? below : Math.max(4, request.clientY - r.height - 12);
    setPos({ left, top });
    el.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [request]);

  // A pointer press anywhere else closes it.
  useEffect(() => {
    const down = (e: PointerEvent) => {
      if (ref.current !== null && !ref.current.contains(e.target as Node)) onClose(false);
    };
    window.addEventListener('pointerdown', down, true);
    return () => window.removeEventListener('pointerdown', down, true);
  }, [onClose]);

  // A key the app took as a shortcut (it prevented its default) acted elsewhere: the menu
  // would hide what it did (the Outcome), so it goes. Registered after useShortcuts' listener,
  // so it runs after it.
  useEffect(() => {
    const key = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented) onClose(false);
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    const go = (j: number) => all[(j + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={`Operations on ${request.what}`}
      className="context-menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={onKeyDown}
    >
      <p className="context-menu-head" aria-hidden="true">
        {request.what} · {rangeName(request.selection.start, request.selection.end)}
      </p>
      {items.map((e) => {
        const says = preview(store, state, e, target);
        const refused = says.includes('Would be refused');
        return (
          <button
            key={e.label}
            type="button"
            role="menuitem"
            title={says}
            aria-label={says}
            onClick={() => {
              perform(store, e, target);
              onClose(true);
            }}
          >
            <span className="context-menu-label">{e.label}</span>
            <span className={refused ? 'context-menu-says refused' : 'context-menu-says'}>{short(says)}</span>
          </button>
        );
      })}
    </div>
  );
}

import { useEffect } from 'react';
import { useSimStore } from '../store/context.tsx';
import { shortcutFor, type ShortcutContext } from './shortcuts.ts';

const FOCUS: Record<Parameters<ShortcutContext['focus']>[0], string> = {
  'folio-tree': '#folio-tree',
  offset: '#selection-offset',
  diagram: '.diagram .edge-action',
};

/** App-wide single-key shortcuts (not while typing, not while a dialog is open). */
export function useShortcuts(): void {
  const store = useSimStore();
  useEffect(() => {
    const focus: ShortcutContext['focus'] = (target) => {
      const el = document.querySelector<HTMLElement | SVGElement>(FOCUS[target]);
      if (el !== null) el.focus();
      else if (target === 'diagram') document.getElementById('diagram-title')?.scrollIntoView();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const sc = shortcutFor(e, store.getState().ui.dialog !== null);
      if (sc === undefined) return;
      e.preventDefault();
      sc.run({ store, focus });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

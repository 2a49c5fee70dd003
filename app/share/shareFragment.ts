/** The fragment Share link writes: the document, its step, and the view as the user sees it. */
import { appliedTheme } from '../features/themes/themeChoice.ts';
import type { SimStore } from '../store/store.ts';
import { fragmentFor } from './link.ts';
import { zoomWindowOf } from './zoomWindow.ts';

export function shareFragment(store: SimStore): string {
  const { doc, ui } = store.getState();
  const zoom = zoomWindowOf(store);
  const theme = appliedTheme();
  return fragmentFor(doc.scenario, doc.cursor, doc.branches, {
    ...(ui.selection === null ? {} : { selection: { start: ui.selection.start, end: ui.selection.end } }),
    ...(zoom === undefined ? {} : { zoom }),
    ...(theme === 'light' ? {} : { theme }),
  });
}

/**
 * Keeps the address bar and the autosave in step with the document: the fragment names the
 * scenario (or the tour being played) and the step; replaceState, so no history entries.
 */
import { encodeScenario } from '../../core/index.ts';
import type { SimState, SimStore } from '../store/store.ts';
import { AUTOSAVE_KEY, autosaveText } from './boot.ts';

/** The fragment for a state: `#tour=NAME&step=N` while a tour is played unchanged, else `#s=…&step=N`. */
export function fragmentOf(s: SimState): string {
  const t = s.ui.tour;
  if (t !== null && t.scenario === s.doc.scenario)
    return `#tour=${encodeURIComponent(t.name)}&step=${s.doc.cursor}`;
  return `#s=${encodeScenario(s.doc.scenario)}&step=${s.doc.cursor}`;
}

export interface UrlTarget {
  readonly location: { hash: string };
  readonly history: { replaceState: (data: unknown, unused: string, url: string) => void };
  readonly localStorage: { setItem: (k: string, v: string) => void };
  readonly setTimeout: (f: () => void, ms: number) => unknown;
}

/** Starts syncing; changes are written at most every `delay` ms. Returns the unsubscribe. */
export function startUrlSync(store: SimStore, w: UrlTarget, delay = 120): () => void {
  let pending = false;
  let last = {
    scenario: store.getState().doc.scenario,
    cursor: store.getState().doc.cursor,
    tour: store.getState().ui.tour,
  };
  const flush = () => {
    pending = false;
    const s = store.getState();
    const hash = fragmentOf(s);
    if (w.location.hash !== hash) w.history.replaceState(null, '', hash);
    try {
      w.localStorage.setItem(AUTOSAVE_KEY, autosaveText(encodeScenario(s.doc.scenario), s.doc.cursor));
    } catch {
      // Storage full or disabled: the URL still holds the work.
    }
  };
  return store.subscribe((s) => {
    if (s.doc.scenario === last.scenario && s.doc.cursor === last.cursor && s.ui.tour === last.tour) return;
    last = { scenario: s.doc.scenario, cursor: s.doc.cursor, tour: s.ui.tour };
    if (pending) return;
    pending = true;
    w.setTimeout(flush, delay);
  });
}

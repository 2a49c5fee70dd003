/**
 * Keeps the address bar and the autosave in step with the document: the fragment names the
 * scenario (or the tour being played) and the step; replaceState, so no history entries.
 * The autosave is sacred: it is written only while this tab owns it (status "on"), flushed
 * at once when the page is hidden or closed, and a write that fails is reported. When another
 * tab saves, this one is told (the storage event) and stops instead of silently overwriting.
 */
import { AUTOSAVE_ON, type AutosaveState, type SimState, type SimStore } from '../store/store.ts';
import { AUTOSAVE_KEY, autosaveText } from './boot.ts';
import { documentLink } from './link.ts';

/**
 * The fragment for a state: `#tour=NAME&step=N` while a tour is played unchanged, else
 * `#s=…&step=N` (the link carries the branches: a reload keeps them). The view (selection,
 * zoom, theme) is not followed here: it changes at every pan; Share link writes it.
 */
export function fragmentOf(s: SimState): string {
  const t = s.ui.tour;
  if (t !== null && t.scenario === s.doc.scenario)
    return `#tour=${encodeURIComponent(t.name)}&step=${s.doc.cursor}`;
  return `#s=${documentLink(s.doc)}&step=${s.doc.cursor}`;
}

export interface UrlTarget {
  readonly location: { hash: string };
  readonly history: { replaceState: (data: unknown, unused: string, url: string) => void };
  readonly localStorage: { setItem: (k: string, v: string) => void };
  readonly setTimeout: (f: () => void, ms: number) => unknown;
  /**
   * pagehide and visibilitychange flush a pending save; "storage" tells that another tab
   * wrote the autosave (the browser fires it in every other tab of the site).
   */
  readonly addEventListener?: (type: string, f: (e: Event) => void) => void;
  readonly document?: { visibilityState: string };
}

const setAutosave = (store: SimStore, autosave: AutosaveState): void => {
  const now = store.getState().autosave;
  if (
    now.status !== autosave.status ||
    now.message !== autosave.message ||
    now.restorable !== autosave.restorable
  )
    store.setState({ autosave });
};

/** Why a write failed, for the user: storage full, or storage refused. */
const failure = (e: unknown): string =>
  `Your work could not be autosaved: ${
    e instanceof DOMException && e.name === 'QuotaExceededError'
      ? "the browser's storage for this site is full"
      : `the browser refused to store it (${e instanceof Error ? e.message : String(e)})`
  }. It is still in the address bar; use Export scenario to keep a copy.`;

/**
 * While the cursor keeps moving (a scrub, playback, seeks in a row), the address and the
 * autosave are written when the moves rest, and at the latest every this many `delay` ticks.
 */
const BURST_TICKS = 16;
/**
 * The same for a long address (LONG_ADDRESS): a write is 13-26 ms of the seek it lands in
 * (measured in Chromium for a 10,000-step link), so while the moves go on it comes every
 * ~8 s instead of every ~2 s. Leaving the page writes it at once whatever the count.
 */
const LONG_BURST_TICKS = 64;

/**
 * From this length the address is written only when the cursor's moves rest: replaceState
 * parses the whole URL (~8 ms for a 10,000-step link, 30-80 ms on a loaded machine), which
 * a seek would otherwise pay before its frame.
 */
export const LONG_ADDRESS = 16_000;

/**
 * Starts syncing: the address follows every change at once; a move of the cursor after a rest
 * at once too, the moves that follow it in quick succession once they rest (at most every
 * `delay` * BURST_TICKS ms while they go on); the autosave is written at most every `delay`
 * ms, and after moves once they rest; both at once on pagehide or when the tab is hidden.
 * Returns a function that flushes: call it to save now.
 */
export function startUrlSync(store: SimStore, w: UrlTarget, delay = 120): () => void {
  let pending = false;
  let last = {
    scenario: store.getState().doc.scenario,
    branches: store.getState().doc.branches,
    cursor: store.getState().doc.cursor,
    tour: store.getState().ui.tour,
  };
  const save = (s: SimState): void => {
    const text = autosaveText(documentLink(s.doc), s.doc.cursor);
    try {
      w.localStorage.setItem(AUTOSAVE_KEY, text);
      setAutosave(store, { ...AUTOSAVE_ON, restorable: text });
    } catch (e) {
      setAutosave(store, { status: 'failed', message: failure(e), restorable: s.autosave.restorable });
    }
  };
  // The address is written at once when the work changes, and when the cursor moves after a
  // rest (a reload right after a step keeps it). Moves that follow within `delay` ms are
  // written together when they rest: replaceState parses the whole URL, ~8 ms for a
  // 10,000-step link, and writing it every 120 ms of a burst of seeks put those 8 ms on every
  // third seek. A timer ticks every `delay` ms while moves go on (no clock needed).
  let cooling = false;
  let addressDue = false;
  let movedSinceTick = false;
  let ticks = 0;
  const writeAddress = (): void => {
    addressDue = false;
    ticks = 0;
    const hash = fragmentOf(store.getState());
    if (w.location.hash !== hash) w.history.replaceState(null, '', hash);
  };
  const cool = (): void => {
    cooling = true;
    w.setTimeout(() => {
      const rested = !movedSinceTick;
      movedSinceTick = false;
      ticks += 1;
      if (addressDue && (rested || ticks >= burstTicks())) {
        writeAddress();
        // Only the cursor moved: the autosave waits for the moves to rest (or the page to be
        // left). Writing its ~180 KB record cost 7-37 ms, on top of the address's 13-40 ms,
        // and put both on one seek of every burst tick.
        if (rested) flush();
      }
      if (addressDue || !rested) cool();
      else {
        // Rested: the next burst counts its ticks afresh.
        cooling = false;
        ticks = 0;
        flush();
      }
    }, delay);
  };
  const long = (): boolean => fragmentOf(store.getState()).length >= LONG_ADDRESS;
  const burstTicks = (): number => (long() ? LONG_BURST_TICKS : BURST_TICKS);
  const writeMove = (): void => {
    pending = true;
    // A long address waits for the move to rest even after a rest: the seek paints first,
    // the address comes `delay` ms later in a task of its own (a reload within that window
    // reopens the step before; pagehide still saves the autosave at the new step).
    if (cooling || long()) {
      addressDue = true;
      // A move inside a tick keeps the address waiting; the first one only starts the ticks.
      if (cooling) movedSinceTick = true;
      else cool();
      return;
    }
    writeAddress();
    cool();
  };
  const flush = (): void => {
    if (!pending) return;
    pending = false;
    const s = store.getState();
    if (s.autosave.status === 'on' || s.autosave.status === 'failed') save(s);
  };
  w.addEventListener?.('storage', (e) => {
    if ((e as StorageEvent).key !== AUTOSAVE_KEY) return;
    const a = store.getState().autosave;
    if (a.status === 'on' || a.status === 'failed')
      setAutosave(store, {
        status: 'other-tab',
        message:
          'Another tab is editing in Folioscope and autosaving there; this tab stopped autosaving so that neither overwrites the other.',
        restorable: a.restorable,
      });
  });
  /** Leaving: the address and the autosave now. */
  const flushAll = (): void => {
    if (addressDue) writeAddress();
    flush();
  };
  w.addEventListener?.('pagehide', flushAll);
  w.addEventListener?.('visibilitychange', () => {
    if (w.document?.visibilityState === 'hidden') flushAll();
  });
  store.subscribe((s) => {
    const { scenario, branches, cursor } = s.doc;
    if (
      scenario === last.scenario &&
      branches === last.branches &&
      cursor === last.cursor &&
      s.ui.tour === last.tour
    )
      return;
    const moved = scenario === last.scenario && branches === last.branches && s.ui.tour === last.tour;
    last = { scenario, branches, cursor, tour: s.ui.tour };
    // The address at once (a reload right after an action reopens it), storage throttled;
    // moves write both on their own schedule (writeMove).
    if (moved) return writeMove();
    writeAddress();
    if (pending) return;
    pending = true;
    w.setTimeout(flush, delay);
  });
  const now = (): void => {
    pending = true;
    flushAll();
  };
  flushers.set(store, now);
  return now;
}

/** Each synced store's "save now" (the header's buttons reach it through the store). */
const flushers = new WeakMap<SimStore, () => void>();

/**
 * This tab takes the autosave over: from another tab, after a failed write, or (by the
 * user's explicit choice) over a record this version could not read.
 */
export function takeOverAutosave(store: SimStore): void {
  store.setState((s) => ({ autosave: { ...AUTOSAVE_ON, restorable: s.autosave.restorable } }));
  flushAutosave(store);
}

/** Saves the work now, if this tab autosaves (before a reload into a new version). */
export const flushAutosave = (store: SimStore): void => flushers.get(store)?.();

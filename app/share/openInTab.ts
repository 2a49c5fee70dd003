/**
 * A link pasted into the address bar of an open tab: opened as an undoable open, and when it
 * is long, replayed in slices first with its progress and a Cancel in the header, so the tab
 * never freezes. What was open stays open until the replay is done; a cancel keeps it.
 */
import { openScenario, playTour, setLinkError, showView } from '../store/commands.ts';
import type { SimStore } from '../store/store.ts';
import type { Opening } from './boot.ts';
import { CHUNKED_FROM, replayInChunks, type ChunkOptions } from './chunkedReplay.ts';

const cancels = new WeakMap<SimStore, () => void>();

const setOpening = (store: SimStore, opening: { done: number; total: number } | null): void =>
  store.setState((s) => ({ ui: { ...s.ui, opening } }));

/** Stops the replay of a link being opened (what was open is kept). */
export function cancelOpening(store: SimStore): void {
  cancels.get(store)?.();
}

/** Opens `o` (resolved without error) in the open tab. */
export async function openInTab(
  store: SimStore,
  o: Opening,
  chunk: Pick<ChunkOptions, 'now' | 'yieldTask' | 'sliceMs'> = {},
): Promise<void> {
  if (o.tour !== undefined) {
    playTour(store, o.tour, o.scenario, o.cursor);
    return opened(store, o);
  }
  if (o.scenario.steps.length <= CHUNKED_FROM) {
    openScenario(store, o.scenario, o.cursor, undefined, o.branches);
    return opened(store, o);
  }
  cancelOpening(store);
  let cancelled = false;
  const mine = () => void (cancelled = true);
  cancels.set(store, mine);
  setOpening(store, { done: 0, total: o.scenario.steps.length });
  const replay = await replayInChunks(o.scenario, {
    ...chunk,
    onProgress: (done, total) => setOpening(store, { done, total }),
    cancelled: () => cancelled,
  });
  if (cancels.get(store) === mine) cancels.delete(store);
  if (replay === null) {
    // A newer link replaced this one: that one reports; a cancel by the user says so.
    if (cancels.get(store) === undefined) {
      setOpening(store, null);
      setLinkError(store, 'Opening the link was cancelled. What was open is kept.');
    }
    return;
  }
  openScenario(store, o.scenario, o.cursor, replay, o.branches);
  opened(store, o);
}

/** After the open: the link's view, and what part of it was not used. */
function opened(store: SimStore, o: Opening): void {
  if (o.view !== undefined) showView(store, o.view);
  if (o.viewProblem !== undefined) setLinkError(store, o.viewProblem);
}

/**
 * The store the app starts with. The fragment, else the autosave, else the default (see
 * boot.ts); a long scenario is replayed in slices with progress and Cancel (chunkedReplay.ts).
 * Whatever fails or is cancelled, the stored work is never replaced: the autosave is opened
 * instead when it can be, and when it cannot, this tab does not autosave over it.
 */
import { initialScenario } from '../initialScenario.ts';
import type { Replay } from '../store/replayCache.ts';
import { createSimStore, type AutosaveState, type SimStore } from '../store/store.ts';
import { readAutosave, resolveOpening, type Opening } from './boot.ts';
import { CHUNKED_FROM, replayInChunks, type ChunkOptions } from './chunkedReplay.ts';
import { decodeAhead } from './decodeAhead.ts';
import { toursFor } from './tourLoader.ts';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const AUTO_SHOWN = 'Your autosaved work is shown instead (it was not changed).';

/** The store for an opening (throws if replaying it fails: a bug, caught by the caller). */
const storeFor = (o: Opening, error?: string, replay?: Replay): SimStore => {
  const linkError = error ?? o.viewProblem;
  return createSimStore(o.scenario, {
    ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
    ...(linkError === undefined ? {} : { linkError }),
    ...(o.branches === undefined ? {} : { branches: o.branches }),
    ...(o.view?.selection === undefined ? {} : { selection: o.view.selection }),
    ...(o.view?.zoom === undefined ? {} : { zoomTo: o.view.zoom }),
    ...(o.tour === undefined ? {} : { tour: o.tour }),
    ...(o.autosave === undefined ? {} : { autosave: o.autosave }),
    ...(replay === undefined ? {} : { replay }),
  });
};

/** The autosave, kept: this tab must not write over work it did not open. */
const kept = (saved: string | null, why: string): AutosaveState => ({
  status: 'kept',
  message: `${why} It is kept unchanged, and this tab does not autosave over it.`,
  restorable: saved,
});

/**
 * Opens `o` instead of what failed: the autosave when it is not what failed (and is short
 * enough to open at once), else the default with the autosave kept.
 */
function fallback(o: Opening, saved: string | null, what: string): SimStore {
  const auto = readAutosave(saved);
  if (!o.fromAutosave && auto !== null && auto.scenario.steps.length <= CHUNKED_FROM)
    try {
      return storeFor(
        { ...auto, ...(o.autosave === undefined ? {} : { autosave: o.autosave }) },
        `${what} ${AUTO_SHOWN}`,
      );
    } catch {
      // The autosave fails too: the default, without writing over it.
    }
  const autosave = saved === null ? undefined : kept(saved, 'Your autosaved work was not opened.');
  return storeFor(
    { scenario: initialScenario(), ...(autosave === undefined ? {} : { autosave }) },
    `${what} The default scenario is shown instead${saved === null ? '' : '; your autosaved work was not changed'}.`,
  );
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly cancel: () => void;
}

/**
 * The starting store. `showProgress` is called while a long scenario is replayed (its
 * cancel stops the replay). An embed passes `saved` as null: nothing of the viewer's work.
 */
export async function openAtStart(
  hash: string,
  saved: string | null,
  showProgress: (p: Progress) => void,
  chunk: Pick<ChunkOptions, 'now' | 'yieldTask' | 'sliceMs'> = {},
): Promise<SimStore> {
  const [decoded] = await Promise.all([decodeAhead(hash, saved), toursFor(hash)]);
  // The opening's phases, for the perf spec's record (e2e/history.perf.spec.ts).
  performance.mark('folioscope:decoded');
  const o = resolveOpening(hash, saved, initialScenario, decoded);
  const what = o.fromAutosave === true && o.error === undefined ? 'Your autosaved work' : 'This link';
  try {
    if (o.scenario.steps.length <= CHUNKED_FROM) return storeFor(o, o.error);
    let cancelled = false;
    const cancel = () => void (cancelled = true);
    const replay = await replayInChunks(o.scenario, {
      ...chunk,
      onProgress: (done, total) => showProgress({ done, total, cancel }),
      cancelled: () => cancelled,
    });
    if (replay !== null) return storeFor(o, o.error, replay);
    return fallback(o, saved, `Opening ${what.charAt(0).toLowerCase()}${what.slice(1)} was cancelled.`);
  } catch (e) {
    return fallback(o, saved, `${what} could not be opened: replaying it failed (${message(e)}).`);
  }
}

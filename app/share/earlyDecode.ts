/**
 * A long link's decoding, started before the app is evaluated: the page's entry (app/entry.ts)
 * runs this, then imports the app, so the worker decodes the link while the main thread
 * evaluates the app (~0.3 s of a 10,000-step link's opening that used to come one after the
 * other). The app then takes the result (decodeAhead.ts). Kept free of the core and of React:
 * the entry must stay small.
 */
import type { DecodeResult } from '../../core/index.ts';
import { readHash } from './hash.ts';

/** A decoded link, and for a document the link the app writes for it (offThreadDecode.ts). */
export type OffThreadDecode = DecodeResult & { readonly link?: string };

/** Links at least this long are decoded in a worker (shorter ones take a millisecond or two). */
export const OFF_THREAD_FROM = 16_000;

/** Decodes `links` in one worker, in order; rejects if the worker fails. */
export function inWorker(links: readonly string[]): Promise<OffThreadDecode[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module' });
    const out: OffThreadDecode[] = [];
    w.addEventListener('message', (e: MessageEvent<OffThreadDecode>) => {
      out.push(e.data);
      if (out.length < links.length) return;
      w.terminate();
      resolve(out);
    });
    w.addEventListener('error', (e) => {
      w.terminate();
      reject(new Error(e.message));
    });
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's postMessage has no target origin
    for (const l of links) w.postMessage(l);
  });
}

/** The fragment's link when it is long enough to decode off the main thread, else null. */
export function longHashLink(hash: string): string | null {
  const h = readHash(hash);
  return h?.kind === 's' && h.encoded !== true && h.value.length >= OFF_THREAD_FROM ? h.value : null;
}

/** The decoding started early: its link and its result (null if the worker failed). */
let early: { readonly link: string; readonly result: Promise<OffThreadDecode | null> } | undefined;

/** Starts decoding the fragment's link in a worker, when it is long and a worker can start. */
export function startEarlyDecode(hash: string): void {
  const link = longHashLink(hash);
  if (link === null || typeof Worker === 'undefined') return;
  // A worker that cannot start or fails rejects (a throw in the promise's executor too): the
  // result is then null and the app decodes the link itself. Never an unhandled rejection.
  early = {
    link,
    result: inWorker([link]).then(
      ([r]) => r ?? null,
      () => null,
    ),
  };
}

/** The early decoding of `link`, if one was started for it (taken once). */
export function takeEarlyDecode(link: string): Promise<OffThreadDecode | null> | undefined {
  if (early?.link !== link) return undefined;
  const { result } = early;
  early = undefined;
  return result;
}

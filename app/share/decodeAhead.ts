/**
 * Long links decoded in a worker before the app opens them: decoding a 10,000-step link takes
 * ~50 ms on a quiet machine, one task the tab could not answer input in. The worker posts
 * the decoded scenario back (a structured clone of plain ops: a few ms). Where no worker can
 * start (tests under node, a worker that fails to load), the links are decoded on the main
 * thread as before.
 */
import type { DecodeResult } from '../../core/index.ts';
import { decode, readHash, type LinkDecoder } from './boot.ts';

/** Links at least this long are decoded in the worker (shorter ones take a millisecond or two). */
export const OFF_THREAD_FROM = 16_000;

/** The link in the fragment and the one in the autosave record, when long enough to matter. */
function longLinks(hash: string, saved: string | null): string[] {
  const out: string[] = [];
  const h = readHash(hash);
  if (h?.kind === 's' && h.encoded !== true) out.push(h.value);
  if (saved !== null && saved.length >= OFF_THREAD_FROM)
    try {
      const link = (JSON.parse(saved) as { link?: unknown }).link;
      if (typeof link === 'string') out.push(link);
    } catch {
      // Not a record: resolveOpening says so.
    }
  return out.filter((l) => l.length >= OFF_THREAD_FROM);
}

/** Decodes `links` in one worker, in order; rejects if the worker fails. */
function inWorker(links: readonly string[]): Promise<DecodeResult[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module' });
    const out: DecodeResult[] = [];
    w.addEventListener('message', (e: MessageEvent<DecodeResult>) => {
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

/** A decoder for the opening: long links come decoded from the worker, the rest as usual. */
export async function decodeAhead(hash: string, saved: string | null): Promise<LinkDecoder> {
  const links = longLinks(hash, saved);
  if (links.length === 0 || typeof Worker === 'undefined') return decode;
  try {
    const results = await inWorker(links);
    const known = new Map(links.map((l, i) => [l, results[i] as DecodeResult]));
    return (link) => known.get(link) ?? decode(link);
  } catch {
    return decode;
  }
}

/**
 * Long links decoded in a worker before the app opens them: decoding a 10,000-step link takes
 * ~50 ms on a quiet machine, one task the tab could not answer input in. The worker posts
 * the decoded scenario back (a structured clone of plain ops: a few ms). The fragment's link
 * is usually already decoding (started by the page's first script, earlyDecode.ts). Where no
 * worker can start (tests under node, a worker that fails to load), the links are decoded on
 * the main thread as before.
 */
import { decode, type LinkDecoder } from './boot.ts';
import {
  inWorker,
  longHashLink,
  OFF_THREAD_FROM,
  takeEarlyDecode,
  type OffThreadDecode,
} from './earlyDecode.ts';
import { rememberLink } from './link.ts';

/** The link in the fragment and the one in the autosave record, when long enough to matter. */
function longLinks(hash: string, saved: string | null): string[] {
  const out: string[] = [];
  const h = longHashLink(hash);
  if (h !== null) out.push(h);
  if (saved !== null && saved.length >= OFF_THREAD_FROM)
    try {
      const link = (JSON.parse(saved) as { link?: unknown }).link;
      if (typeof link === 'string' && link.length >= OFF_THREAD_FROM) out.push(link);
    } catch {
      // Not a record: resolveOpening says so.
    }
  return out;
}

/** Each link's result: from the early decoding where it was started, the rest in one worker. */
async function decodeOffThread(links: readonly string[]): Promise<Map<string, OffThreadDecode>> {
  const early = links.map(takeEarlyDecode);
  const rest = links.filter((_, i) => early[i] === undefined);
  const late = rest.length === 0 ? [] : await inWorker(rest);
  const known = new Map(rest.map((l, i) => [l, late[i] as OffThreadDecode]));
  for (const [i, l] of links.entries()) {
    const r = await early[i];
    if (r !== undefined && r !== null) known.set(l, r);
  }
  return known;
}

/** A decoder for the opening: long links come decoded from a worker, the rest as usual. */
export async function decodeAhead(hash: string, saved: string | null): Promise<LinkDecoder> {
  const links = longLinks(hash, saved);
  if (links.length === 0 || typeof Worker === 'undefined') return decode;
  try {
    const known = await decodeOffThread(links);
    return (link) => {
      const r = known.get(link);
      if (r === undefined) return decode(link);
      // The worker encoded the document's link too: the address and autosave reuse it.
      if (r.ok && r.link !== undefined) rememberLink(r.scenario, r.branches ?? [], r.link);
      return r;
    };
  } catch {
    return decode;
  }
}

/**
 * What the decoding worker (decodeWorker.ts) answers for a link: the decoded document, and the
 * link the app writes for that document (documentLink). The app keeps the address and the
 * autosave in step by encoding its document; for a long history opened from a link that costs
 * 40-100 ms on the main thread, paid by the user's first move of the cursor. Encoded here, off
 * the main thread, while the app is still being evaluated.
 */
import { encodeScenario } from '../../core/index.ts';
import { decode } from './boot.ts';
import type { OffThreadDecode } from './earlyDecode.ts';

export function decodeWithLink(link: string): OffThreadDecode {
  const r = decode(link);
  return r.ok ? { ...r, link: encodeScenario(r.scenario, r.branches) } : r;
}

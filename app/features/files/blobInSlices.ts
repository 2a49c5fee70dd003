/**
 * A large export built without freezing the tab: text pieces go into Blob parts of 1 MiB
 * (kept by the browser, out of the JS heap), the page gets a task every few milliseconds to
 * paint the progress and hear Cancel. A 100,000-step trace is gigabytes: never one string.
 */
import { nextTask } from '../../share/chunkedReplay.ts';

export interface SliceOptions {
  readonly sliceMs?: number;
  readonly now?: () => number;
  readonly yieldTask?: () => Promise<void>;
  /** Characters prepared so far. */
  readonly onProgress?: (chars: number) => void;
  readonly cancelled?: () => boolean;
}

const BLOCK = 1 << 20;

/** The pieces as one Blob, or null when cancelled. */
export async function blobInSlices(
  pieces: Iterable<string>,
  mime: string,
  o: SliceOptions = {},
): Promise<Blob | null> {
  const now = o.now ?? (() => performance.now());
  const parts: Blob[] = [];
  let block: string[] = [];
  let blockChars = 0;
  let total = 0;
  let start = now();
  for (const p of pieces) {
    block.push(p);
    blockChars += p.length;
    total += p.length;
    if (blockChars >= BLOCK) {
      parts.push(new Blob([block.join('')]));
      block = [];
      blockChars = 0;
    }
    if (now() - start < (o.sliceMs ?? 30)) continue;
    o.onProgress?.(total);
    await (o.yieldTask ?? nextTask)();
    if (o.cancelled?.() === true) return null;
    start = now();
  }
  if (blockChars > 0) parts.push(new Blob([block.join('')]));
  return new Blob(parts, { type: mime });
}

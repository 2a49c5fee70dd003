/**
 * Where the address names a race: a race share link in the fragment (`#s=4.…`, codec v4) opens
 * the race workspace, like `?race`. Kept apart from the workspace's code (loaded on demand):
 * the boot and the route only need to recognise the link.
 */
import { readHash } from '../../share/hash.ts';

/** Race links are codec version 4; versions 1 to 3 hold scenarios and open the file view. */
const RACE_HEAD = '4.';

/** The race link the fragment holds, or null (no link, or a scenario's). */
export function raceLinkIn(hash: string): string | null {
  const h = readHash(hash);
  return h?.kind === 's' && h.value.startsWith(RACE_HEAD) ? h.value : null;
}

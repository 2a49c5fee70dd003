/**
 * Keeps the audience window (presentation mode) and the speaker view on the same step, over a
 * BroadcastChannel: whichever window is driven tells the other. Each change carries a Lamport
 * clock, so two windows driven at the same instant settle on one step (the speaker's, on a
 * tie) instead of trading places forever.
 */
import { jumpTo } from '../../store/commands.ts';
import type { SimState, SimStore } from '../../store/store.ts';
import { resolveOpening } from '../../share/boot.ts';
import { openInTab } from '../../share/openInTab.ts';
import { toursFor, toursLoaded } from '../../share/tourLoader.ts';
import { readHash } from '../../share/hash.ts';
import { fragmentOf } from '../../share/urlSync.ts';

export const STAGE_CHANNEL = 'folioscope-stage';

export type StageRole = 'audience' | 'speaker';

interface At {
  readonly kind: 'at';
  readonly clock: number;
  readonly from: StageRole;
  readonly fragment: string;
}
interface Hello {
  readonly kind: 'hello';
  readonly from: StageRole;
}
type StageMessage = At | Hello;

/** A channel between the windows of the site (a BroadcastChannel; a test passes a fake). */
export interface StageLink {
  send(message: StageMessage): void;
  listen(f: (data: unknown) => void): void;
  close(): void;
}

function broadcast(name: string): StageLink {
  const c = new BroadcastChannel(name);
  return {
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a BroadcastChannel has no target origin: it is same-origin by construction
    send: (m) => c.postMessage(m),
    listen: (f) => c.addEventListener('message', (e) => f(e.data)),
    close: () => c.close(),
  };
}

/** A message from another window of the site: checked, never trusted. */
function readMessage(data: unknown): StageMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m['from'] !== 'audience' && m['from'] !== 'speaker') return undefined;
  if (m['kind'] === 'hello') return { kind: 'hello', from: m['from'] };
  if (m['kind'] !== 'at' || typeof m['fragment'] !== 'string' || typeof m['clock'] !== 'number')
    return undefined;
  return { kind: 'at', clock: m['clock'], from: m['from'], fragment: m['fragment'] };
}

/** The fragment without its step: what both windows must hold before a step number means the same. */
const scenarioPart = (fragment: string): string => fragment.replace(/&step=\d+$/, '');
const stepOf = (fragment: string): number => Number(/&step=(\d+)$/.exec(fragment)?.[1] ?? 0);

/** Starts syncing `store` as `role`; returns the function that stops it. */
export function startStageSync(store: SimStore, role: StageRole, channel: StageLink): () => void {
  let clock = 0;
  let applying = false;
  const post = (s: SimState): void =>
    channel.send({ kind: 'at', clock, from: role, fragment: fragmentOf(s) });
  let last = fragmentOf(store.getState());
  const stop = store.subscribe((s) => {
    const now = fragmentOf(s);
    if (now === last) return;
    last = now;
    if (applying) return;
    clock += 1;
    post(s);
  });
  /** Takes the other window's fragment: its step, or its scenario when this window shows another. */
  const follow = (fragment: string, same: boolean): void => {
    applying = true;
    try {
      if (same) jumpTo(store, stepOf(fragment));
      else {
        const o = resolveOpening(fragment, null, () => store.getState().doc.scenario);
        if (o.error === undefined) void openInTab(store, o);
      }
    } finally {
      applying = false;
    }
  };
  let open = true;
  channel.listen((data) => {
    const m = open ? readMessage(data) : undefined;
    if (m === undefined) return;
    if (m.kind === 'hello') {
      // A window just opened: it takes this one's step.
      clock += 1;
      post(store.getState());
      return;
    }
    const tie = m.clock === clock && m.from === 'speaker' && role === 'audience';
    if (m.clock < clock || (m.clock === clock && !tie)) return;
    clock = m.clock;
    const same = scenarioPart(m.fragment) === scenarioPart(fragmentOf(store.getState()));
    // A tour this window has not loaded yet: opened once the tours are, unless a newer step came.
    if (!same && !toursLoaded() && readHash(m.fragment)?.kind === 'tour') {
      const at = clock;
      void toursFor(m.fragment).then(() => {
        if (open && clock === at) follow(m.fragment, false);
      });
    } else follow(m.fragment, same);
  });
  channel.send({ kind: 'hello', from: role });
  return () => {
    stop();
    open = false;
    channel.close();
  };
}

/** Syncs over the real channel when the browser has one; otherwise each window stands alone. */
export function startBrowserStageSync(store: SimStore, role: StageRole): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  return startStageSync(store, role, broadcast(STAGE_CHANNEL));
}

/** The speaker view's address: this page with `?speaker=1` and the same fragment. */
export const speakerUrl = (origin: string, pathname: string, fragment: string): string =>
  `${origin}${pathname}?speaker=1${fragment}`;

/** Is this page the speaker view? */
export const isSpeakerUrl = (search: string): boolean => new URLSearchParams(search).get('speaker') === '1';

/**
 * Panels that follow the picture a frame behind (see store/follower.ts): a seek paints the
 * folio tree first, the panels inside <Following> catch up after that frame; <Current> inside
 * them reads the stores directly again (the scrubber under the pointer must never lag).
 */
import { useDeferredValue, useMemo, type ReactNode } from 'react';
import { afterPaint, follower } from '../store/follower.ts';
import { nextTask } from '../share/chunkedReplay.ts';
import { SimView, useSimStore } from '../store/context.tsx';
import type { SimState, SimStore, UiState } from '../store/store.ts';
import type { AnimStore } from './animator.ts';
import { AnimView, useAnimator } from './context.tsx';

/**
 * What the panels show at once: every change but a move of the cursor or of the camera (a
 * seek, a scrub, playback, a camera flight). A selection, an edit, a dialog, undo: at once, as
 * the user expects of what they just did.
 */
function urgent(next: SimState, prev: SimState): boolean {
  if (next.doc.scenario !== prev.doc.scenario || next.doc.branches !== prev.doc.branches) return true;
  if (next.past !== prev.past || next.future !== prev.future) return true;
  // The autosave's record changes at every save (a burst of seeks saves too): only its status
  // and message are shown, and not by the panels.
  if (next.autosave.status !== prev.autosave.status || next.autosave.message !== prev.autosave.message)
    return true;
  if (next.ui === prev.ui) return false;
  return (Object.keys(next.ui) as (keyof UiState)[]).some(
    (k) => k !== 'viewport' && next.ui[k] !== prev.ui[k],
  );
}

interface Views {
  readonly of: SimStore;
  readonly sim: SimStore;
  readonly anim: AnimStore;
}

/** One follower per simulation (by its animator): every panel catches up in the same flush. */
const followers = new WeakMap<AnimStore, Views>();

function viewsOf(store: SimStore, anim: AnimStore): Views {
  const hit = followers.get(anim);
  if (hit !== undefined && hit.of === store) return hit;
  // Each panel catches up in a task of its own (follower.ts).
  const f = follower(afterPaint(window), (tell) => void nextTask().then(tell));
  const v = { of: store, sim: f.view(store, urgent, true), anim: f.view(anim) };
  followers.set(anim, v);
  return v;
}

export function Following({ children }: { children: ReactNode }) {
  const store = useSimStore();
  const anim = useAnimator().store;
  const views = useMemo(() => viewsOf(store, anim), [store, anim]);
  // The first render draws the picture alone; the panels come in a transition right after
  // (React renders them in slices that yield to input; a long history's panels are a lot).
  const shown = useDeferredValue(true, false);
  if (!shown) return null;
  return (
    <SimView view={views.sim}>
      <AnimView view={views.anim}>{children}</AnimView>
    </SimView>
  );
}

export function Current({ children }: { children: ReactNode }) {
  return (
    <SimView view={null}>
      <AnimView view={null}>{children}</AnimView>
    </SimView>
  );
}

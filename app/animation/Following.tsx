/**
 * Panels that follow the picture a frame behind (see store/follower.ts): a seek paints the
 * folio tree first, the panels inside <Following> catch up after that frame; <Current> inside
 * them reads the stores directly again (the scrubber under the pointer must never lag).
 */
import { useMemo, type ReactNode } from 'react';
import { afterPaint, follower } from '../store/follower.ts';
import { SimView, useSimStore } from '../store/context.tsx';
import type { SimStore } from '../store/store.ts';
import type { AnimStore } from './animator.ts';
import { AnimView, useAnimator } from './context.tsx';

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
  const f = follower(afterPaint(window));
  const v = { of: store, sim: f.view(store), anim: f.view(anim) };
  followers.set(anim, v);
  return v;
}

export function Following({ children }: { children: ReactNode }) {
  const store = useSimStore();
  const anim = useAnimator().store;
  const views = useMemo(() => viewsOf(store, anim), [store, anim]);
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

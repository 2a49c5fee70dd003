import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useSim } from '../store/context.tsx';
import type { Animator, AnimState, AnimStore } from './animator.ts';
import { frameOf, type Frame } from './frame.ts';

const AnimContext = createContext<Animator | null>(null);

/** Provides the animator of one simulation (next to its SimProvider). */
export function AnimationProvider({ animator, children }: { animator: Animator; children: ReactNode }) {
  return <AnimContext.Provider value={animator}>{children}</AnimContext.Provider>;
}

export function useAnimator(): Animator {
  const a = useContext(AnimContext);
  if (a === null) throw new Error('useAnimator: no AnimationProvider above this component');
  return a;
}

const AnimViewContext = createContext<AnimStore | null>(null);

/** In this subtree useAnim reads `view` (see follower.ts), or the animator's store when null. */
export function AnimView({ view, children }: { view: AnimStore | null; children: ReactNode }) {
  return <AnimViewContext.Provider value={view}>{children}</AnimViewContext.Provider>;
}

export function useAnim<T>(selector: (s: AnimState) => T): T {
  const animator = useAnimator();
  const view = useContext(AnimViewContext);
  return useStore(view ?? animator.store, selector);
}

/** The frame to draw now: re-renders the caller on every animation frame. */
export function useFrame(): Frame {
  const anim = useAnim((s) => s);
  const replay = useSim((s) => s.replay);
  // The same object while neither changes, so memoised drawings skip renders of other causes.
  return useMemo(() => frameOf(replay, anim), [replay, anim]);
}

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useSim } from '../store/context.tsx';
import type { Animator, AnimState } from './animator.ts';
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

export function useAnim<T>(selector: (s: AnimState) => T): T {
  return useStore(useAnimator().store, selector);
}

/** The frame to draw now: re-renders the caller on every animation frame. */
export function useFrame(): Frame {
  const anim = useAnim((s) => s);
  const replay = useSim((s) => s.replay);
  return frameOf(replay, anim);
}

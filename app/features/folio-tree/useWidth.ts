import { startTransition, useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';

/** The element's content width, kept up to date with a ResizeObserver. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    // Read in the observer's notices, which come after layout: reading it here would force a
    // layout of the whole page in the middle of the first commit. The first width draws the
    // whole picture: in a transition, so React renders it in slices that yield to input.
    let first = true;
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (!first) return setWidth(w);
      first = false;
      startTransition(() => setWidth(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

const onResize = (cb: () => void): (() => void) => {
  window.addEventListener('resize', cb);
  return () => window.removeEventListener('resize', cb);
};

/** The window's inner height, kept up to date. */
export const useWindowHeight = (): number =>
  useSyncExternalStore(
    onResize,
    () => window.innerHeight,
    () => 720,
  );

/** The window's inner size, kept up to date (the presentation stage scales with it). */
export const useWindowSize = (): { width: number; height: number } => {
  const width = useSyncExternalStore(
    onResize,
    () => window.innerWidth,
    () => 1280,
  );
  return { width, height: useWindowHeight() };
};

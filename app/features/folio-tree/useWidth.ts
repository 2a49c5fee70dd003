import { useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';

/** The element's content width, kept up to date with a ResizeObserver. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
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

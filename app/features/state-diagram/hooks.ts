import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { layout } from './elk.ts';
import type { DiagramGraph, Layout } from './elkGraph.ts';

/** The element's content box, kept up to date with a ResizeObserver. */
export function useSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    // Read in the observer's notices (the first comes right after the first layout): reading
    // here would force a layout of the whole page in the middle of the commit.
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * The layout of a graph, from the worker: the last layout that arrived (possibly of the
 * previous graph, so the picture never blanks while ELK works), whether it is the one asked
 * for, and the error if ELK failed.
 */
export function useLayout(g: DiagramGraph): { layout?: Layout; pending: boolean; error?: string } {
  const [ready, setReady] = useState<Layout | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    layout(g).then(
      (l) => {
        if (!live) return;
        setReady(l);
        setError(undefined);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
    // The key names the graph: a new graph object with the same key is the same layout.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [g.key]);
  return {
    ...(ready === undefined ? {} : { layout: ready }),
    pending: ready?.key !== g.key,
    ...(error === undefined ? {} : { error }),
  };
}

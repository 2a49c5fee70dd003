import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimState, SimStore } from './store.ts';

const SimContext = createContext<SimStore | null>(null);

/** Provides one simulation store to a subtree (several simulations can sit on one page). */
export function SimProvider({ store, children }: { store: SimStore; children: ReactNode }) {
  return <SimContext.Provider value={store}>{children}</SimContext.Provider>;
}

/** The store itself, for commands. */
export function useSimStore(): SimStore {
  const store = useContext(SimContext);
  if (store === null) throw new Error('useSimStore: no SimProvider above this component');
  return store;
}

const SimViewContext = createContext<SimStore | null>(null);

/**
 * In this subtree useSim reads `view` (a view following the store a frame behind, see
 * follower.ts), or the store itself when null; commands always reach the store.
 */
export function SimView({ view, children }: { view: SimStore | null; children: ReactNode }) {
  return <SimViewContext.Provider value={view}>{children}</SimViewContext.Provider>;
}

/** Subscribes to one slice; the selector must return a stable value (primitive or cached). */
export function useSim<T>(selector: (s: SimState) => T): T {
  const store = useSimStore();
  const view = useContext(SimViewContext);
  return useStore(view ?? store, selector);
}

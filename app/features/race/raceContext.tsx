import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RaceState, RaceStore } from './raceStore.ts';

const RaceContext = createContext<RaceStore | null>(null);

/** Provides the race store to the workspace (as SimProvider does for the simulation). */
export function RaceProvider({ store, children }: { store: RaceStore; children: ReactNode }) {
  return <RaceContext.Provider value={store}>{children}</RaceContext.Provider>;
}

export function useRaceStore(): RaceStore {
  const store = useContext(RaceContext);
  if (store === null) throw new Error('useRaceStore: no RaceProvider above this component');
  return store;
}

/** Subscribes to one slice; the selector must return a stable value. */
export function useRace<T>(selector: (s: RaceState) => T): T {
  return useStore(useRaceStore(), selector);
}

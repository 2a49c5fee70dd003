/**
 * The race workspace and the address: what it opens at start (a race link, a tour step, a
 * preset), a race link pasted into the address bar, and the address following the workspace
 * (replaceState, no history entries): `?race=<tour>.<step>` while a tour step is shown as it
 * was opened, else `?race=<preset>#s=<race link>`, so a reload or a copy reopens the same view.
 */
import { useEffect } from 'react';
import { withRaceParam } from './route.ts';
import { raceLinkIn } from './raceHash.ts';
import { openRaceLink, raceAddress, raceLinkOf } from './raceLink.ts';
import { loadPreset, type RaceStore } from './raceStore.ts';
import { atTourStep, playRaceTourStep, raceTourStore, tourRoute, tourRouteOf } from './raceTour.ts';

/** Opens what the address names: the fragment's race link first, else a tour, else a preset. */
export function openRaceAddress(store: RaceStore, route: string, hash: string): void {
  const link = raceLinkIn(hash);
  const tour = tourRoute(route);
  if (link !== null) openRaceLink(store, link, route);
  else if (tour !== null) playRaceTourStep(store, tour.name, tour.index);
  else if (route !== '') loadPreset(store, route);
}

/** The address for the workspace's state now. */
function addressNow(store: RaceStore, href: string): string {
  const s = store.getState();
  const at = raceTourStore(store).getState().at;
  if (at !== null && atTourStep(s, at)) return withRaceParam(href, tourRouteOf(at), true);
  return raceAddress(href, s);
}

export function useRaceAddress(store: RaceStore): void {
  useEffect(() => {
    const follow = () => {
      const next = addressNow(store, window.location.href);
      const now = `${window.location.pathname}${window.location.search}${window.location.hash}`;
      if (next !== now) window.history.replaceState(null, '', next);
    };
    // A race link pasted into the address bar of the open workspace: opened (a bad one says why).
    const onHash = () => {
      const link = raceLinkIn(window.location.hash);
      if (link !== null && link !== raceLinkOf(store.getState())) openRaceLink(store, link);
    };
    const stops = [store.subscribe(follow), raceTourStore(store).subscribe(follow)];
    window.addEventListener('hashchange', onHash);
    return () => {
      stops.forEach((stop) => stop());
      window.removeEventListener('hashchange', onHash);
    };
  }, [store]);
}

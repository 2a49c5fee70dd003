/**
 * The race workspace's place in the address: `?race` opens the preset picker, `?race=a` the
 * preset (a). Kept in the query, not the fragment, which belongs to the file view's links;
 * a race share link (`#s=4.…`) opens the workspace too (raceHash.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { raceLinkIn } from './raceHash.ts';

const PARAM = 'race';

/** The `race` parameter of a query string: null when absent ('' opens the picker). */
export const raceParam = (search: string): string | null => new URLSearchParams(search).get(PARAM);

/** The race route of an address: `?race=…` when given, else '' for a race link, else null. */
export const raceRouteOf = (search: string, hash: string): string | null =>
  raceParam(search) ?? (raceLinkIn(hash) === null ? null : '');

/**
 * The address with the race parameter set to `value` (null: removed), fragment kept unless it
 * is a race link and `dropRaceLink` (leaving the races: the link would bring them back).
 */
export function withRaceParam(href: string, value: string | null, dropRaceLink = value === null): string {
  const u = new URL(href);
  if (value === null) u.searchParams.delete(PARAM);
  else u.searchParams.set(PARAM, value);
  const hash = dropRaceLink && raceLinkIn(u.hash) !== null ? '' : u.hash;
  return `${u.pathname}${u.search.replace(/=(?=&|$)/, '')}${hash}`;
}

/** The race route, following back/forward; `go` pushes a history entry, `mark` replaces it. */
export function useRaceRoute(): {
  route: string | null;
  go: (value: string | null) => void;
  mark: (value: string) => void;
} {
  const [route, setRoute] = useState(() => raceRouteOf(window.location.search, window.location.hash));
  useEffect(() => {
    const onPop = () => setRoute(raceRouteOf(window.location.search, window.location.hash));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((value: string | null) => {
    window.history.pushState(null, '', withRaceParam(window.location.href, value));
    setRoute(value);
  }, []);
  const mark = useCallback((value: string) => {
    window.history.replaceState(null, '', withRaceParam(window.location.href, value));
  }, []);
  return { route, go, mark };
}

/** Opens the race workspace at `value` from outside it (the Tours menu): a history entry, then the route follows. */
export function openRaces(value: string): void {
  window.history.pushState(null, '', withRaceParam(window.location.href, value));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

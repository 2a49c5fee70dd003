/**
 * The race workspace's place in the address: `?race` opens the preset picker, `?race=a` the
 * preset (a). Kept in the query, not the fragment, which belongs to the file view's links.
 */
import { useCallback, useEffect, useState } from 'react';

const PARAM = 'race';

/** The `race` parameter of a query string: null when absent ('' opens the picker). */
export const raceParam = (search: string): string | null => new URLSearchParams(search).get(PARAM);

/** The address with the race parameter set to `value` (null: removed), fragment kept. */
export function withRaceParam(href: string, value: string | null): string {
  const u = new URL(href);
  if (value === null) u.searchParams.delete(PARAM);
  else u.searchParams.set(PARAM, value);
  return `${u.pathname}${u.search.replace(/=(?=&|$)/, '')}${u.hash}`;
}

/** The race route, following back/forward; `go` pushes a history entry, `mark` replaces it. */
export function useRaceRoute(): {
  route: string | null;
  go: (value: string | null) => void;
  mark: (value: string) => void;
} {
  const [route, setRoute] = useState(() => raceParam(window.location.search));
  useEffect(() => {
    const onPop = () => setRoute(raceParam(window.location.search));
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

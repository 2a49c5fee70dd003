/**
 * The race tours as items of the Tours menu, loaded when the menu opens: the tours' races and
 * the parser that checks them stay out of the first download.
 */
import { RACE_TOURS } from '../../../core/index.ts';
import { openRaces } from './route.ts';

/** One menu item per race tour: it opens the race workspace at the tour's first step. */
export function RaceTourItems() {
  return (
    <>
      {RACE_TOURS.map((t) => (
        <li key={t.name} role="none">
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => openRaces(`${t.name}.1`)}>
            Race tour: {t.title}
          </button>
        </li>
      ))}
    </>
  );
}

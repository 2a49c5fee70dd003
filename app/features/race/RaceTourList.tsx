/** The race tours in the preset picker: "Guided race tours", each played from its first step. */
import { RACE_TOURS, type RaceTour } from '../../../core/index.ts';
import { useRaceStore } from './raceContext.tsx';
import { playRaceTourStep } from './raceTour.ts';
import { raceTourEnd, raceTourGist } from './raceTourLines.ts';

/**
 * A card's line: length, ending, and what the tour shows in the welcome's words (the tour
 * tells the rest; a description's first sentence can be a long citation, which made one card
 * three times as tall as its neighbours).
 */
export const raceTourSummary = (t: RaceTour): string =>
  `${t.steps.length} steps, ending where ${raceTourEnd(t)}. ${raceTourGist(t)}`;

export function RaceTourList() {
  const store = useRaceStore();
  return (
    <section aria-labelledby="race-tours-title">
      <h2 id="race-tours-title">Guided race tours</h2>
      <ul className="race-presets">
        {RACE_TOURS.map((t) => (
          <li key={t.name} className="panel">
            <button
              type="button"
              onClick={() => playRaceTourStep(store, t.name, 0)}
              aria-describedby={`race-tour-${t.name}`}
            >
              {t.title}
            </button>
            <p id={`race-tour-${t.name}`} className="muted">
              {raceTourSummary(t)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

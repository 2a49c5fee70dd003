/** The race tours in the preset picker: "Guided race tours", each played from its first step. */
import { RACE_TOURS, type RaceTour } from '../../../core/index.ts';
import { useRaceStore } from './raceContext.tsx';
import { playRaceTourStep } from './raceTour.ts';
import { firstSentence } from '../welcome/tourLines.ts';
import { raceTourEnd } from './raceTourLines.ts';

/** A card's line: length, ending, and the description's first sentence (the tour tells the rest). */
const summary = (t: RaceTour): string =>
  `${t.steps.length} steps, ending where ${raceTourEnd(t)}. ${firstSentence(t.description)}`;

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
              {summary(t)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

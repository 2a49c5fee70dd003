/**
 * The race tours in the first-visit welcome, beside the scenario tours and drawn like them;
 * loaded with the welcome, so the race tours stay out of the first download.
 */
import { RACE_TOURS } from '../../../core/index.ts';
import { TourButton } from '../welcome/TourButton.tsx';
import { tourMinutes } from '../welcome/tourLines.ts';
import { raceTourLine } from './raceTourLines.ts';

export function WelcomeRaceTours({ onPlay }: { onPlay: (name: string) => void }) {
  return (
    <>
      <p>
        {RACE_TOURS.length} tours of the race explorer: kernel paths on different CPUs run on one page,
        micro-step by micro-step, and each tour switches one defence off until an invariant breaks or the
        kernel hangs.
      </p>
      <ul className="welcome-race-tours">
        {RACE_TOURS.map((t) => (
          <li key={t.name}>
            <TourButton
              title={t.title}
              line={raceTourLine(t)}
              steps={t.steps.length}
              minutes={tourMinutes(t.steps.length)}
              onPlay={() => onPlay(t.name)}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

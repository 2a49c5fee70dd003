import { tourByName } from '../../../core/index.ts';
import { stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';

/**
 * The narration of a tour (or of any scenario whose steps carry notes): the note of the step
 * just applied, as plain text. At the end the tour becomes free play from its last state.
 */
export function Narration() {
  const store = useSimStore();
  const cursor = useSim((s) => s.doc.cursor);
  const steps = useSim((s) => s.doc.scenario.steps);
  const title = useSim((s) => s.doc.scenario.title);
  const description = useSim((s) => s.doc.scenario.description);
  const tourName = useSim((s) =>
    s.ui.tour !== null && s.ui.tour.scenario === s.doc.scenario ? s.ui.tour.name : null,
  );
  const hasNotes = steps.some((o) => o.note !== undefined);
  if (tourName === null && !hasNotes) return null;
  const tour = tourName === null ? undefined : tourByName(tourName);
  const heading = tour?.title ?? title ?? 'Narration';
  const note =
    cursor === 0
      ? (description ?? 'The file has just been created.')
      : (steps[cursor - 1]?.note ?? '(no note for this step)');
  const atEnd = cursor >= steps.length;
  return (
    <section className="panel narration" aria-labelledby="narration-title">
      <h2 id="narration-title">
        {tour === undefined ? (
          'Narration'
        ) : (
          <>
            Tour: <bdi>{heading}</bdi>
          </>
        )}
      </h2>
      <p className="narration-step">{cursor === 0 ? 'Introduction' : `Step ${cursor} of ${steps.length}`}</p>
      <p className="narration-note" aria-live="polite">
        <bdi>{note}</bdi>
      </p>
      {atEnd && <p className="narration-end">End of the tour: carry on from here in free play.</p>}
      <div className="toolbar" role="toolbar" aria-label="Narration controls">
        <button type="button" disabled={cursor === 0} onClick={() => stepBack(store)}>
          Previous
        </button>
        <button type="button" disabled={atEnd} onClick={() => stepForward(store)}>
          Next
        </button>
      </div>
    </section>
  );
}

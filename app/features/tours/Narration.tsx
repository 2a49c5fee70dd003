import { useEffect, useRef } from 'react';
import { stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { LookLine } from './LookLine.tsx';
import { useNarration } from './useNarration.ts';
import { selectTourName } from './useTourFocus.ts';

/**
 * The narration of a tour (or of any scenario whose steps carry notes): the note of the step
 * just applied, as plain text. At the end the tour becomes free play from its last state.
 */
export function Narration() {
  const store = useSimStore();
  const cursor = useSim((s) => s.doc.cursor);
  const n = useNarration();
  const tourName = useSim(selectTourName);
  const next = useRef<HTMLButtonElement>(null);
  // A tour just started from a dialog or a menu that closed (the focus fell to the page's
  // body): its Next button takes the focus, so the keyboard carries on with the tour.
  useEffect(() => {
    const a = document.activeElement;
    if (tourName !== null && (a === null || a === document.body)) next.current?.focus();
  }, [tourName]);
  if (n === null) return null;
  return (
    <section className="panel narration" aria-labelledby="narration-title">
      <h2 id="narration-title">
        {n.tour === undefined ? (
          'Narration'
        ) : (
          <>
            Tour: <bdi>{n.heading}</bdi>
          </>
        )}
      </h2>
      <p className="narration-step">{n.stepLabel}</p>
      <p className="narration-note" aria-live="polite">
        <bdi>{n.note}</bdi>
      </p>
      <LookLine />
      {n.atEnd && <p className="narration-end">End of the tour: carry on from here in free play.</p>}
      <div className="toolbar" role="toolbar" aria-label="Narration controls">
        <button type="button" disabled={cursor === 0} onClick={() => stepBack(store)}>
          Previous
        </button>
        <button ref={next} type="button" disabled={n.atEnd} onClick={() => stepForward(store)}>
          Next
        </button>
      </div>
    </section>
  );
}

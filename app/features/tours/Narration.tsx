import { stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { LookLine } from './LookLine.tsx';
import { useNarration } from './useNarration.ts';

/**
 * The narration of a tour (or of any scenario whose steps carry notes): the note of the step
 * just applied, as plain text. At the end the tour becomes free play from its last state.
 */
export function Narration() {
  const store = useSimStore();
  const cursor = useSim((s) => s.doc.cursor);
  const n = useNarration();
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
        <button type="button" disabled={n.atEnd} onClick={() => stepForward(store)}>
          Next
        </button>
      </div>
    </section>
  );
}

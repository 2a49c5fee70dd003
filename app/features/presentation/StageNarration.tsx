import { LookLine } from '../tours/LookLine.tsx';
import { useNarration } from '../tours/useNarration.ts';

/** The narration on the stage: the step, its note in large type, and what to look at. */
export function StageNarration() {
  const n = useNarration();
  if (n === null) return null;
  return (
    <section className="stage-narration" aria-labelledby="stage-narration-title">
      <h2 id="stage-narration-title" className="stage-narration-step sr-only">
        {n.stepLabel}
      </h2>
      {/* The introduction is the tour's description, with its sources: longer, so smaller. */}
      <p
        className={n.stepLabel === 'Introduction' ? 'narration-note intro' : 'narration-note'}
        aria-live="polite"
      >
        <bdi>{n.note}</bdi>
      </p>
      <LookLine />
    </section>
  );
}

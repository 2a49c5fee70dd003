import { LookLine } from '../tours/LookLine.tsx';
import { useNarration } from '../tours/useNarration.ts';
import { lead } from './lead.ts';

/** The narration on the stage: the step, its note in large type, and what to look at. */
export function StageNarration() {
  const n = useNarration();
  if (n === null) return null;
  return (
    <section className="stage-narration" aria-labelledby="stage-narration-title">
      <h2 id="stage-narration-title" className="stage-narration-step sr-only">
        {n.stepLabel}
      </h2>
      {/* The introduction's first sentence, in the notes' large type: the rest, with the threads
          it cites, is in the speaker view. */}
      <p className="narration-note" aria-live="polite">
        <bdi>{n.stepLabel === 'Introduction' ? lead(n.note) : n.note}</bdi>
      </p>
      <LookLine />
    </section>
  );
}

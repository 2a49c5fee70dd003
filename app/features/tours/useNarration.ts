import { tourEntry } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectTourName } from './useTourFocus.ts';

export interface NarrationText {
  /** Null when there is nothing to narrate: no tour, and no step carries a note. */
  readonly tour: { readonly title: string } | undefined;
  readonly heading: string;
  readonly stepLabel: string;
  readonly note: string;
  /** The note of the step that comes next (for the speaker), or undefined at the end. */
  readonly nextNote: string | undefined;
  readonly atEnd: boolean;
}

/**
 * What the narration says at the cursor: the introduction (the scenario's description) before
 * the first step, then the note of the step just applied.
 */
export function useNarration(): NarrationText | null {
  const cursor = useSim((s) => s.doc.cursor);
  const steps = useSim((s) => s.doc.scenario.steps);
  const title = useSim((s) => s.doc.scenario.title);
  const description = useSim((s) => s.doc.scenario.description);
  const tourName = useSim(selectTourName);
  const hasNotes = steps.some((o) => o.note !== undefined);
  if (tourName === null && !hasNotes) return null;
  const tour = tourName === null ? undefined : tourEntry(tourName);
  const noteOf = (i: number): string => steps[i - 1]?.note ?? '(no note for this step)';
  return {
    tour,
    heading: tour?.title ?? title ?? 'Narration',
    stepLabel: cursor === 0 ? 'Introduction' : `Step ${cursor} of ${steps.length}`,
    note: cursor === 0 ? (description ?? 'The file has just been created.') : noteOf(cursor),
    nextNote: cursor < steps.length ? noteOf(cursor + 1) : undefined,
    atEnd: cursor >= steps.length,
  };
}

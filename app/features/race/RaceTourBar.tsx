/**
 * The race tour being played: the step's note and source, "Step k of n", Previous / Next
 * (keys [ and ], as the file view's step keys), and where to look: the named actor's lane,
 * its micro-step chip and the shared state, each with a dashed outline and a "Look here"
 * label (never colour alone). The last step shows the broken invariant or the deadlock.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { RaceFocusOn, RaceTourFocus } from '../../../core/index.ts';
import { useRace, useRaceStore } from './raceContext.tsx';
import {
  activeRaceTour,
  deadlockAt,
  endRaceTour,
  FOCUS_ON_NAME,
  playRaceTourStep,
  raceTourStore,
} from './raceTour.ts';
import './raceTour.css';

/** Where each shared state is drawn: its lock-strip item, or the state view. */
const ON_SELECTOR: Record<RaceFocusOn, string> = {
  invalidate_lock: '.race-locks [data-item="invalidate_lock"]',
  mmu_lock: '.race-locks [data-item="mmu_lock readers"]',
  mmu_invalidate_seq: '.race-locks [data-item="mmu_invalidate_seq"]',
  references: '.race-locks [data-item="transient refs"]',
  attributes: '.race-state',
  host_pte: '.race-state',
  stage2: '.race-state',
};

/** The outline and label rules for one step's focus (ids and labels are the tour's own). */
function focusCss(f: RaceTourFocus): string {
  const lane = `.race-lane[data-actor="${CSS.escape(f.actor)}"]`;
  const chip = `${lane} .race-chip[data-step="${CSS.escape(f.step)}"]`;
  const on = ON_SELECTOR[f.on];
  return `${lane}, ${chip}, ${on} { outline: 3px dashed var(--accent); outline-offset: 2px; }
${chip}::after, ${on}::before { content: 'Look here'; }
${chip}::after, ${on}::before { display: block; width: max-content; margin-top: 2px; padding: 0 4px; font-size: 0.8rem; font-weight: 700; border: 2px solid var(--accent); border-radius: 3px; color: var(--fg); background: var(--panel); }`;
}

export function RaceTourBar() {
  const store = useRaceStore();
  const at = useStore(raceTourStore(store), (t) => t.at);
  const scenario = useRace((s) => s.scenario);
  const active = activeRaceTour(scenario, at);
  const deadlock = useRace(deadlockAt);
  const index = active?.index ?? -1;
  const count = active?.tour.steps.length ?? 0;
  const name = active?.tour.name ?? null;
  useEffect(() => {
    if (name === null) return undefined;
    const onKey = (e: KeyboardEvent) => {
      // Keys typed into a form control (a knob, the share URL) stay there.
      const t = e.target;
      if (
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        (t instanceof HTMLElement && t.closest('input, select, textarea') !== null)
      )
        return;
      const to = e.key === ']' ? index + 1 : e.key === '[' ? index - 1 : -1;
      if (to < 0 || to >= count) return;
      playRaceTourStep(store, name, to);
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, name, index, count]);
  if (active === null) return null;
  const { tour, step } = active;
  const last = index === count - 1;
  return (
    <section className="panel race-tour" aria-labelledby="race-tour-title">
      <h2 id="race-tour-title">
        Race tour: <bdi>{tour.title}</bdi>
      </h2>
      <div className="race-tour-nav">
        <p className="narration-step">{`Step ${index + 1} of ${count}`}</p>
        <div className="toolbar" role="toolbar" aria-label="Race tour controls">
          <button
            type="button"
            disabled={index === 0}
            aria-keyshortcuts="["
            onClick={() => playRaceTourStep(store, tour.name, index - 1)}
          >
            Previous
          </button>
          <button
            type="button"
            disabled={last}
            aria-keyshortcuts="]"
            onClick={() => playRaceTourStep(store, tour.name, index + 1)}
          >
            Next
          </button>
          <button type="button" onClick={() => endRaceTour(store)}>
            End tour
          </button>
        </div>
      </div>
      <p className="narration-note" aria-live="polite">
        {step.note}
      </p>
      <p className="race-tour-source">
        Source: <cite>{step.source}</cite>
      </p>
      <p className="narration-look">
        {`Look here: actor ${step.focus.actor}'s lane, its micro-step ${step.focus.step}, and ${FOCUS_ON_NAME[step.focus.on]}.`}
      </p>
      {last && deadlock !== null && (
        <p className="race-banner" role="alert">
          <strong>⚠ {deadlock}</strong>
        </p>
      )}
      {last && (
        <p className="narration-end">End of the tour: carry on from here (schedule, explore, knobs).</p>
      )}
      <style>{focusCss(step.focus)}</style>
    </section>
  );
}

/**
 * The schedule as a chip row (click a chip: the view shows the state after that micro-step),
 * step back, and the banner naming the invariant the selected step breaks.
 */
import { presetById } from './presets.ts';
import { useRace, useRaceStore } from './raceContext.tsx';
import { selectStep, stepBack } from './raceStore.ts';
import { invariantSentence } from './text.ts';

export function ScheduleBar() {
  const store = useRaceStore();
  const run = useRace((s) => s.run);
  const cursor = useRace((s) => s.cursor);
  if (run === null) return null;
  return (
    <section className="race-schedule" aria-labelledby="race-schedule-title">
      <div className="schedule-head">
        <h2 id="race-schedule-title">
          Schedule{' '}
          <span className="muted">
            ({run.steps.length} micro-steps, showing the state after step {cursor})
          </span>
        </h2>
        <button
          type="button"
          disabled={run.steps.length === 0}
          aria-keyshortcuts="Backspace"
          onClick={() => stepBack(store)}
        >
          Step back
        </button>
      </div>
      <ol className="schedule-chips">
        <li>
          <button type="button" aria-pressed={cursor === 0} onClick={() => selectStep(store, 0)}>
            start
          </button>
        </li>
        {run.steps.map((s, i) => (
          <li key={i}>
            <button
              type="button"
              className={s.violations.length > 0 ? 'violating' : undefined}
              aria-pressed={cursor === i + 1}
              aria-label={`step ${i + 1}: ${s.actor} ${s.label} ${s.fn}${s.violations.length > 0 ? ', violates an invariant' : ''}`}
              title={`${s.label}: ${s.fn}`}
              onClick={() => selectStep(store, i + 1)}
            >
              {s.violations.length > 0 && <span aria-hidden="true">⚠ </span>}
              {s.label}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The invariant the selected micro-step breaks, with its sentence; and a challenge's goal. */
export function InvariantBanner() {
  const run = useRace((s) => s.run);
  const cursor = useRace((s) => s.cursor);
  const presetId = useRace((s) => s.presetId);
  const challenge = presetId === null ? undefined : presetById(presetId)?.challenge;
  const step = run?.steps[cursor - 1];
  const broken = [...new Map((step?.violations ?? []).map((v) => [v.invariant, v])).values()];
  const reached =
    challenge !== undefined &&
    (run?.steps.slice(0, cursor) ?? []).some((s) =>
      s.violations.some((v) => v.invariant === challenge.invariant),
    );
  return (
    <>
      {challenge !== undefined && (
        <p className={`race-goal${reached ? ' reached' : ''}`} role="status">
          <strong>{reached ? '✓ Goal reached: ' : 'Goal: '}</strong>
          {challenge.goal} (breaks invariant {challenge.invariant}). Schedule the actors with the Step buttons
          or keys 1–{run?.race.order.length ?? 3}.
        </p>
      )}
      {step !== undefined && broken.length > 0 && (
        <div className="race-banner" role="alert">
          <strong>
            ⚠ Invariant {broken.map((v) => v.invariant).join(', ')} violated after {step.label} ({step.actor},{' '}
            {step.fn})
          </strong>
          {broken.map((v) => (
            <p key={v.invariant}>
              {invariantSentence(v.invariant)} <span className="violation">{v.message}</span>
            </p>
          ))}
        </div>
      )}
    </>
  );
}

import './speaker.css';
import { useEffect } from 'react';
import { opLine, opToJson, plural } from '../../../core/index.ts';
import { jumpTo, stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectLastOp, selectLastOutcome } from '../../store/selectors.ts';
import { LookLine } from '../tours/LookLine.tsx';
import { useNarration } from '../tours/useNarration.ts';
import { presenterAction } from './keys.ts';
import { startBrowserStageSync } from './stageSync.ts';
import { clockText, useTimer } from './useTimer.ts';

/**
 * The speaker view, in a second window (as reveal.js and PowerPoint have it): the narration on
 * screen, the next step's, the notes (what to point at, what the kernel answered, the sources),
 * a timer and the step controls. It drives the audience window and follows it.
 */
export function SpeakerView() {
  const store = useSimStore();
  const n = useNarration();
  const title = useSim((s) => s.doc.scenario.title);
  const description = useSim((s) => s.doc.scenario.description);
  const cursor = useSim((s) => s.doc.cursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const op = useSim(selectLastOp);
  const nextOp = useSim((s) => s.replay.ops[cursor]);
  const outcome = useSim(selectLastOutcome);
  const timer = useTimer();
  useEffect(() => startBrowserStageSync(store, 'speaker'), [store]);
  useEffect(() => {
    // The speaker finds this window by name among the laptop's windows.
    document.title = 'Speaker view · Folioscope';
  }, []);
  useEffect(() => {
    // The same clicker keys as the stage: the speaker may hold the clicker at either window.
    const onKey = (e: KeyboardEvent) => {
      const a = presenterAction(e);
      if (a === 'next') stepForward(store);
      else if (a === 'previous') stepBack(store);
      else if (a === 'first') jumpTo(store, 0);
      else if (a === 'last') jumpTo(store, store.getState().doc.scenario.steps.length);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  const refusal = outcome?.refusal;
  return (
    <div className="speaker">
      <header className="speaker-bar">
        <h1>Speaker view</h1>
        <p className="speaker-title">
          <bdi>{title ?? 'Untitled scenario'}</bdi>
        </p>
        <p className="speaker-step" aria-live="polite">{`step ${cursor} of ${total}`}</p>
        <p className="speaker-timer" role="timer" aria-label="Time since the speaker view opened">
          {clockText(timer.seconds)}
        </p>
        <button type="button" onClick={timer.toggle}>
          {timer.paused ? 'Resume timer' : 'Pause timer'}
        </button>
        <button type="button" onClick={timer.reset}>
          Reset timer
        </button>
      </header>
      <main className="speaker-main">
        <section className="speaker-now" aria-labelledby="speaker-now-title">
          <h2 id="speaker-now-title">{`Now: ${n?.stepLabel ?? `step ${cursor}`}`}</h2>
          <p className="speaker-note">
            <bdi>{n?.note ?? 'This scenario has no narration.'}</bdi>
          </p>
          <LookLine />
        </section>
        <section className="speaker-next" aria-labelledby="speaker-next-title">
          <h2 id="speaker-next-title">Next</h2>
          <p className="speaker-next-note">
            <bdi>{n?.nextNote ?? (cursor < total ? '(no note for the next step)' : 'End of the tour.')}</bdi>
          </p>
          {nextOp !== undefined && (
            <p>
              <code>{opLine(opToJson(nextOp))}</code>
            </p>
          )}
        </section>
        <section className="speaker-notes" aria-labelledby="speaker-notes-title">
          <h2 id="speaker-notes-title">Notes</h2>
          <ul>
            {op !== undefined && (
              <li>
                The step: <code>{opLine(opToJson(op))}</code>
              </li>
            )}
            {op !== undefined && (
              <li>
                {refusal === undefined
                  ? `The kernel accepted it (${plural(outcome?.events.length ?? 0, 'event')}, first ${outcome?.events[0]?.fn ?? '—'}).`
                  : `Refused: ${refusal.errno} from ${refusal.fn}: ${refusal.reason}`}
              </li>
            )}
            {/* Before the first step the narration is the description itself. */}
            {cursor > 0 && (
              <li>
                Background and sources: <bdi>{description ?? 'none given.'}</bdi>
              </li>
            )}
          </ul>
        </section>
        <div className="toolbar speaker-controls" role="toolbar" aria-label="Step controls">
          <button type="button" disabled={cursor === 0} onClick={() => jumpTo(store, 0)}>
            First step
          </button>
          <button type="button" disabled={cursor === 0} onClick={() => stepBack(store)}>
            Previous step
          </button>
          <button type="button" disabled={cursor >= total} onClick={() => stepForward(store)}>
            Next step
          </button>
          <button type="button" disabled={cursor >= total} onClick={() => jumpTo(store, total)}>
            Last step
          </button>
        </div>
      </main>
    </div>
  );
}

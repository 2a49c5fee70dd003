import { redo, setPlaying, setSpeed, stepBack, stepForward, undo } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectCanRedo, selectCanUndo, selectCursor } from '../../store/selectors.ts';
import { Current } from '../../animation/Following.tsx';
import { Branches } from './Branches.tsx';
import { EventList } from './EventList.tsx';
import { Scrubber } from './Scrubber.tsx';
import { StepList } from './StepList.tsx';

const SPEEDS = [0.5, 1, 2, 4, 8];

export function Timeline() {
  const store = useSimStore();
  const cursor = useSim(selectCursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const canUndo = useSim(selectCanUndo);
  const canRedo = useSim(selectCanRedo);
  const playing = useSim((s) => s.ui.playing);
  const speed = useSim((s) => s.ui.speed);
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <div className="toolbar" role="toolbar" aria-label="Timeline controls">
        <button type="button" disabled={cursor === 0} aria-keyshortcuts="[" onClick={() => stepBack(store)}>
          Step back
        </button>
        <button
          type="button"
          disabled={cursor >= total}
          aria-keyshortcuts="]"
          onClick={() => stepForward(store)}
        >
          Step forward
        </button>
        <button
          type="button"
          disabled={total === 0}
          aria-keyshortcuts="k"
          onClick={() => setPlaying(store, !playing)}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(store, Number(e.target.value))}>
            {SPEEDS.map((v) => (
              <option key={v} value={v}>{`${v} steps/s`}</option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!canUndo} aria-keyshortcuts="z" onClick={() => undo(store)}>
          Undo
        </button>
        <button type="button" disabled={!canRedo} aria-keyshortcuts="y" onClick={() => redo(store)}>
          Redo
        </button>
        <span className="muted" aria-live="polite">{`step ${cursor} of ${total}`}</span>
      </div>
      {/* Under the pointer: follows the store at once, never a frame behind. */}
      <Current>
        <Scrubber />
      </Current>
      <StepList />
      <EventList />
      <Branches />
    </section>
  );
}

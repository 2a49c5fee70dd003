/**
 * The race workspace (spec/races.md §9), loaded on demand: preset picker, then the lanes and
 * lock strip, the scheduler, the exploration, the knobs and the state after the selected
 * micro-step. Keys: 1–3 step an actor, Backspace steps back, E explores.
 */
import { useEffect, useState } from 'react';
import { ExplorePanel } from './ExplorePanel.tsx';
import { KnobsPanel } from './KnobsPanel.tsx';
import { Lanes, LockStrip } from './Lanes.tsx';
import { PresetPicker } from './PresetPicker.tsx';
import { presetById } from './presets.ts';
import { RaceProvider, useRace, useRaceStore } from './raceContext.tsx';
import { RaceStateView } from './RaceStateView.tsx';
import {
  cancelExplore,
  closeRace,
  createRaceStore,
  runExplore,
  scheduleActor,
  stepBack,
  type RaceStore,
} from './raceStore.ts';
import { InvariantBanner, ScheduleBar } from './ScheduleBar.tsx';
import { workerExplorer } from './workerExplorer.ts';
import { RaceShareLink } from './RaceShareLink.tsx';
import { RaceTourBar } from './RaceTourBar.tsx';
import { openRaceAddress, useRaceAddress } from './useRaceAddress.ts';
import './race.css';

/** Keys typed into a form control stay there. */
const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');

function useRaceKeys(store: RaceStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = store.getState();
      if (s.run === null) return;
      const i = Number(e.key);
      if (Number.isInteger(i) && i >= 1 && i <= s.run.race.order.length) {
        scheduleActor(store, s.run.race.order[i - 1] as string);
        e.preventDefault();
      } else if (e.key === 'Backspace') {
        stepBack(store);
        e.preventDefault();
      } else if (e.key === 'e' || e.key === 'E') {
        runExplore(store);
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

function Message() {
  const store = useRaceStore();
  const message = useRace((s) => s.message);
  if (message === null) return null;
  return (
    <p className="race-error" role="alert">
      {message}{' '}
      <button type="button" onClick={() => store.setState({ message: null })}>
        Dismiss
      </button>
    </p>
  );
}

function Workspace() {
  const presetId = useRace((s) => s.presetId);
  const title = useRace((s) => s.scenario?.title ?? 'Race');
  const preset = presetId === null ? undefined : presetById(presetId);
  return (
    <div className="race-workspace">
      <div className="race-main">
        <RaceTourBar />
        <section className="panel race-program" aria-labelledby="race-title">
          <h2 id="race-title">{title}</h2>
          {preset !== undefined && <p className="muted race-desc">{preset.description}</p>}
          <InvariantBanner />
          <LockStrip />
          <Lanes />
          <ScheduleBar />
        </section>
        <RaceStateView />
      </div>
      <div className="race-side dock">
        <ExplorePanel />
        <KnobsPanel />
      </div>
    </div>
  );
}

/** The whole race view: its header (with the way back) and the picker or the workspace. */
export function RaceWorkspace({
  initial,
  onClose,
  onPreset,
}: {
  /** The preset the address asked for ('' or unknown: the picker). */
  initial: string;
  onClose: () => void;
  /** A preset was opened: the address follows. */
  onPreset: (id: string) => void;
}) {
  const [store] = useState(() => {
    const s = createRaceStore(workerExplorer);
    openRaceAddress(s, initial, window.location.hash);
    return s;
  });
  useRaceKeys(store);
  useRaceAddress(store);
  useEffect(() => () => cancelExplore(store), [store]);
  return (
    <RaceProvider store={store}>
      <header className="app-header race-header">
        <h1>Folioscope · Races</h1>
        <Header onClose={onClose} onPreset={onPreset} />
      </header>
      <main className="race-body">
        <Message />
        <Body onPreset={onPreset} />
      </main>
    </RaceProvider>
  );
}

function Header({ onClose, onPreset }: { onClose: () => void; onPreset: (id: string) => void }) {
  const store = useRaceStore();
  const open = useRace((s) => s.scenario !== null);
  return (
    <div className="header-group" role="group" aria-label="Races">
      <RaceShareLink />
      {open && (
        <button
          type="button"
          onClick={() => {
            closeRace(store);
            onPreset('');
          }}
        >
          Other races
        </button>
      )}
      <button type="button" onClick={onClose}>
        Back to the file view
      </button>
    </div>
  );
}

function Body({ onPreset }: { onPreset: (id: string) => void }) {
  const open = useRace((s) => s.scenario !== null);
  return open ? <Workspace /> : <PresetPicker onPick={onPreset} />;
}

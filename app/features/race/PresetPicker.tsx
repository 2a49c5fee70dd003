/** The race workspace's start: the worked examples, the challenges, or a race file. */
import type { ChangeEvent } from 'react';
import { readRaceFile } from '../../../core/index.ts';
import { CHALLENGE_PRESETS, EXAMPLE_PRESETS, type RacePreset } from './presets.ts';
import { useRaceStore } from './raceContext.tsx';
import { loadPreset, loadRace } from './raceStore.ts';
import { RaceTourList } from './RaceTourList.tsx';

function PresetList({ presets, onPick }: { presets: readonly RacePreset[]; onPick: (id: string) => void }) {
  return (
    <ul className="race-presets">
      {presets.map((p) => (
        <li key={p.id} className="panel">
          <button type="button" onClick={() => onPick(p.id)} aria-describedby={`race-preset-${p.id}`}>
            {p.title}
          </button>
          <p id={`race-preset-${p.id}`} className="muted">
            {p.description}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function PresetPicker({ onPick }: { onPick: (id: string) => void }) {
  const store = useRaceStore();
  const pick = (id: string) => {
    if (loadPreset(store, id) === null || store.getState().presetId === id) onPick(id);
  };
  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f === undefined) return;
    const r = readRaceFile(new Uint8Array(await f.arrayBuffer()));
    if (!r.ok) store.setState({ message: `${f.name}: ${r.error}` });
    else loadRace(store, r.race, {}, r.race.schedule ?? []);
  };
  return (
    <div className="race-picker">
      <p>
        Two or three CPUs each run one kernel path as a few atomic micro-steps. You choose who moves next, or
        let the explorer try every order and count them.
      </p>
      <section aria-labelledby="race-examples-title">
        <h2 id="race-examples-title">Worked examples</h2>
        <PresetList presets={EXAMPLE_PRESETS} onPick={pick} />
      </section>
      <RaceTourList />
      <section aria-labelledby="race-challenges-title">
        <h2 id="race-challenges-title">Challenges</h2>
        <PresetList presets={CHALLENGE_PRESETS} onPick={pick} />
      </section>
      <section aria-labelledby="race-file-title">
        <h2 id="race-file-title">Your own race</h2>
        <label className="file-button">
          Open a race file (folioscope-race JSON)…
          <input type="file" accept=".json,application/json" onChange={(e) => void open(e)} />
        </label>
      </section>
    </div>
  );
}

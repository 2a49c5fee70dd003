/**
 * The race knobs (spec/races.md §6.3): each with why its lock or re-check exists and where it
 * comes from; changing one replays the schedule and explores again ("0 → N of M violate").
 */
import { RACE_KNOB_CHOICES, type RaceKnobs } from '../../../core/index.ts';
import { useRace, useRaceStore } from './raceContext.tsx';
import { setKnob } from './raceStore.ts';
import { RACE_KNOB_DOCS } from './sources.ts';

const KNOBS = Object.keys(RACE_KNOB_CHOICES) as (keyof RaceKnobs)[];

export function KnobsPanel() {
  const store = useRaceStore();
  const knobs = useRace((s) => s.knobs);
  if (knobs === null) return null;
  return (
    <section className="panel race-knobs" aria-labelledby="race-knobs-title">
      <h2 id="race-knobs-title">Knobs</h2>
      <p className="muted">
        The first value of each is the most recent posted code. Changing one explores again.
      </p>
      <ul>
        {KNOBS.map((k) => {
          const doc = RACE_KNOB_DOCS[k];
          const v = knobs[k];
          const unsafe = doc.unsafe !== undefined && doc.unsafe === String(v);
          const id = `race-knob-${k}`;
          return (
            <li key={k} className={unsafe ? 'unsafe' : undefined}>
              <label htmlFor={id}>
                <code>{k}</code>
              </label>{' '}
              <select
                id={id}
                value={String(v)}
                aria-describedby={`${id}-why`}
                onChange={(e) => {
                  const choice = (RACE_KNOB_CHOICES[k] as readonly (string | boolean)[]).find(
                    (c) => String(c) === e.target.value,
                  );
                  if (choice !== undefined) setKnob(store, k, choice as RaceKnobs[typeof k]);
                }}
              >
                {(RACE_KNOB_CHOICES[k] as readonly (string | boolean)[]).map((c, i) => (
                  <option key={String(c)} value={String(c)}>
                    {String(c)}
                    {i === 0 ? ' (default)' : ''}
                    {doc.unsafe === String(c) ? ' (unsafe)' : ''}
                  </option>
                ))}
              </select>
              {unsafe && <strong className="unsafe-tag"> ⚠ unsafe</strong>}
              <p id={`${id}-why`} className="knob-why">
                {doc.why} <span className="muted">[{doc.source}]</span>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

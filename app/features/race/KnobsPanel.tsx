/**
 * The race knobs (spec/races.md §6.3): each with why its lock or re-check exists and where it
 * comes from; changing one replays the schedule and explores again ("0 → N of M violate").
 * Below them, the file's policy knobs that change a race's paths.
 */
import type { ReactNode } from 'react';
import { POLICY_CHOICES, RACE_KNOB_CHOICES, type Policy, type RaceKnobs } from '../../../core/index.ts';
import { KNOB_DOCS } from '../new-scenario/knobs.ts';
import { useRace, useRaceStore } from './raceContext.tsx';
import { RACE_POLICY_KNOBS, setKnob, setPolicy, type RacePolicyKnob } from './raceStore.ts';
import { RACE_KNOB_DOCS } from './sources.ts';

type Choice = string | boolean;

/** One knob: its name, a select of its values (default and unsafe ones marked), and why. */
function KnobRow({
  id,
  name,
  value,
  choices,
  unsafeValue,
  why,
  onChoose,
}: {
  id: string;
  name: string;
  value: Choice;
  choices: readonly Choice[];
  unsafeValue: string | undefined;
  why: ReactNode;
  onChoose: (c: Choice) => void;
}) {
  const unsafe = unsafeValue === String(value);
  return (
    <li className={unsafe ? 'unsafe' : undefined}>
      <label htmlFor={id}>
        <code>{name}</code>
      </label>{' '}
      <select
        id={id}
        value={String(value)}
        aria-describedby={`${id}-why`}
        onChange={(e) => {
          const choice = choices.find((c) => String(c) === e.target.value);
          if (choice !== undefined) onChoose(choice);
        }}
      >
        {choices.map((c, i) => (
          <option key={String(c)} value={String(c)}>
            {String(c)}
            {i === 0 ? ' (default)' : ''}
            {unsafeValue === String(c) ? ' (unsafe)' : ''}
          </option>
        ))}
      </select>
      {unsafe && <strong className="unsafe-tag"> ⚠ unsafe</strong>}
      <p id={`${id}-why`} className="knob-why">
        {why}
      </p>
    </li>
  );
}

const KNOBS = Object.keys(RACE_KNOB_CHOICES) as (keyof RaceKnobs)[];

const policyChoices = (k: RacePolicyKnob): readonly Choice[] =>
  k === 'hostUnmap' ? POLICY_CHOICES.hostUnmap : [false, true];

export function KnobsPanel() {
  const store = useRaceStore();
  const knobs = useRace((s) => s.knobs);
  const policy = useRace((s) => s.scenario?.setup.config.policy);
  if (knobs === null || policy === undefined) return null;
  return (
    <section className="panel race-knobs" aria-labelledby="race-knobs-title">
      <h2 id="race-knobs-title">Knobs</h2>
      <p className="muted">
        The first value of each is the most recent posted code. Changing one explores again.
      </p>
      <ul>
        {KNOBS.map((k) => (
          <KnobRow
            key={k}
            id={`race-knob-${k}`}
            name={k}
            value={knobs[k]}
            choices={RACE_KNOB_CHOICES[k]}
            unsafeValue={RACE_KNOB_DOCS[k].unsafe}
            why={
              <>
                {RACE_KNOB_DOCS[k].why} <span className="muted">[{RACE_KNOB_DOCS[k].source}]</span>
              </>
            }
            onChoose={(c) => setKnob(store, k, c as RaceKnobs[typeof k])}
          />
        ))}
      </ul>
      <h3>Policy knobs of the file</h3>
      <ul>
        {RACE_POLICY_KNOBS.map((k) => (
          <KnobRow
            key={k}
            id={`race-policy-${k}`}
            name={k}
            value={policy[k]}
            choices={policyChoices(k)}
            unsafeValue={KNOB_DOCS[k]?.unsafe?.value}
            why={KNOB_DOCS[k]?.changes}
            onChoose={(c) => setPolicy(store, k, c as Policy[typeof k])}
          />
        ))}
      </ul>
    </section>
  );
}

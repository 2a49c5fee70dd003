import { Term } from '../glossary/Term.tsx';
import { KNOB_DOCS } from './knobs.ts';

/**
 * The explanation under a policy knob: what it changes, what the chosen value stands for, what
 * you will see, and the invariant an unsafe value breaks. `id` is referenced by the control's
 * aria-describedby.
 */
export function KnobHelp({ knob, value, id }: { knob: string; value: string | boolean; id: string }) {
  const doc = KNOB_DOCS[knob];
  if (doc === undefined) return null;
  const unsafe = doc.unsafe !== undefined && doc.unsafe.value === String(value);
  return (
    <div id={id} className="knob-help">
      <p>{doc.changes}</p>
      <ul className="knob-values">
        {Object.entries(doc.values).map(([v, design]) => (
          <li key={v} className={v === String(value) ? 'chosen' : undefined}>
            <strong>{v}</strong>
            {v === String(value) && ' (chosen)'}: {design}
          </li>
        ))}
      </ul>
      <p className="muted">You will see: {doc.see}</p>
      {doc.unsafe !== undefined && (
        <p className={unsafe ? 'knob-unsafe' : 'muted'}>
          <strong>{unsafe ? 'Unsafe: ' : `Unsafe with ${doc.unsafe.value}: `}</strong>
          {doc.unsafe.breaks}
        </p>
      )}
    </div>
  );
}

/** The glossary "?" for a knob's concept. */
export function KnobTerm({ knob }: { knob: string }) {
  const doc = KNOB_DOCS[knob];
  return doc === undefined ? null : <Term id={doc.term} />;
}

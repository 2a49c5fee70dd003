import { INVARIANTS } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectCurrent, violations } from '../../store/selectors.ts';

/** The spec's invariants, each green unless the current state violates it. */
export function Invariants() {
  const state = useSim(selectCurrent);
  if (state === undefined) return null;
  const found = violations(state);
  return (
    <section className="panel invariants" aria-labelledby="invariants-title">
      <h2 id="invariants-title">Invariants</h2>
      <ul>
        {INVARIANTS.map((inv) => {
          const bad = found.filter((v) => v.rule === inv.rule);
          return (
            <li key={inv.rule} className={bad.length === 0 ? 'holds' : 'violated'}>
              <span aria-hidden="true" className="mark">
                {bad.length === 0 ? '✓' : '✗'}
              </span>
              <span>
                <strong>{`${inv.rule}. ${inv.name}`}</strong>
                {bad.length === 0 ? ' holds' : ' VIOLATED'} <span className="muted">— {inv.text}</span>
                {bad.map((v, i) => (
                  <span key={i} className="violation">
                    {v.message}
                  </span>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

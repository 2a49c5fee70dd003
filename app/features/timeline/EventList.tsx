import { hex, sizeName } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectLastOutcome } from '../../store/selectors.ts';

/** What the last applied step did, event by event, each naming its kernel function. */
export function EventList() {
  const outcome = useSim(selectLastOutcome);
  const events = outcome?.events ?? [];
  return (
    <div className="events">
      <h3 id="events-title">Events of this step</h3>
      {events.length === 0 ? (
        <p className="muted">{outcome?.refusal === undefined ? 'None.' : 'Refused: the state did not change.'}</p>
      ) : (
        <ul aria-labelledby="events-title">
          {events.map((e, i) => (
            <li key={i} className={e.type === 'transition' ? 'transition' : ''}>
              <code>{e.fn}</code>
              {e.offset !== undefined && <span className="muted"> {hex(e.offset)}{e.length !== undefined ? `+${sizeName(e.length)}` : ''}</span>}
              {e.type === 'transition' ? ` ${e.machine ?? ''} ${e.from ?? ''} → ${e.to ?? ''}` : e.detail !== undefined ? `: ${e.detail}` : ` ${e.type}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

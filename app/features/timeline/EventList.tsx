import { hex, plural, sizeName, stepEvents } from '../../../core/index.ts';
import { useFrame } from '../../animation/context.tsx';
import { eventAt } from '../../animation/frame.ts';

/**
 * What the step on screen did, event by event, each naming its kernel function, then the
 * diagram transitions it caused. While the step plays, the event being played is marked; the
 * first event is the entry point.
 */
export function EventList() {
  const { outcome, t } = useFrame();
  const events = stepEvents(outcome);
  const playing = eventAt(events, t);
  return (
    <div className="events">
      <h3 id="events-title">Events of this step</h3>
      {events.length > 0 && (
        <p className="muted event-progress">
          {playing >= 0
            ? `Event ${playing + 1} of ${events.length}: ${events[playing]?.fn ?? ''}`
            : `${plural(events.length, 'event')}, first the entry point ${events[0]?.fn ?? ''}.`}
        </p>
      )}
      {events.length === 0 ? (
        <p className="muted">
          {outcome?.refusal === undefined ? 'None.' : 'Refused: the state did not change.'}
        </p>
      ) : (
        <ul aria-labelledby="events-title">
          {events.map((e, i) => (
            <li
              key={i}
              className={`${e.type === 'transition' ? 'transition' : ''}${i === playing ? ' playing' : ''}${playing >= 0 && i > playing ? ' pending' : ''}`}
              aria-current={i === playing ? 'step' : undefined}
            >
              <code>{e.fn}</code>
              {e.offset !== undefined && (
                <span className="muted">
                  {' '}
                  {hex(e.offset)}
                  {e.length !== undefined ? `+${sizeName(e.length)}` : ''}
                </span>
              )}
              {e.type === 'transition'
                ? ` ${e.machine ?? ''} ${e.from ?? ''} → ${e.to ?? ''}`
                : e.detail !== undefined
                  ? `: ${e.detail}`
                  : ` ${e.type}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { plural, stepEvents } from '../../../core/index.ts';
import { EventLine } from './EventLine.tsx';
import { useFrame } from '../../animation/context.tsx';
import { eventAt } from '../../animation/frame.ts';

/**
 * Events listed at most: a punch hole across 20,000 conversions answers 20,000 events, and a
 * list item each was a 6 s task that froze the tab (every one is in the trace).
 */
const SHOWN = 100;
/**
 * Events shown before the one being played: the list follows it by its window, so the event
 * played stays near the top of the box without a scroll (reading the layout to scroll it at
 * every event cost late frames while a split played).
 */
const BEFORE = 2;

/**
 * What the step on screen did, event by event, each naming its kernel function, then the
 * diagram transitions it caused. While the step plays, the event being played is marked; the
 * first event is the entry point.
 */
export function EventList() {
  const { outcome, t, step } = useFrame();
  const events = stepEvents(outcome);
  const playing = eventAt(events, t);
  // A window of the list: its head, or around the event being played.
  const from = playing < 0 ? 0 : Math.max(0, playing - BEFORE);
  const to = Math.min(events.length, from + SHOWN);
  return (
    <div className="events">
      <h3 id="events-title">Events of this step</h3>
      {/* A body per step (keyed): each starts at its top. */}
      {/* It scrolls: focusable, so the keyboard scrolls it too. */}
      <div className="events-body" key={step} tabIndex={0} role="group" aria-labelledby="events-title">
        {events.length === 0 ? (
          <p className="muted">
            {outcome === undefined
              ? 'No step yet.'
              : outcome.refusal === undefined
                ? 'None.'
                : 'Refused: the state did not change.'}
          </p>
        ) : (
          <>
            <p className="muted event-progress">
              {playing >= 0
                ? `Event ${playing + 1} of ${events.length}: ${events[playing]?.fn ?? ''}`
                : `${plural(events.length, 'event')}, first the entry point ${events[0]?.fn ?? ''}.`}
            </p>
            <ul aria-labelledby="events-title">
              {from > 0 && <li className="muted">… {plural(from, 'earlier event')}</li>}
              {events.slice(from, to).map((e, k) => {
                const i = from + k;
                return (
                  <li
                    key={i}
                    className={`${e.type === 'transition' ? 'transition' : ''}${i === playing ? ' playing' : ''}${playing >= 0 && i > playing ? ' pending' : ''}`}
                    aria-current={i === playing ? 'step' : undefined}
                  >
                    <EventLine e={e} />
                  </li>
                );
              })}
              {to < events.length && (
                <li className="muted">
                  … and {plural(events.length - to, 'more event')}: the trace has every one (Export trace
                  JSON).
                </li>
              )}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

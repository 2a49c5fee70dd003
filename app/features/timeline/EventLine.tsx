import type { CoreEvent } from '../../../core/index.ts';
import { eventParts } from './eventText.ts';

/**
 * One event in words (eventParts): its kernel function in code type, the range it is about
 * muted, then what it did: the events list, the step's "Left behind" lines and the
 * inspector's last events spell events alike.
 */
export function EventLine({ e }: { e: CoreEvent }) {
  const { fn, where, what } = eventParts(e);
  return (
    <>
      <code>{fn}</code>
      {where !== '' && <span className="muted"> {where}</span>}
      {what}
    </>
  );
}

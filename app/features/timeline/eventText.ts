import { hex, sizeName, type CoreEvent } from '../../../core/index.ts';
import { arrows } from './arrows.ts';

/** An event's words in three parts: its kernel function, the range it is about, what it did. */
export interface EventParts {
  readonly fn: string;
  /** "0x2000+4K", the offset alone when the event has no length, "" when it has no offset. */
  readonly where: string;
  /** A transition's machine and states, else ": " and the detail, else the event's type. */
  readonly what: string;
}

/**
 * One spelling of an event for every place that shows one (the events list, the step's
 * "Left behind" lines, the inspector's last events): the same words, arrows as one glyph.
 */
export function eventParts(e: CoreEvent): EventParts {
  const where =
    e.offset === undefined ? '' : `${hex(e.offset)}${e.length === undefined ? '' : `+${sizeName(e.length)}`}`;
  const what =
    e.type === 'transition'
      ? ` ${e.machine ?? ''} ${e.from ?? ''} → ${e.to ?? ''}`
      : e.detail === undefined
        ? ` ${e.type}`
        : `: ${arrows(e.detail)}`;
  return { fn: e.fn, where, what };
}

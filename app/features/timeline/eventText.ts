import { BLOCK_MACHINE, PAGE_MACHINE, hex, sizeName, type CoreEvent } from '../../../core/index.ts';
import { stateLabel } from '../state-diagram/stateLabel.ts';
import { arrows } from './arrows.ts';

/** An event's words in three parts: its kernel function, the range it is about, what it did. */
export interface EventParts {
  readonly fn: string;
  /** "0x2000+4K", the offset alone when the event has no length, "" when it has no offset. */
  readonly where: string;
  /**
   * A transition's machine and its states as the diagram names them ("page: private →
   * private, guest-mapped", not the trace's ids), else ": " and the detail, else the type.
   */
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
      ? transitionWords(e)
      : e.detail === undefined
        ? ` ${e.type}`
        : `: ${arrows(e.detail)}`;
  return { fn: e.fn, where, what };
}

/** "shared → shared, mapped": a transition's two states in the diagram's words. */
export function transitionStates(e: CoreEvent): string {
  const m = e.machine === 'block' ? BLOCK_MACHINE : PAGE_MACHINE;
  return `${stateLabel(m, e.from)} → ${stateLabel(m, e.to)}`;
}

/** " page: shared → shared, mapped". */
const transitionWords = (e: CoreEvent): string => ` ${e.machine ?? 'page'}: ${transitionStates(e)}`;

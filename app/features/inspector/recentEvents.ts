import type { CoreEvent } from '../../../core/index.ts';
import type { StepOutcome } from '../../store/replayCache.ts';

export interface RecentEvent {
  readonly step: number;
  /** Shown as the events list shows it (EventLine). */
  readonly event: CoreEvent;
}

/**
 * The last `max` events (newest first) of steps up to `cursor` that touched [start, end):
 * what most recently happened to the selected folio. Only kernel events: the state diagram
 * shows the transitions.
 */
export function recentEvents(
  results: readonly StepOutcome[],
  cursor: number,
  start: number,
  end: number,
  max = 5,
): RecentEvent[] {
  const out: RecentEvent[] = [];
  for (let i = Math.min(cursor, results.length) - 1; i >= 0 && out.length < max; i--) {
    const events = results[i]?.events ?? [];
    for (let j = events.length - 1; j >= 0 && out.length < max; j--) {
      const e = events[j] as CoreEvent;
      if (e.offset === undefined) continue;
      // An event without a length is about the page at its offset.
      const eEnd = e.offset + (e.length ?? 4096);
      if (e.offset < end && eEnd > start) out.push({ step: i + 1, event: e });
    }
  }
  return out;
}

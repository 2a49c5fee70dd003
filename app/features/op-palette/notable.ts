/**
 * Which of a step's kernel events say what it changed in structure or left behind, for the
 * pictures that show only a few events (the stage) and for the consequences the desk's
 * Outcome names beside "ok".
 */
import type { CoreEvent } from '../../../core/index.ts';

/** Events a user should not miss after an accepted step: what lives on, leaks or broke. */
const CONSEQUENCES: ReadonlySet<string> = new Set([
  'folio_orphan',
  // A wholly private block left split: no huge leaf for the guest, vmemmap not given back.
  'folio_merge_skipped',
  'removal_failed',
  'vm_dead',
  'unsafe',
  'error_folio',
  'poison',
]);

/** Events that change the folios or the mappings: what the audience should see named. */
const STRUCTURE: ReadonlySet<string> = new Set([
  ...CONSEQUENCES,
  'folio_split',
  'folio_merge',
  'truncate',
  'pte_zap',
]);

/** The consequences of a step (see CONSEQUENCES), in the order they happened. */
export const consequences = (events: readonly CoreEvent[]): CoreEvent[] =>
  events.filter((e) => CONSEQUENCES.has(e.type));

/**
 * The events in the order a short list shows them: the entry point first, then those that
 * changed structure, then the rest, each group in the order they happened.
 */
export function byNote(events: readonly CoreEvent[]): CoreEvent[] {
  const [entry, ...rest] = events;
  if (entry === undefined) return [];
  return [entry, ...rest.filter((e) => STRUCTURE.has(e.type)), ...rest.filter((e) => !STRUCTURE.has(e.type))];
}

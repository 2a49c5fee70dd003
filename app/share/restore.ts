/**
 * "Restore my last work": reopens the autosaved record read at start (or last written), as
 * an undoable open, so a link or file that replaced the view never costs the user their work.
 */
import { dismissLinkError, openScenario } from '../store/commands.ts';
import type { SimState, SimStore } from '../store/store.ts';
import { readAutosave } from './boot.ts';
import { documentLink } from './link.ts';

/** Whether the autosaved work differs from what is open (then restoring it means something). */
export function canRestore(s: SimState): boolean {
  const o = readAutosave(s.autosave.restorable);
  return (
    o !== null &&
    (documentLink({ scenario: o.scenario, branches: o.branches ?? [] }) !== documentLink(s.doc) ||
      (o.cursor ?? o.scenario.steps.length) !== s.doc.cursor)
  );
}

/** Opens the autosaved work; false when there is none to open. */
export function restoreAutosave(store: SimStore): boolean {
  const o = readAutosave(store.getState().autosave.restorable);
  if (o === null) return false;
  openScenario(store, o.scenario, o.cursor, undefined, o.branches);
  dismissLinkError(store);
  return true;
}

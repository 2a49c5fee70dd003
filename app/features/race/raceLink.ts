/**
 * Race share links in the workspace (codec v4, core/race/link.ts): the link of what is open
 * (race, knobs, schedule, cursor), opening one into the store, and the address that follows
 * the workspace (replaceState, as the file view's address follows its document).
 */
import { decodeRaceLink, encodeRaceLink } from '../../../core/index.ts';
import { loadRace, type RaceState, type RaceStore } from './raceStore.ts';
import { presetById } from './presets.ts';
import { withRaceParam } from './route.ts';

/** The link of the open race with its knobs, schedule and cursor, or null when none is open. */
export function raceLinkOf(s: RaceState): string | null {
  if (s.scenario === null || s.knobs === null) return null;
  return encodeRaceLink({ race: { ...s.scenario, knobs: s.knobs }, schedule: s.schedule, cursor: s.cursor });
}

/**
 * Opens a race link: its race and knobs, its schedule replayed, its cursor selected. A link
 * that does not decode leaves what was open and says which part is wrong.
 */
export function openRaceLink(store: RaceStore, link: string, presetId: string | null = null): string | null {
  const r = decodeRaceLink(link);
  if (!r.ok) {
    const message = `This race link could not be opened: ${r.error}. What was open is kept.`;
    store.setState({ message });
    return message;
  }
  const preset = presetId !== null && presetById(presetId) !== undefined ? presetId : null;
  return loadRace(store, r.race, r.race.knobs, r.schedule, r.cursor, preset);
}

/** The address of the open race: `?race=<preset>#s=<link>` (the picker: `?race`, no link). */
export function raceAddress(href: string, s: RaceState): string {
  const link = raceLinkOf(s);
  if (link === null) return withRaceParam(href, '', true);
  const u = new URL(href);
  u.hash = '';
  return `${withRaceParam(u.href, s.presetId ?? '')}#s=${link}`;
}

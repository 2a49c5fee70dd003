import { invalidMessage, readJsonFile } from '../scenario/file.ts';
import { parseRace, type RaceScenario } from './format.ts';

/** A race file's bytes to a race scenario, or one message (the first problem, naming its field). */
export function readRaceFile(
  bytes: Uint8Array,
): { ok: true; race: RaceScenario } | { ok: false; error: string } {
  const j = readJsonFile(bytes);
  if (!j.ok) return j;
  const r = parseRace(j.raw);
  return r.ok ? r : { ok: false, error: invalidMessage('race scenario', r.errors) };
}

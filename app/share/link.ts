/**
 * Scenarios in the URL fragment: `#s=<share link>&step=N` (the link is the core's codec,
 * "1.<base64url>"). The fragment never reaches a server, and a link that does not decode
 * opens the default scenario with the decoder's own sentence: it never crashes the app.
 */
import { decodeScenario, encodeScenario } from '../../core/index.ts';
import type { Scenario } from '../../core/index.ts';

export interface FragmentLoad {
  readonly scenario: Scenario;
  /** Steps to apply at start; undefined: all of them. */
  readonly cursor?: number;
  /** Why the link in the fragment was not opened (the default scenario is, instead). */
  readonly error?: string;
}

/** The fragment's link and step, or null when it carries no scenario at all. */
export function readFragment(hash: string): { link: string; step: number | undefined } | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const link = params.get('s');
  if (link === null) return null;
  const raw = params.get('step');
  const step = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
  return { link, step };
}

/** What to open for this fragment; `fallback` is the default scenario. */
export function loadFragment(hash: string, fallback: () => Scenario): FragmentLoad | null {
  const f = readFragment(hash);
  if (f === null) return null;
  let r: ReturnType<typeof decodeScenario>;
  try {
    r = decodeScenario(f.link);
  } catch (e) {
    // decodeScenario promises never to throw; if it ever does, still open the app.
    r = { ok: false, error: `the link could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!r.ok) return { scenario: fallback(), error: `This link could not be opened: ${r.error}. The default scenario is shown instead.` };
  const steps = r.scenario.steps.length;
  return { scenario: r.scenario, ...(f.step === undefined ? {} : { cursor: Math.min(f.step, steps) }) };
}

/** The fragment that reopens `scenario` at step `cursor`. */
export const fragmentFor = (scenario: Scenario, cursor: number): string => `#s=${encodeScenario(scenario)}&step=${cursor}`;

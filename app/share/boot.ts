/**
 * What the app opens: the URL fragment (`#s=<link>&step=N` or `#tour=NAME&step=N`), else the
 * autosaved work, else the default scenario. A fragment that cannot be opened never replaces
 * the autosaved work: the autosave is opened instead, with a sentence saying what was wrong.
 */
import { decodeScenario, parseScenario, tourByName } from '../../core/index.ts';
import type { Scenario } from '../../core/index.ts';

export const AUTOSAVE_KEY = 'folioscope.autosave.v1';

export interface Opening {
  readonly scenario: Scenario;
  /** Steps applied at start; undefined: all of them. */
  readonly cursor?: number;
  /** Why the fragment was not opened. */
  readonly error?: string;
  /** The narrated tour being played, by name. */
  readonly tour?: string;
}

/** What the fragment names, or null when it names nothing. */
export function readHash(
  hash: string,
): { kind: 's' | 'tour'; value: string; step: number | undefined } | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const raw = params.get('step');
  const step = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
  const tour = params.get('tour');
  if (tour !== null) return { kind: 'tour', value: tour, step };
  const link = params.get('s');
  return link === null ? null : { kind: 's', value: link, step };
}

function decode(link: string): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  try {
    return decodeScenario(link);
  } catch (e) {
    // decodeScenario promises never to throw; if it ever does, still open the app.
    return { ok: false, error: `the link could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** The scenario of a tour, or why there is none. */
export function tourScenario(name: string): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const t = tourByName(name);
  if (t === undefined) return { ok: false, error: `there is no tour named “${name.slice(0, 60)}”` };
  const r = parseScenario(t.scenario);
  return r.ok ? r : { ok: false, error: `the tour “${name}” does not parse` };
}

const clamp = (step: number | undefined, s: Scenario): { cursor?: number } =>
  step === undefined ? {} : { cursor: Math.min(step, s.steps.length) };

/** The autosaved work, if any is stored and still decodes. */
export function readAutosave(saved: string | null): Opening | null {
  if (saved === null) return null;
  try {
    const v = JSON.parse(saved) as { link?: unknown; step?: unknown };
    if (typeof v.link !== 'string') return null;
    const r = decode(v.link);
    if (!r.ok) return null;
    return {
      scenario: r.scenario,
      ...clamp(
        typeof v.step === 'number' && Number.isInteger(v.step) && v.step >= 0 ? v.step : undefined,
        r.scenario,
      ),
    };
  } catch {
    return null;
  }
}

/** The autosave record for a link and step. */
export const autosaveText = (link: string, step: number): string => JSON.stringify({ link, step });

/**
 * Resolves a fragment. With `current` (a hashchange in an open tab) a bad fragment keeps what
 * is open; at start it falls back to the autosave, then to `fallback`.
 */
export function resolveOpening(hash: string, saved: string | null, fallback: () => Scenario): Opening {
  const h = readHash(hash);
  const auto = readAutosave(saved);
  if (h === null) return auto ?? { scenario: fallback() };
  const r = h.kind === 'tour' ? tourScenario(h.value) : decode(h.value);
  if (r.ok)
    return {
      scenario: r.scenario,
      ...clamp(h.step, r.scenario),
      ...(h.kind === 'tour' ? { tour: h.value } : {}),
    };
  const what = h.kind === 'tour' ? 'This tour link could not be opened' : 'This link could not be opened';
  const instead =
    auto === null
      ? 'The default scenario is shown instead.'
      : 'Your autosaved work is shown instead (it was not changed).';
  return { ...(auto ?? { scenario: fallback() }), error: `${what}: ${r.error}. ${instead}` };
}

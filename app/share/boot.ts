/**
 * What the app opens: the URL fragment (`#s=<link>&step=N` or `#tour=NAME&step=N`), else the
 * autosaved work, else the default scenario. A fragment that cannot be opened never replaces
 * the autosaved work: the autosave is opened instead, with a sentence saying what was wrong.
 * An autosave this version cannot read (a newer Folioscope wrote it) is kept, never written.
 */
import { decodeScenario, parseScenario } from '../../core/index.ts';
import type { DecodeResult, LinkBranch, Scenario } from '../../core/index.ts';
import { AUTOSAVE_ON, type AutosaveState } from '../store/store.ts';
import { readHash } from './hash.ts';
import { loadedTour, toursLoaded } from './tourLoader.ts';
import { readView, type LinkView } from './view.ts';

export const AUTOSAVE_KEY = 'folioscope.autosave.v1';
/** The version of the autosave record this Folioscope writes. */
export const AUTOSAVE_VERSION = 1;

export interface Opening {
  readonly scenario: Scenario;
  /** Steps applied at start; undefined: all of them. */
  readonly cursor?: number;
  /** Why the fragment was not opened. */
  readonly error?: string;
  /** The narrated tour being played, by name. */
  readonly tour?: string;
  /** The autosave's standing (set by resolveOpening). */
  readonly autosave?: AutosaveState;
  /** What is opened is the autosaved work (not opening it must not write over it). */
  readonly fromAutosave?: boolean;
  /** The branches (lines the user left) the link or the autosave carried. */
  readonly branches?: readonly LinkBranch[];
  /** The selection, zoom window and theme the link carried. */
  readonly view?: LinkView;
  /** What part of the view was not used, and why (the scenario opened all the same). */
  readonly viewProblem?: string;
}

/** Decodes a link (DecodeResult: the scenario or why not); never throws. */
export type LinkDecoder = (link: string) => DecodeResult;

export function decode(link: string): DecodeResult {
  try {
    return decodeScenario(link);
  } catch (e) {
    // decodeScenario promises never to throw; if it ever does, still open the app.
    return { ok: false, error: `the link could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * User text inside one of our sentences, isolated (U+2068 FIRST STRONG ISOLATE … U+2069 POP
 * DIRECTIONAL ISOLATE, the plain-text <bdi>): a right-to-left name cannot reorder the sentence.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** The scenario of a tour, or why there is none (the tours must be loaded: tourLoader.ts). */
export function tourScenario(name: string): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  if (!toursLoaded())
    return { ok: false, error: 'the tours did not load (check the connection and try again)' };
  const t = loadedTour(name);
  if (t === undefined) return { ok: false, error: `there is no tour named “${isolate(name.slice(0, 60))}”` };
  const r = parseScenario(t.scenario);
  return r.ok ? r : { ok: false, error: `the tour “${isolate(name.slice(0, 60))}” does not parse` };
}

/**
 * Why a link's `step` was not used as written: not a step number (it opens where it would
 * without one), or past the last step (it opens at the last); undefined when it was.
 */
function stepProblemOf(raw: string | null, step: number | undefined, steps: number): string | undefined {
  if (raw === null) return undefined;
  if (step === undefined)
    return `the step “${isolate(raw.slice(0, 20))}” is not a step number (0 to ${steps})`;
  return step > steps ? `step ${step} is past the last step, ${steps}: it opened there` : undefined;
}

const clamp = (step: number | undefined, s: Scenario): { cursor?: number } =>
  step === undefined ? {} : { cursor: Math.min(step, s.steps.length) };

export type AutosaveRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly opening: Opening }
  /** Stored but not readable here: kept untouched. */
  | { readonly kind: 'unreadable'; readonly why: string };

/** Reads the stored record: nothing, the work it holds, or why this version cannot read it. */
export function readAutosaveRecord(saved: string | null, decodeLink: LinkDecoder = decode): AutosaveRecord {
  if (saved === null) return { kind: 'none' };
  let v: { v?: unknown; link?: unknown; step?: unknown };
  try {
    v = JSON.parse(saved) as typeof v;
  } catch {
    return { kind: 'unreadable', why: 'it is not a Folioscope autosave record' };
  }
  if (typeof v !== 'object' || v === null || typeof v.link !== 'string')
    return { kind: 'unreadable', why: 'it is not a Folioscope autosave record' };
  if (typeof v.v === 'number' && v.v > AUTOSAVE_VERSION)
    return { kind: 'unreadable', why: `it was made by a newer Folioscope (autosave format ${v.v})` };
  const r = decodeLink(v.link);
  if (!r.ok) return { kind: 'unreadable', why: r.error };
  const step = typeof v.step === 'number' && Number.isInteger(v.step) && v.step >= 0 ? v.step : undefined;
  return {
    kind: 'ok',
    opening: {
      scenario: r.scenario,
      ...clamp(step, r.scenario),
      ...(r.branches === undefined ? {} : { branches: r.branches }),
    },
  };
}

/** The autosaved work, if any is stored and still decodes. */
export function readAutosave(saved: string | null): Opening | null {
  const r = readAutosaveRecord(saved);
  return r.kind === 'ok' ? r.opening : null;
}

/** The autosave record for a link and step. */
export const autosaveText = (link: string, step: number): string =>
  JSON.stringify({ v: AUTOSAVE_VERSION, link, step });

/** The standing of the autosave after reading `record`. */
function autosaveState(record: AutosaveRecord, saved: string | null): AutosaveState {
  if (record.kind === 'unreadable')
    return {
      status: 'kept',
      message: `Your autosaved work could not be opened here: ${record.why}. It is kept unchanged, and this tab does not autosave over it.`,
      restorable: null,
    };
  return { ...AUTOSAVE_ON, restorable: record.kind === 'ok' ? saved : null };
}

/**
 * Resolves a fragment. At start a bad fragment falls back to the autosave, then to
 * `fallback`. An embed never shows the viewer's own work: pass `saved` as null there. A tour
 * link needs the tours loaded: await toursFor(hash) first.
 */
export function resolveOpening(
  hash: string,
  saved: string | null,
  fallback: () => Scenario,
  decodeLink: LinkDecoder = decode,
): Opening {
  const h = readHash(hash);
  const record = readAutosaveRecord(saved, decodeLink);
  const autosave = autosaveState(record, saved);
  const auto = record.kind === 'ok' ? { ...record.opening, fromAutosave: true } : null;
  if (h === null) return { ...(auto ?? { scenario: fallback() }), autosave };
  const r =
    h.kind === 'tour'
      ? tourScenario(h.value)
      : h.encoded === true
        ? {
            ok: false as const,
            error: 'the link is percent-encoded (Folioscope writes links with plain characters only)',
          }
        : decodeLink(h.value);
  if (r.ok) {
    const { view, problems } = readView(h.params, r.scenario.config.size);
    const stepProblem = stepProblemOf(h.params.get('step'), h.step, r.scenario.steps.length);
    if (stepProblem !== undefined) problems.unshift(stepProblem);
    return {
      scenario: r.scenario,
      // A tour link names a story: without a step it opens at the introduction (step 0), not
      // at the end a share link opens on (the state its author left).
      ...clamp(h.step ?? (h.kind === 'tour' ? 0 : undefined), r.scenario),
      ...(h.kind === 'tour' ? { tour: h.value } : {}),
      ...('branches' in r && r.branches !== undefined ? { branches: r.branches } : {}),
      ...(Object.keys(view).length === 0 ? {} : { view }),
      ...(problems.length === 0
        ? {}
        : {
            viewProblem: `Part of this link was not used: ${problems.join('; ')}. The scenario opened without it.`,
          }),
      autosave,
    };
  }
  const what = h.kind === 'tour' ? 'This tour link could not be opened' : 'This link could not be opened';
  const instead =
    auto === null
      ? 'The default scenario is shown instead.'
      : 'Your autosaved work is shown instead (it was not changed).';
  return { ...(auto ?? { scenario: fallback() }), error: `${what}: ${r.error}. ${instead}`, autosave };
}

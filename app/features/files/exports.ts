import {
  describeConfig,
  formatErrors,
  parseScenario,
  replay,
  scenarioFileText,
  traceToText,
} from '../../../core/index.ts';
import type { Scenario } from '../../../core/index.ts';
import type { SimState } from '../../store/store.ts';
import type { TextExport } from './TextDialog.tsx';

/** The largest scenario file accepted for import. */
export const MAX_IMPORT_BYTES = 5_000_000;

const slug = (s: Scenario): string =>
  (s.title ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'scenario';

/** The scenario up to the cursor: what the screen shows. */
const upToCursor = (s: SimState): Scenario => ({
  ...s.doc.scenario,
  steps: s.doc.scenario.steps.slice(0, s.doc.cursor),
});

export const scenarioExport = (s: SimState): TextExport => ({
  title: 'Scenario JSON',
  text: scenarioFileText(s.doc.scenario),
  filename: `${slug(s.doc.scenario)}.json`,
  mime: 'application/json',
});

/** The trace of the steps applied so far, as the runner writes it (JSON). */
export const traceJsonExport = (s: SimState): TextExport => ({
  title: 'Trace JSON',
  text: `${JSON.stringify(replay(upToCursor(s)), null, 2)}\n`,
  filename: `${slug(s.doc.scenario)}.trace.json`,
  mime: 'application/json',
});

/** The trace of the steps applied so far as plain text (80 columns, for a mailing list). */
export const traceTextExport = (s: SimState): TextExport => ({
  title: 'Trace as text',
  text: traceToText(replay(upToCursor(s)), describeConfig(s.doc.scenario.config)),
  filename: `${slug(s.doc.scenario)}.trace.txt`,
  mime: 'text/plain',
});

/** Reads a scenario file's text: the scenario, or what is wrong with it (with paths). */
export function importScenario(
  text: string,
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  if (text.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      error: `The file is too large (${text.length} characters; at most ${MAX_IMPORT_BYTES}).`,
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = parseScenario(raw);
  if (r.ok) return r;
  const more = r.errors.length > 8 ? `\n(and ${r.errors.length - 8} more)` : '';
  return {
    ok: false,
    error: `The file is not a valid Folioscope scenario:\n${formatErrors(r.errors.slice(0, 8))}${more}`,
  };
}

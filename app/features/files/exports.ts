import {
  describeConfig,
  readScenarioFile,
  fileSizeProblem,
  replay,
  scenarioFileText,
  traceJsonChunks,
  traceToText,
} from '../../../core/index.ts';
import type { Scenario } from '../../../core/index.ts';
import type { SimState } from '../../store/store.ts';
import type { TextExport } from './TextDialog.tsx';

/** Characters of a trace shown in the export dialog; Download saves the whole trace. */
export const PREVIEW_CHARS = 200_000;

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

/** The first `max` characters of a stream of pieces, and whether that was all of it. */
function preview(pieces: Iterable<string>, max: number): { text: string; complete: boolean } {
  let text = '';
  for (const p of pieces) {
    if (text.length + p.length > max) return { text: text + p.slice(0, max - text.length), complete: false };
    text += p;
  }
  return { text, complete: true };
}

/**
 * The trace of the steps applied so far, as the runner writes it (JSON), streamed: the
 * dialog shows its beginning when it is long, and Download builds the whole file as a Blob.
 */
export function traceJsonExport(s: SimState): TextExport {
  const scenario = upToCursor(s);
  const p = preview(traceJsonChunks(scenario), PREVIEW_CHARS);
  return {
    title: 'Trace JSON',
    text: p.complete ? p.text : `${p.text}\n… (only the beginning is shown: Download saves the whole trace)`,
    filename: `${slug(s.doc.scenario)}.trace.json`,
    mime: 'application/json',
    ...(p.complete ? {} : { whole: () => traceJsonChunks(scenario) }),
  };
}

/** The trace of the steps applied so far as plain text (80 columns, for a mailing list). */
export const traceTextExport = (s: SimState): TextExport => ({
  title: 'Trace as text',
  text: traceToText(replay(upToCursor(s)), describeConfig(s.doc.scenario.config)),
  filename: `${slug(s.doc.scenario)}.trace.txt`,
  mime: 'text/plain',
});

/**
 * Reads a scenario file's bytes with the runner's rules (UTF-8, BOM ignored, limits): the
 * scenario, or what is wrong with it (with its path).
 */
export function importScenarioBytes(
  bytes: Uint8Array,
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const r = readScenarioFile(bytes);
  return r.ok ? r : { ok: false, error: sentence(r.error) };
}

const sentence = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

/** Why a file of `size` bytes is refused before reading it (the core's rule), if it is. */
export function importSizeProblem(size: number): string | undefined {
  const p = fileSizeProblem(size);
  return p === undefined ? undefined : sentence(p);
}

/**
 * A chosen file as a scenario, or what is wrong with it: the size is checked before reading,
 * so a huge file is refused without loading it. One path for every place that opens files.
 */
export async function importFile(
  file: Blob,
): Promise<{ ok: true; scenario: Scenario } | { ok: false; error: string }> {
  const tooLarge = importSizeProblem(file.size);
  if (tooLarge !== undefined) return { ok: false, error: tooLarge };
  return importScenarioBytes(new Uint8Array(await file.arrayBuffer()));
}

/** The same for text already decoded (it is encoded back to UTF-8 first). */
export const importScenario = (text: string) => importScenarioBytes(new TextEncoder().encode(text));

/**
 * The command-line runner: `folioscope run FILE.json [--format json|text]` (FILE may be -),
 * and `folioscope race FILE.json [--format json|text]`: a race scenario's trace when it has a
 * schedule, else the exploration of every interleaving (spec/races.md §6.2).
 * Streams the trace to stdout and exits 0 when the scenario ran; an invalid scenario exits 2
 * with one line on stderr naming the step and field, and nothing on stdout. No input ever
 * produces a stack trace: an unexpected failure is one line and exit 70 (EX_SOFTWARE).
 */
import { readFileSync } from 'node:fs';
import { escapeControls } from './trace/terminal.ts';
import {
  batched,
  describeConfig,
  explore,
  exploreText,
  raceFrom,
  raceTrace,
  raceTraceText,
  readRaceFile,
  LIMITS,
  readScenarioFile,
  startTrace,
  traceJsonChunks,
  stepRecords,
  recordsTextChunks,
  type RaceScenario,
  type Scenario,
  type Trace,
} from './index.ts';

const USAGE = 'usage: folioscope run|race FILE.json [--format json|text]   (FILE may be - for stdin)';

/** One line, whatever the message holds (a key from input may contain a newline): controls escaped. */
const oneLine = escapeControls;

function fail(code: number, message: string): never {
  process.stderr.write(`${oneLine(message)}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): { command: 'run' | 'race'; file: string; format: 'json' | 'text' } {
  const args = [...argv];
  let format = 'json';
  const fi = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (fi >= 0) {
    const a = args[fi] as string;
    format = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[fi + 1] ?? '');
    args.splice(fi, a.includes('=') ? 1 : 2);
  }
  if (format !== 'json' && format !== 'text')
    fail(2, `unknown --format "${format}": expected json or text. ${USAGE}`);
  const command = args[0];
  if ((command !== 'run' && command !== 'race') || args.length !== 2) fail(2, USAGE);
  return { command, file: args[1] as string, format };
}

/** The file's bytes, refusing one past the size limit before reading it all. */
function readBytes(file: string): Uint8Array {
  try {
    const b = readFileSync(file === '-' ? 0 : file);
    return b.length > LIMITS.fileBytes ? b.subarray(0, LIMITS.fileBytes + 1) : b;
  } catch (err) {
    return fail(2, `cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Writes pieces to stdout, waiting for the pipe to drain so memory stays flat. */
async function stream(pieces: Iterable<string>): Promise<void> {
  for (const block of batched(pieces))
    if (!process.stdout.write(block)) await new Promise((r) => process.stdout.once('drain', r));
}

function textPieces(s: Scenario): Iterable<string> {
  const { head, state } = startTrace(s);
  const violations: Trace['violations'] = [];
  // The text trace shows the last state only: the steps are not observed one by one.
  const records = state === null ? [] : stepRecords(s, state, violations);
  return recordsTextChunks(head, describeConfig(s.config), records, violations);
}

/** The race's output: its trace with a schedule, else the exploration's result. */
function racePieces(race: RaceScenario, format: 'json' | 'text'): string[] {
  if (race.schedule !== undefined) {
    const t = raceTrace(race);
    return [format === 'json' ? `${JSON.stringify(t, null, 2)}\n` : raceTraceText(t)];
  }
  const r = raceFrom(race);
  if (r === null) fail(2, 'the race setup cannot run: creating the guest_memfd is refused');
  const x = explore(r, race.explore);
  return [format === 'json' ? `${JSON.stringify(x, null, 2)}\n` : exploreText(x, race.title)];
}

async function main(argv: string[]): Promise<void> {
  const { command, file, format } = parseArgs(argv);
  if (command === 'race') {
    const race = readRaceFile(readBytes(file));
    if (!race.ok) fail(2, `${file}: ${race.error}`);
    await stream(racePieces(race.race, format));
    return;
  }
  const r = readScenarioFile(readBytes(file));
  if (!r.ok) fail(2, `${file}: ${r.error}`);
  await stream(format === 'json' ? traceJsonChunks(r.scenario) : textPieces(r.scenario));
}

main(process.argv.slice(2)).catch((e: unknown) =>
  fail(70, `folioscope: internal error (please report it): ${e instanceof Error ? e.message : String(e)}`),
);

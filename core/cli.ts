/**
 * The command-line runner: `folioscope run FILE.json [--format json|text]` (FILE may be -).
 * Prints the trace on stdout and exits 0 when the scenario ran; an invalid scenario exits 2
 * with one message on stderr naming the step and field, and nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { describeConfig, formatErrors, parseScenario, replay, traceToText } from './index.ts';

const USAGE = 'usage: folioscope run FILE.json [--format json|text]   (FILE may be - for stdin)';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  const args = [...argv];
  let format = 'json';
  const fi = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (fi >= 0) {
    const a = args[fi] as string;
    format = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[fi + 1] ?? '');
    args.splice(fi, a.includes('=') ? 1 : 2);
  }
  if (format !== 'json' && format !== 'text')
    fail(2, `unknown --format "${format}": expected json or text\n${USAGE}`);
  if (args[0] !== 'run' || args.length !== 2) fail(2, USAGE);
  const file = args[1] as string;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    fail(2, `cannot read ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(2, `${file}: not valid JSON: ${(err as Error).message}`);
  }
  const parsed = parseScenario(raw);
  if (!parsed.ok) fail(2, `${file}: invalid scenario: ${formatErrors(parsed.errors)}`);
  const trace = replay(parsed.scenario);
  process.stdout.write(
    format === 'json'
      ? `${JSON.stringify(trace, null, 2)}\n`
      : traceToText(trace, describeConfig(parsed.scenario.config)),
  );
}

main(process.argv.slice(2));

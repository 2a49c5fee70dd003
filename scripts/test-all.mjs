#!/usr/bin/env node
// Runs every check in order and always reports all of them:
//   1. format check (prettier)   2. type-check (tsc -b)   3. lint (oxlint)   4. unused code (knip)
//   5. unit/property tests (vitest)   6. end-to-end tests (Playwright, against the production build)
// then prints, as the very last line, `N passed, N failed[, N skipped]` computed from the
// Vitest and Playwright JSON reports (a failed check counts as one failure).
// Exits non-zero if anything failed or if no test ran at all.
// FOLIOSCOPE_SKIP_E2E=1 skips Playwright for quick local runs (never set it in CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (/** @type {string} */ name) => join(root, 'node_modules', '.bin', name);
const resultsDir = join(root, 'test-results');
const unitReport = join(resultsDir, 'unit.json');
const e2eReport = join(resultsDir, 'e2e.json');
const skipE2e = process.env['FOLIOSCOPE_SKIP_E2E'] === '1';

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */
/** @type {Counts} */
const total = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const summary = [];

/**
 * @param {string} title
 * @param {string} command
 * @param {string[]} args
 * @returns {number} exit status (1 if the process could not be started)
 */
function run(title, command, args) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) console.error(`${title}: could not start ${command}: ${result.error.message}`);
  const status = result.status ?? 1;
  console.log(
    `=== ${title}: ${status === 0 ? 'ok' : `exit ${status}`} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`,
  );
  return status;
}

/**
 * @param {string} file
 * @returns {any} parsed JSON, or undefined if missing/unreadable
 */
function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Adds a stage's counts to the total. A non-zero exit without any counted failure
 * (load error, missing report, web server failure, ...) counts as one failure.
 * @param {string} name
 * @param {number} status
 * @param {Counts | undefined} counts
 */
function record(name, status, counts) {
  const c = counts ?? { passed: 0, failed: 0, skipped: 0 };
  if (status !== 0 && c.failed === 0) c.failed = 1;
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  summary.push(
    `${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${counts ? '' : ' (no report)'}`,
  );
}

/**
 * Vitest's JSON reporter (Jest-compatible shape).
 * @param {any} report
 * @returns {Counts | undefined}
 */
function vitestCounts(report) {
  if (!report || typeof report.numTotalTests !== 'number') return undefined;
  /** @type {any[]} */
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  // A test file that fails to load has no assertion results but is still a failure.
  const brokenFiles = files.filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/**
 * Playwright's JSON reporter.
 * @param {any} report
 * @returns {Counts | undefined}
 */
function playwrightCounts(report) {
  const stats = report?.stats;
  if (!stats || typeof stats.expected !== 'number') return undefined;
  const globalErrors = Array.isArray(report.errors) ? report.errors.length : 0;
  return {
    passed: stats.expected + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (stats.unexpected === 0 ? Math.min(globalErrors, 1) : 0),
    skipped: stats.skipped ?? 0,
  };
}

mkdirSync(resultsDir, { recursive: true });
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

record('format', run('format check (prettier)', bin('prettier'), ['--check', '.']), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
record('typecheck', run('typecheck (tsc -b)', bin('tsc'), ['-b']), { passed: 0, failed: 0, skipped: 0 });
record('lint', run('lint (oxlint)', bin('oxlint'), ['--deny-warnings', 'core', 'app', 'e2e', 'scripts']), {
  passed: 0,
  failed: 0,
  skipped: 0,
});

record('unused code', run('unused files, exports and dependencies (knip)', bin('knip'), []), {
  passed: 0,
  failed: 0,
  skipped: 0,
});

const unitStatus = run('unit and property tests (vitest)', bin('vitest'), [
  'run',
  '--passWithNoTests',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${unitReport}`,
]);
record('vitest', unitStatus, vitestCounts(readJson(unitReport)));

if (skipE2e) {
  console.log('\n=== e2e (playwright): skipped because FOLIOSCOPE_SKIP_E2E=1 ===');
  summary.push('playwright: not run (FOLIOSCOPE_SKIP_E2E=1)');
} else {
  const e2eStatus = run('end-to-end tests (playwright)', bin('playwright'), ['test']);
  record('playwright', e2eStatus, playwrightCounts(readJson(e2eReport)));
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
const ran = total.passed + total.failed + total.skipped;
if (ran === 0) console.log('error: no tests ran');

let finalLine = `${total.passed} passed, ${total.failed} failed`;
if (total.skipped > 0) finalLine += `, ${total.skipped} skipped`;
console.log(finalLine);
process.exitCode = total.failed > 0 || total.passed + total.failed === 0 ? 1 : 0;

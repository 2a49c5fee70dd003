/**
 * Reading a scenario file's bytes, one rule for the runner and the app: UTF-8 only, a
 * leading byte-order mark allowed and ignored, invalid UTF-8 refused (never replaced by
 * U+FFFD), the size limit checked before decoding, then JSON, then the scenario.
 */
import { grouped } from '../units.ts';
import { LIMITS, limitLabel } from './limits.ts';
import { formatErrors, parseScenario } from './parse.ts';
import type { Scenario, ScenarioError } from './types.ts';

export type FileResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** The byte offset of the first invalid UTF-8 sequence (fatal decoding tells only that one exists). */
function firstInvalidByte(b: Uint8Array): number {
  let lo = 0;
  let hi = b.length;
  // Binary search on prefixes: a valid prefix decodes (a character it cuts is only pending in
  // a stream). A decoder each probe: a streaming one keeps the bytes pending from the last.
  const okUpTo = (n: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (okUpTo(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Why a file of `size` bytes is refused before it is read (undefined: within the limit). */
export const fileSizeProblem = (size: number): string | undefined =>
  size > LIMITS.fileBytes
    ? `the file is too large (${grouped(size)} bytes; at most ${grouped(LIMITS.fileBytes)}, ${limitLabel('fileBytes')})`
    : undefined;

/** The text of a scenario file: UTF-8, BOM stripped; or why it is not text. */
export function decodeFileText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  const tooLarge = fileSizeProblem(bytes.length);
  if (tooLarge !== undefined) return { ok: false, error: tooLarge };
  try {
    // ignoreBOM false: a leading U+FEFF (byte-order mark) is dropped, as JSON readers do.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      error: `the file is not valid UTF-8 text (first invalid byte at offset ${grouped(firstInvalidByte(bytes))}); scenario files are UTF-8`,
    };
  }
}

/** A file's bytes to a JSON value (UTF-8 rules above), or why it is not one. */
export function readJsonFile(bytes: Uint8Array): { ok: true; raw: unknown } | { ok: false; error: string } {
  const t = decodeFileText(bytes);
  if (!t.ok) return t;
  try {
    return { ok: true, raw: JSON.parse(t.text) };
  } catch (e) {
    return { ok: false, error: `the file is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** "invalid scenario: steps[3].length: missing (…) (and 2 more)": the first problem, with its path. */
export const invalidMessage = (what: string, errors: readonly ScenarioError[]): string =>
  `invalid ${what}: ${formatErrors(errors.slice(0, 1))}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;

/**
 * A scenario file's bytes to a scenario, or one message saying what is wrong (the first
 * problem with its path; the count of any others).
 * @example readScenarioFile(new TextEncoder().encode(json))
 */
export function readScenarioFile(bytes: Uint8Array): FileResult {
  const j = readJsonFile(bytes);
  if (!j.ok) return j;
  const r = parseScenario(j.raw);
  return r.ok ? r : { ok: false, error: invalidMessage('scenario', r.errors) };
}

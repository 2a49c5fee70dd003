import { branchParts, type BranchPart } from './branchParts.ts';
import { ByteReader, ByteWriter, base64TailProblem, fromBase64Url, toBase64Url } from './bytes.ts';
import { holderOrderProblem, versionProblem } from './canonical.ts';
import { parseBranches, readBranches, writeBranches } from './codecBranches.ts';
import { readHead, readHolders, writeHead, writeHolders } from './codecHead.ts';
import { readSteps, writeStep } from './codecSteps.ts';
import { LIMITS } from './limits.ts';
import { holderTable } from './linkSize.ts';
import { policyV2 } from './policy.ts';
import { formatErrors, parseScenario } from './parse.ts';
import { scenarioToJson } from './serialize.ts';
import type { LinkBranch, Scenario } from './types.ts';

/**
 * The share-link codec: a scenario (format v1, an op log, never a state snapshot) as a short
 * URL-safe string "1.<base64url>". The leading number is the codec version: links made today
 * must decode the same way forever, so version 1 is frozen; a new layout takes version 2.
 *
 * Layout v1 (varints are LEB128): config byte (vm 2 bits, page size 2, mmap, initShared,
 * has title, has description) | size | policy byte | hostHugePages + 1 (0: enough) |
 * title, description | holder table | step count | per step: op index (5 bits) + has-note
 * bit, then its fields in OP_FIELDS order: sizes as 2 x pages when 4K-aligned, else 1 and the
 * byte count; attributes and booleans as one byte (0 absent); holders as table index + 1.
 *
 * Layout v2 (spec v2 knobs) = v1 with one more policy byte right after hostHugePages + 1:
 * bit 0 crossBoundary "split", bit 1 leavesOnSplit "keep", bit 2 tdxRemovalFailure "bug"
 * (other bits 0). The encoder writes v1 whenever the three knobs have their defaults, so
 * every link that v1 could express keeps its exact text; only scenarios using a new knob get
 * "2.". A v1 link decodes with the three defaults, as before they existed.
 *
 * Layout v3 (branches, the lines of the experiment the user left) = v2, its policy byte always
 * present (0 when every v2 knob has its default), the holder table covering the branches'
 * own steps too (order of first use: the line's steps, then each branch's own steps), and
 * after the last step the branch list (codecBranches.ts). Written only when there are
 * branches, so a document without branches keeps its v1 or v2 link character for character.
 */
export const CODEC_VERSION = 3;
/** Version 4 is a race, not a scenario (core/race/linkWrite.ts): decodeRaceLink reads it. */
export const RACE_CODEC_VERSION = 4;
export const MAX_LINK_LENGTH = LIMITS.linkLength;

/**
 * Encodes a valid scenario, and the branches the user left (then in version 3).
 * @example encodeScenario(s) // "1.WICAgIAI…"
 */
export function encodeScenario(s: Scenario, branches: readonly LinkBranch[] = []): string {
  const w = new ByteWriter();
  const version = branches.length > 0 ? 3 : policyV2(s.config.policy) !== 0 ? 2 : 1;
  writeHead(w, s, version >= 2);
  const parts = branchParts(s.steps, branches);
  const holders = holderTable([...s.steps, ...parts.flatMap((b) => b.own)]);
  writeHolders(w, holders);
  w.uint(s.steps.length);
  for (const op of s.steps) writeStep(w, op, holders);
  if (version === 3) writeBranches(w, parts, holders);
  return `${version}.${toBase64Url(w.done())}`;
}

export type DecodeResult =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      /** The lines the user left (version 3 links only; absent when there are none). */
      readonly branches?: readonly LinkBranch[];
    }
  | { readonly ok: false; readonly error: string };

const bad = (error: string): DecodeResult => ({ ok: false, error });

/**
 * Decodes a link made by encodeScenario, by any version of Folioscope. Never throws: a
 * truncated, edited, future or hostile link gives a sentence saying what is wrong.
 * @example decodeScenario(encodeScenario(s)) // { ok: true, scenario: s }
 */
export function decodeScenario(link: string): DecodeResult {
  if (typeof link !== 'string' || link.length === 0) return bad('the link holds no scenario');
  if (link.length > MAX_LINK_LENGTH)
    return bad(`the link is too large (${link.length} characters; at most ${MAX_LINK_LENGTH})`);
  const dot = link.indexOf('.');
  const head = dot < 0 ? '' : link.slice(0, dot);
  if (head === String(RACE_CODEC_VERSION))
    return bad(`the link holds a race (link format ${head}), not a scenario: the race explorer opens it`);
  const versionError = versionProblem(head, CODEC_VERSION);
  if (versionError !== undefined) return bad(versionError);
  const version = Number(head);
  const bytes = fromBase64Url(link.slice(dot + 1));
  if (bytes === undefined)
    return bad('the link contains characters that are not part of a Folioscope link (was it cut or edited?)');
  const read = readAll(new ByteReader(bytes), version);
  if (typeof read === 'string') return bad(read);
  const tail = base64TailProblem(link.slice(dot + 1));
  if (tail !== undefined) return bad(tail);
  const parsed = parseScenario(read.raw);
  if (!parsed.ok) return bad(`the link's scenario is invalid: ${formatErrors(parsed.errors.slice(0, 3))}`);
  if (read.branches.length === 0) return parsed;
  const branches = parseBranches(parsed.scenario, read.branches);
  return typeof branches === 'string' ? bad(branches) : { ...parsed, branches };
}

interface Read {
  readonly raw: Record<string, unknown>;
  readonly branches: readonly BranchPart<Record<string, unknown>>[];
}

function readAll(r: ByteReader, version: number): Read | string {
  const head = readHead(r, version >= 2);
  if (typeof head === 'string') return head;
  // Canonical: the encoder writes version 2 only when a version 2 knob is set (version 3
  // always has the byte: its branches are what makes it version 3).
  if (version === 2 && head.pol2 === 0) return 'the link is written as version 2 but sets no version 2 knob';
  const holders = readHolders(r);
  if (typeof holders === 'string') return holders;
  const steps = readSteps(r, holders, 'step');
  if (typeof steps === 'string') return steps;
  const branches = version >= 3 ? readBranches(r, holders, steps) : [];
  if (typeof branches === 'string') return branches;
  if (!r.atEnd) return 'the link has unexpected data after its last step (was it edited?)';
  const order = holderOrderProblem(holders, [...steps, ...branches.flatMap((b) => b.own)]);
  if (order !== undefined) return order;
  if (head.malformed) return 'the link has a malformed configuration';
  const raw = { format: 'folioscope-scenario', version: 1, ...head.fields, steps };
  return { raw, branches };
}

/** The scenario as JSON text, for files and the runner (same format the runner reads). */
export const scenarioFileText = (s: Scenario): string => `${JSON.stringify(scenarioToJson(s), null, 2)}\n`;

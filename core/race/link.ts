/**
 * Reading a race share link (codec version 4, layout in linkWrite.ts). Never throws: a cut,
 * edited, future or hostile link gives one sentence naming the part that is wrong. What is
 * read is validated by parseRace (the race file's own rules and limits), and then written
 * again: a link is accepted only if that gives it back character for character (one link per
 * race, schedule and cursor), else the message names the first part that differs.
 */
import { grouped } from '../units.ts';
import { ByteReader, base64TailProblem, fromBase64Url } from '../scenario/bytes.ts';
import { versionProblem } from '../scenario/canonical.ts';
import { RACE_CODEC_VERSION } from '../scenario/codec.ts';
import { readHead, readHolders } from '../scenario/codecHead.ts';
import { readSize, readStep, readSteps } from '../scenario/codecSteps.ts';
import { LIMITS, limitLabel } from '../scenario/limits.ts';
import { formatErrors } from '../scenario/parse.ts';
import { parseRace, type RaceScenario } from './format.ts';
import { RACE_KNOB_CHOICES } from './knobs.ts';
import {
  KNOB_NAMES,
  PIN_FOLL,
  PIN_PATHS,
  PIN_WRITE,
  encodeRaceLink,
  raceLinkBytes,
  type RacePart,
} from './linkWrite.ts';

export type RaceLinkResult =
  | {
      readonly ok: true;
      /** The race (without a `schedule` field: the link's schedule is `schedule`). */
      readonly race: RaceScenario;
      readonly schedule: readonly string[];
      /** Micro-steps shown, 0 to schedule.length. */
      readonly cursor: number;
    }
  | { readonly ok: false; readonly error: string };

const bad = (error: string): RaceLinkResult => ({ ok: false, error });

/** The problem of reader `r`, said of a part of the link. */
const inPart = (r: ByteReader, part: RacePart): string | undefined =>
  r.problem === undefined ? undefined : `${r.problem} (in its ${part})`;

function readActor(r: ByteReader, holders: readonly string[], n: number): Record<string, unknown> {
  const flags = r.byte();
  const id = r.text(8);
  const label = (flags & 1) !== 0 ? r.text(LIMITS.textBytes) : undefined;
  const op: Record<string, unknown> =
    (flags & 2) !== 0 ? { op: 'faultConvert', offset: readSize(r) } : readStep(r, holders, `actor ${n}`);
  const extras = {
    path: PIN_PATHS[(flags >> 2) & 3],
    foll: PIN_FOLL[(flags >> 4) & 3],
    write: PIN_WRITE[(flags >> 6) & 3],
  };
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) op[k] = v;
  return { id, ...(label === undefined ? {} : { label }), ...op };
}

function readActors(r: ByteReader, holders: readonly string[]): Record<string, unknown>[] | string {
  const n = r.uint();
  if (n < 1 || n > LIMITS.raceActors)
    return (
      inPart(r, 'actors') ??
      `the link has ${grouped(n)} actors (1 to ${LIMITS.raceActors}, ${limitLabel('raceActors')})`
    );
  const actors: Record<string, unknown>[] = [];
  for (let i = 1; i <= n && r.problem === undefined; i++) actors.push(readActor(r, holders, i));
  return inPart(r, 'actors') ?? actors;
}

function readKnobs(r: ByteReader): Record<string, unknown> | string {
  const n = r.uint();
  if (n > KNOB_NAMES.length)
    return inPart(r, 'knobs') ?? `the link sets ${grouped(n)} knobs (there are ${KNOB_NAMES.length})`;
  const knobs: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const b = r.byte();
    const name = KNOB_NAMES[b >> 2];
    if (name === undefined)
      return inPart(r, 'knobs') ?? `the link sets an unknown race knob (number ${b >> 2})`;
    const value = (RACE_KNOB_CHOICES[name] as readonly unknown[])[b & 3];
    if (value === undefined) return `the link gives the knob ${name} a value it does not have`;
    knobs[name] = value;
  }
  return inPart(r, 'knobs') ?? knobs;
}

function readExplore(r: ByteReader): Record<string, number> | string {
  const flags = r.byte();
  if ((flags & ~3) !== 0)
    return inPart(r, 'exploration bounds') ?? 'the link has malformed exploration bounds';
  const out: Record<string, number> = {};
  if ((flags & 1) !== 0) out['maxStates'] = r.uint();
  if ((flags & 2) !== 0) out['maxViolations'] = r.uint();
  return inPart(r, 'exploration bounds') ?? out;
}

function readSchedule(
  r: ByteReader,
  ids: readonly string[],
): { schedule: string[]; cursor: number } | string {
  const n = r.uint();
  if (n > LIMITS.raceSchedule)
    return (
      inPart(r, 'schedule') ??
      `the link's schedule has ${grouped(n)} micro-steps (at most ${grouped(LIMITS.raceSchedule)}, ${limitLabel('raceSchedule')})`
    );
  const schedule: string[] = [];
  for (let i = 0; i < n; i += 4) {
    const b = r.byte();
    for (let j = 0; j < 4 && i + j < n; j++) {
      const id = ids[(b >> (2 * j)) & 3];
      if (id === undefined)
        return inPart(r, 'schedule') ?? `schedule entry ${i + j + 1} of the link names no actor`;
      schedule.push(id);
    }
  }
  if (r.problem !== undefined) return inPart(r, 'schedule') as string;
  const back = r.uint();
  if (r.problem !== undefined) return inPart(r, 'cursor') as string;
  if (back > n)
    return `the link's cursor stands ${grouped(back)} micro-steps before the end of a schedule of ${grouped(n)}`;
  return { schedule, cursor: n - back };
}

/** The raw race JSON and the schedule the bytes hold; a string says what is wrong. */
function readRace(
  r: ByteReader,
): { raw: Record<string, unknown>; schedule: string[]; cursor: number } | string {
  const head = readHead(r, true);
  if (typeof head === 'string') return `${head} (in its configuration)`;
  if (head.malformed) return 'the link has a malformed configuration';
  const holders = readHolders(r);
  if (typeof holders === 'string') return `${holders} (in its holder table)`;
  const setup = readSteps(r, holders, 'setup step');
  if (typeof setup === 'string') return `${setup} (in its setup steps)`;
  const actors = readActors(r, holders);
  if (typeof actors === 'string') return actors;
  const knobs = readKnobs(r);
  if (typeof knobs === 'string') return knobs;
  const explore = readExplore(r);
  if (typeof explore === 'string') return explore;
  const at = readSchedule(
    r,
    actors.map((a) => a['id'] as string),
  );
  if (typeof at === 'string') return at;
  if (!r.atEnd) return 'the link has unexpected data after its cursor (was it edited?)';
  const raw = { format: 'folioscope-race', version: 1, ...head.fields, setup, actors, knobs, explore };
  return { raw, ...at };
}

/** The first part of the link that is not written as encodeRaceLink writes it, if any. */
function canonicalProblem(link: string, ok: Extract<RaceLinkResult, { ok: true }>): string | undefined {
  const again = encodeRaceLink(ok);
  if (again === link) return undefined;
  let i = 0;
  while (i < link.length && link[i] === again[i]) i++;
  const byte = Math.floor(((i - 2) * 6) / 8);
  const { ends } = raceLinkBytes(ok);
  const part = ends.find(([, end]) => byte < end)?.[0] ?? 'cursor';
  return `the link's ${part} is not written the way Folioscope writes it (was it edited?)`;
}

/**
 * Decodes a link made by encodeRaceLink. Links of versions 1 to 3 hold scenarios, not races:
 * they are refused with a sentence saying so (decodeScenario reads them).
 * @example decodeRaceLink(encodeRaceLink({ race, schedule })) // { ok: true, race, schedule, cursor }
 */
export function decodeRaceLink(link: string): RaceLinkResult {
  if (typeof link !== 'string' || link.length === 0) return bad('the link holds no race');
  if (link.length > LIMITS.linkLength)
    return bad(
      `the link is too large (${grouped(link.length)} characters; at most ${grouped(LIMITS.linkLength)})`,
    );
  const dot = link.indexOf('.');
  const head = dot < 0 ? '' : link.slice(0, dot);
  const versionError = versionProblem(head, RACE_CODEC_VERSION);
  if (versionError !== undefined) return bad(versionError);
  if (Number(head) < RACE_CODEC_VERSION)
    return bad(`the link holds a scenario (link format ${head}), not a race`);
  const bytes = fromBase64Url(link.slice(dot + 1));
  if (bytes === undefined)
    return bad('the link contains characters that are not part of a Folioscope link (was it cut or edited?)');
  const read = readRace(new ByteReader(bytes));
  if (typeof read === 'string') return bad(read);
  const tail = base64TailProblem(link.slice(dot + 1));
  if (tail !== undefined) return bad(tail);
  const parsed = parseRace(read.raw);
  if (!parsed.ok) return bad(`the link's race is invalid: ${formatErrors(parsed.errors.slice(0, 3))}`);
  const ok = { ok: true as const, race: parsed.race, schedule: read.schedule, cursor: read.cursor };
  const problem = canonicalProblem(link, ok);
  return problem === undefined ? ok : bad(problem);
}

/**
 * Writing a race share link (codec version 4, "4.<base64url>"): the race scenario (its v1
 * part, actors, knobs that differ from their defaults, exploration bounds), a schedule and a
 * cursor. Layout after the v1-v3 head (codecHead.ts, second policy byte always present):
 *
 *   holder table (order of first use: setup steps, then actors) | setup step count | steps |
 *   actor count (1-3) | per actor: flags | id | label (if flagged) | op |
 *   knob count | per knob: index << 2 | value index (§6.3 order; only values that differ
 *   from the default, increasing index) | explore flags (bit 0 maxStates, bit 1
 *   maxViolations; each value only when not the default) | schedule length | actor indices,
 *   2 bits each, 4 per byte, first entry in the low bits | steps from the cursor to the end.
 *
 * Actor flags: bit 0 has label, bit 1 faultConvert (the op is then its offset as a size),
 * bits 2-3 pin path (0 absent, auto, fast, slow), bits 4-5 foll (0 absent, pin, get), bits
 * 6-7 write (0 absent, false, true). Any other op is a v1 step (codecSteps.ts).
 */
import type { Op } from '../types.ts';
import { ByteWriter, toBase64Url } from '../scenario/bytes.ts';
import { RACE_CODEC_VERSION } from '../scenario/codec.ts';
import { writeHead, writeHolders } from '../scenario/codecHead.ts';
import { writeSize, writeStep } from '../scenario/codecSteps.ts';
import { LIMITS } from '../scenario/limits.ts';
import { holderTable } from '../scenario/linkSize.ts';
import { DEFAULT_EXPLORE } from './explore.ts';
import { DEFAULT_RACE_KNOBS, RACE_KNOB_CHOICES } from './knobs.ts';
import type { ActorSpec, RaceKnobs, RaceScenario } from './types.ts';

/** What a race link carries: the race, the schedule (actor ids) and where the cursor stands. */
export interface RaceLink {
  /** The race; its own `schedule` field is not written (the link's schedule is `schedule`). */
  readonly race: RaceScenario;
  readonly schedule: readonly string[];
  /** Micro-steps shown, 0 to schedule.length; the whole schedule when absent. */
  readonly cursor?: number;
}

/** The parts of a race link in order, as messages name them. */
export type RacePart =
  | 'configuration'
  | 'holder table'
  | 'setup steps'
  | 'actors'
  | 'knobs'
  | 'exploration bounds'
  | 'schedule'
  | 'cursor';

export const KNOB_NAMES = Object.keys(RACE_KNOB_CHOICES) as (keyof RaceKnobs)[];
export const PIN_PATHS = [undefined, 'auto', 'fast', 'slow'] as const;
export const PIN_FOLL = [undefined, 'pin', 'get'] as const;
export const PIN_WRITE = [undefined, false, true] as const;

/** A knob's default in this race: the table's, except TDX removal failure, which follows the policy. */
export const knobDefault = (race: RaceScenario, k: keyof RaceKnobs): unknown =>
  k === 'tdxRemovalFailure' ? race.setup.config.policy.tdxRemovalFailure : DEFAULT_RACE_KNOBS[k];

const idx = <T>(list: readonly T[], v: T): number => Math.max(0, list.indexOf(v));

function writeActor(w: ByteWriter, a: ActorSpec, holders: readonly string[]): void {
  const op = a.op;
  const pin = op.op === 'pin' ? op : undefined;
  w.byte(
    Number(a.label !== undefined) |
      (Number(op.op === 'faultConvert') << 1) |
      (idx(PIN_PATHS, pin?.path) << 2) |
      (idx(PIN_FOLL, pin?.foll) << 4) |
      (idx(PIN_WRITE, (pin as { write?: boolean } | undefined)?.write) << 6),
  );
  w.text(a.id);
  if (a.label !== undefined) w.text(a.label);
  if (op.op === 'faultConvert') writeSize(w, op.offset);
  else writeStep(w, op, holders);
}

function writeKnobs(w: ByteWriter, race: RaceScenario): void {
  const set = KNOB_NAMES.filter((k) => race.knobs[k] !== knobDefault(race, k));
  w.uint(set.length);
  for (const k of set) {
    const choices = RACE_KNOB_CHOICES[k] as readonly unknown[];
    w.byte((KNOB_NAMES.indexOf(k) << 2) | choices.indexOf(race.knobs[k]));
  }
}

function writeExplore(w: ByteWriter, race: RaceScenario): void {
  const { maxStates, maxViolations } = race.explore;
  const states = maxStates !== DEFAULT_EXPLORE.maxStates;
  const violations = maxViolations !== DEFAULT_EXPLORE.maxViolations;
  w.byte(Number(states) | (Number(violations) << 1));
  if (states) w.uint(maxStates);
  if (violations) w.uint(maxViolations);
}

function writeSchedule(w: ByteWriter, order: readonly string[], schedule: readonly string[]): void {
  w.uint(schedule.length);
  for (let i = 0; i < schedule.length; i += 4) {
    let b = 0;
    for (let j = 0; j < 4 && i + j < schedule.length; j++)
      b |= order.indexOf(schedule[i + j] as string) << (2 * j);
    w.byte(b);
  }
}

/** The link's bytes and where each part ends (for messages about a part that was edited). */
export function raceLinkBytes(link: RaceLink): { bytes: Uint8Array; ends: [RacePart, number][] } {
  const { race, schedule } = link;
  const w = new ByteWriter();
  const ends: [RacePart, number][] = [];
  const mark = (part: RacePart) => ends.push([part, w.size]);
  writeHead(w, race.setup, true);
  mark('configuration');
  const actorOps = race.actors.flatMap((a) => (a.op.op === 'faultConvert' ? [] : [a.op]));
  const holders = holderTable([...race.setup.steps, ...(actorOps as Op[])]);
  writeHolders(w, holders);
  mark('holder table');
  w.uint(race.setup.steps.length);
  for (const op of race.setup.steps) writeStep(w, op, holders);
  mark('setup steps');
  w.uint(race.actors.length);
  for (const a of race.actors) writeActor(w, a, holders);
  mark('actors');
  writeKnobs(w, race);
  mark('knobs');
  writeExplore(w, race);
  mark('exploration bounds');
  writeSchedule(
    w,
    race.actors.map((a) => a.id),
    schedule,
  );
  mark('schedule');
  w.uint(schedule.length - (link.cursor ?? schedule.length));
  mark('cursor');
  return { bytes: w.done(), ends };
}

/**
 * The share link of a race at a schedule and cursor: "4." and base64url. The race must be
 * valid (parseRace), the schedule name its actors, the cursor lie within the schedule.
 * @example encodeRaceLink({ race, schedule: ['C', 'C', 'G'] }) // "4.…"
 */
export const encodeRaceLink = (link: RaceLink): string =>
  `${RACE_CODEC_VERSION}.${toBase64Url(raceLinkBytes(link).bytes)}`;

/**
 * Characters of the race's link with the longest schedule the limits allow (its length in
 * bytes does not depend on the actors named) and the cursor at its start: the parser refuses
 * a race whose link could pass the link-length limit.
 */
export function longestRaceLink(race: RaceScenario): number {
  const schedule = Array.from({ length: LIMITS.raceSchedule }, () => race.actors[0]?.id ?? '');
  return encodeRaceLink({ race, schedule, cursor: 0 }).length;
}

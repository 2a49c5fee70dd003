import type { Op } from '../types.ts';
import { PAGE, grouped } from '../units.ts';
import { showValue as show } from '../scenario/fields.ts';
import { LIMITS, limitLabel, tooDeep, utf8Length } from '../scenario/limits.ts';
import { parseScenario, validateStep } from '../scenario/parse.ts';
import { parseSize } from '../scenario/numbers.ts';
import type { Scenario, ScenarioError } from '../scenario/types.ts';
import { DEFAULT_EXPLORE } from './explore.ts';
import { DEFAULT_RACE_KNOBS, RACE_KNOB_CHOICES } from './knobs.ts';
import { longestRaceLink } from './linkWrite.ts';
import { ACTOR_KINDS } from './programs/index.ts';
import type { ActorOp, ActorSpec, ExploreOptions, RaceKnobs, RaceScenario } from './types.ts';

export type { RaceScenario } from './types.ts';

export type RaceParseResult =
  | { readonly ok: true; readonly race: RaceScenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

const TOP = [
  'format',
  'version',
  'title',
  'description',
  'note',
  'vm',
  'gmem',
  'policy',
  'setup',
  'actors',
  'knobs',
  'schedule',
  'explore',
];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: unknown): boolean => typeof k === 'string' && Object.hasOwn(o, k);

/** The v1 parser's errors, with its "steps" renamed to the race format's "setup". */
function v1Part(raw: Record<string, unknown>): { scenario?: Scenario; errors: ScenarioError[] } {
  const r = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    ...Object.fromEntries(
      ['title', 'description', 'vm', 'gmem', 'policy']
        .filter((k) => raw[k] !== undefined)
        .map((k) => [k, raw[k]]),
    ),
    steps: raw['setup'] ?? [],
  });
  if (r.ok) return { scenario: r.scenario, errors: [] };
  return {
    errors: r.errors.map((e) => ({
      ...e,
      path: e.path.startsWith('steps') ? `setup${e.path.slice(5)}` : e.path,
    })),
  };
}

/** The race limits: at most 64 pages, or 4 huge blocks. */
function fileProblem(s: Scenario): ScenarioError | undefined {
  const { size, pageSize } = s.config;
  if (pageSize > PAGE && size / pageSize > LIMITS.raceBlocks)
    return {
      path: 'gmem.size',
      message: `a race file holds at most ${LIMITS.raceBlocks} huge blocks (${limitLabel('raceBlocks')})`,
    };
  if (pageSize === PAGE && size / PAGE > LIMITS.racePages)
    return {
      path: 'gmem.size',
      message: `a race file holds at most ${LIMITS.racePages} pages (${limitLabel('racePages')})`,
    };
  return undefined;
}

const PIN_EXTRAS: Record<string, readonly string[]> = {
  path: ['auto', 'fast', 'slow'],
  foll: ['pin', 'get'],
};

/** One actor: id, label, and its op (v1 fields, one page; pin adds path, foll and write). */
function parseActor(raw: unknown, path: string, errors: ScenarioError[]): ActorSpec | undefined {
  const add = (p: string, message: string) => (errors.push({ path: p, message }), undefined);
  if (!isObject(raw)) return add(path, `expected an actor object with "id" and "op", got ${show(raw)}`);
  const { id, label, ...rest } = raw;
  const before = errors.length;
  if (typeof id !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,7}$/.test(id))
    add(`${path}.id`, `expected an id of 1-8 letters, digits or _ starting with a letter, got ${show(id)}`);
  if (label !== undefined && (typeof label !== 'string' || utf8Length(label) > LIMITS.textBytes))
    add(`${path}.label`, `expected plain text of at most ${LIMITS.textBytes} bytes, got ${show(label)}`);
  if (!own(ACTOR_KINDS, rest['op']))
    return add(
      `${path}.op`,
      `unknown op for an actor ${show(rest['op'])} (expected one of: ${Object.keys(ACTOR_KINDS).join(', ')})`,
    );
  const extras: Record<string, unknown> = {};
  if (rest['op'] === 'pin')
    for (const k of ['path', 'foll', 'write']) {
      const v = rest[k];
      delete rest[k];
      if (v === undefined) continue;
      const ok = k === 'write' ? typeof v === 'boolean' : (PIN_EXTRAS[k] ?? []).includes(v as string);
      if (ok) extras[k] = v;
      else
        add(
          `${path}.${k}`,
          k === 'write'
            ? `expected true or false, got ${show(v)}`
            : `expected one of ${(PIN_EXTRAS[k] ?? []).map((c) => `"${c}"`).join(', ')}, got ${show(v)}`,
        );
    }
  const op = rest['op'] === 'faultConvert' ? faultConvert(rest, path, add) : v1Op(rest, path, errors);
  if (op === undefined || errors.length > before) return undefined;
  if ('length' in op && op.length !== PAGE)
    return add(
      `${path}.length`,
      `an actor works on one page in v1: expected "4K", got ${show(rest['length'])}`,
    );
  return {
    id: id as string,
    op: { ...op, ...extras } as ActorOp,
    ...(label === undefined ? {} : { label: label as string }),
  };
}

/** The v1 step parser's verdict on the actor's op fields, its paths moved under the actor. */
function v1Op(raw: Record<string, unknown>, path: string, errors: ScenarioError[]): Op | undefined {
  const r = validateStep(raw);
  if (r.ok) return r.op;
  errors.push(...r.errors.map((e) => ({ ...e, path: `${path}${e.path.slice(4)}` })));
  return undefined;
}

function faultConvert(
  raw: Record<string, unknown>,
  path: string,
  add: (p: string, m: string) => undefined,
): ActorOp | undefined {
  for (const k of Object.keys(raw))
    if (k !== 'op' && k !== 'offset')
      return add(`${path}.${k}`, 'unknown field (expected one of: op, offset)');
  const offset = parseSize(raw['offset']);
  return offset === undefined
    ? add(`${path}.offset`, `expected a size in bytes, got ${show(raw['offset'])}`)
    : { op: 'faultConvert', offset };
}

function parseActors(raw: unknown, errors: ScenarioError[]): ActorSpec[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > LIMITS.raceActors) {
    errors.push({
      path: 'actors',
      message: `expected an array of 1 to ${LIMITS.raceActors} actors (${limitLabel('raceActors')}), got ${Array.isArray(raw) ? `${raw.length} actors` : show(raw)}`,
    });
    return [];
  }
  const actors = raw.flatMap((a, i) => parseActor(a, `actors[${i}]`, errors) ?? []);
  actors.forEach((a, i) => {
    if (actors.findIndex((b) => b.id === a.id) !== i)
      errors.push({ path: `actors[${i}].id`, message: `duplicate actor id ${show(a.id)}` });
  });
  return actors;
}

function parseKnobs(raw: unknown, policyTdx: 'ref' | 'bug', errors: ScenarioError[]): RaceKnobs {
  const knobs: Record<string, unknown> = { ...DEFAULT_RACE_KNOBS, tdxRemovalFailure: policyTdx };
  if (raw === undefined) return knobs as unknown as RaceKnobs;
  if (!isObject(raw))
    return (
      errors.push({ path: 'knobs', message: 'expected an object of race knobs' }),
      knobs as unknown as RaceKnobs
    );
  for (const [k, v] of Object.entries(raw)) {
    if (!own(RACE_KNOB_CHOICES, k)) {
      errors.push({
        path: `knobs.${k}`,
        message: `unknown knob (expected one of: ${Object.keys(RACE_KNOB_CHOICES).join(', ')})`,
      });
      continue;
    }
    const choices = RACE_KNOB_CHOICES[k as keyof RaceKnobs] as readonly unknown[];
    if (choices.includes(v)) knobs[k] = v;
    else
      errors.push({
        path: `knobs.${k}`,
        message: `expected one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, got ${show(v)}`,
      });
  }
  return knobs as unknown as RaceKnobs;
}

function parseSchedule(raw: unknown, ids: readonly string[], errors: ScenarioError[]): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw))
    return (
      errors.push({ path: 'schedule', message: `expected an array of actor ids, got ${show(raw)}` }),
      undefined
    );
  if (raw.length > LIMITS.raceSchedule)
    return (
      errors.push({
        path: 'schedule',
        message: `a schedule has at most ${grouped(LIMITS.raceSchedule)} micro-steps (${limitLabel('raceSchedule')}), got ${grouped(raw.length)}`,
      }),
      undefined
    );
  raw.forEach((x, i) => {
    if (!ids.includes(x as string))
      errors.push({
        path: `schedule[${i}]`,
        message: `${show(x)} names no actor (actors: ${ids.join(', ')})`,
      });
  });
  return raw as string[];
}

function parseExplore(raw: unknown, errors: ScenarioError[]): ExploreOptions {
  if (raw === undefined) return DEFAULT_EXPLORE;
  if (!isObject(raw))
    return (
      errors.push({ path: 'explore', message: 'expected an object like { "maxStates": 100000 }' }),
      DEFAULT_EXPLORE
    );
  const out: Record<string, number> = { ...DEFAULT_EXPLORE };
  const limit = { maxStates: 'raceStates', maxViolations: 'raceViolations' } as const;
  for (const [k, v] of Object.entries(raw)) {
    if (!own(limit, k)) {
      errors.push({
        path: `explore.${k}`,
        message: 'unknown field (expected one of: maxStates, maxViolations)',
      });
      continue;
    }
    const max = LIMITS[limit[k as keyof typeof limit]];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= max) out[k] = v;
    else
      errors.push({
        path: `explore.${k}`,
        message: `expected an integer from 1 to ${grouped(max)} (${limitLabel(limit[k as keyof typeof limit])}), got ${show(v)}`,
      });
  }
  return out as unknown as ExploreOptions;
}

/**
 * Validates a race scenario (folioscope-race v1) and normalises it. Every error names its
 * field ("actors[1].op", "knobs.mmuSeqRetry", "schedule[3]"); v1 fields as the v1 parser does.
 */
export function parseRace(raw: unknown): RaceParseResult {
  if (!isObject(raw))
    return { ok: false, errors: [{ path: '', message: 'a race scenario is a JSON object' }] };
  // Depth first: no message below may quote (recurse into) an absurdly nested value.
  const deep = tooDeep(raw);
  if (deep !== undefined)
    return {
      ok: false,
      errors: [
        {
          path: deep,
          message: `values nest more than ${LIMITS.depth} levels deep here (${limitLabel('depth')})`,
        },
      ],
    };
  const errors: ScenarioError[] = [];
  for (const k of Object.keys(raw))
    if (!TOP.includes(k))
      errors.push({ path: k, message: `unknown field (expected one of: ${TOP.join(', ')})` });
  if (raw['format'] !== 'folioscope-race')
    errors.push({ path: 'format', message: `expected "folioscope-race", got ${show(raw['format'])}` });
  if (raw['version'] !== 1)
    errors.push({
      path: 'version',
      message: `expected 1 (this Folioscope reads race format version 1), got ${show(raw['version'])}`,
    });
  const note = raw['note'];
  if (note !== undefined && (typeof note !== 'string' || utf8Length(note) > LIMITS.textBytes))
    errors.push({
      path: 'note',
      message: `expected plain text of at most ${LIMITS.textBytes} UTF-8 bytes (${limitLabel('textBytes')})`,
    });
  const v1 = v1Part(raw);
  errors.push(...v1.errors);
  const file = v1.scenario === undefined ? undefined : fileProblem(v1.scenario);
  if (file !== undefined) errors.push(file);
  const actors = parseActors(raw['actors'], errors);
  const knobs = parseKnobs(raw['knobs'], v1.scenario?.config.policy.tdxRemovalFailure ?? 'ref', errors);
  const schedule = parseSchedule(
    raw['schedule'],
    actors.map((a) => a.id),
    errors,
  );
  const explore = parseExplore(raw['explore'], errors);
  if (errors.length > 0 || v1.scenario === undefined) return { ok: false, errors };
  const title = v1.scenario.title;
  const race = {
    ...(title === undefined ? {} : { title }),
    setup: v1.scenario,
    actors,
    knobs,
    ...(schedule === undefined ? {} : { schedule }),
    explore,
  };
  // What the parser accepts can be shared: its link, with the longest schedule, fits.
  const chars = longestRaceLink(race);
  if (chars > LIMITS.linkLength)
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `the race is too large to share: its link would be up to ${grouped(chars)} characters; at most ${grouped(LIMITS.linkLength)} (${limitLabel('linkLength')})`,
        },
      ],
    };
  return { ok: true, race };
}

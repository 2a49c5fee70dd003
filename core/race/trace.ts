import { toRuns } from '../state/rangeMap.ts';
import { allRefs } from '../state/refIndex.ts';
import type { CoreEvent } from '../types.ts';
import { observe, type Observation } from '../observe.ts';
import { plainObservation } from '../observation.ts';
import { replay, replayStates, type Trace } from '../replay.ts';
import type { RaceScenario } from './format.ts';
import type { RaceViolation } from './invariants.ts';
import { blockedBy, prepareRace, traceStep, type Race } from './session.ts';
import type { ActorResult, World } from './types.ts';
import { whereIs } from './identity.ts';

/** The race part of a step (§6.2): locks, KVM's counters, actors, references and targets. */
export interface RaceView {
  readonly locks: World['locks'];
  readonly kvm: World['kvm'];
  readonly actors: Record<
    string,
    { pc: string; status: 'running' | 'waiting' | 'done'; on?: string; locals: Record<string, unknown> }
  >;
  readonly refs: { holder: string; kind: string; offset: number; orphan: boolean }[];
  readonly targets: {
    entry: 'pte' | 'stage2';
    offset: number;
    length: number;
    folio: number;
    is: 'file' | 'orphan' | 'freed';
  }[];
}

export interface RaceTraceStep {
  index: number;
  actor: string;
  label: string;
  fn: string;
  events: readonly CoreEvent[];
  state: Observation;
  race: RaceView;
  violations: RaceViolation[];
}

export interface RaceTrace {
  format: 'folioscope-race-trace';
  version: 1;
  title?: string;
  create: Trace['create'];
  initial: Observation | null;
  setup: Trace['steps'];
  start: Observation | null;
  steps: RaceTraceStep[];
  results: Record<string, 'ok' | { errno: string; exit?: string; errorOffset?: number } | 'running'>;
  stuck?: { index: number; actor: string; reason: string };
  violations: (RaceViolation & { step: number })[];
}

/** The race ready to run from the setup's final state (null: creation refused). */
export function raceFrom(s: RaceScenario): Race | null {
  const states = replayStates(s.setup);
  const last = states?.states[states.states.length - 1];
  return last === undefined ? null : prepareRace(last, s.actors, s.knobs);
}

export function raceView(r: Race, w: World): RaceView {
  const actors: RaceView['actors'] = {};
  for (const id of r.order) {
    const a = w.actors[id];
    if (a === undefined) continue;
    const b = blockedBy(r, w, id);
    const { err, ...locals } = a.locals;
    actors[id] = {
      pc: a.pc,
      status: a.status === 'done' ? 'done' : b === undefined ? 'running' : 'waiting',
      ...(b !== undefined && b !== 'done' ? { on: b.on } : {}),
      locals: { ...locals, ...(err === undefined ? {} : { err: err.errno }) },
    };
  }
  const refs = allRefs(w.g.refs).map((x) => ({
    holder: x.holder,
    kind: x.kind,
    offset: x.start,
    orphan: x.orphan !== null,
  }));
  const targets = (['pte', 'stage2'] as const).flatMap((entry) =>
    toRuns(entry === 'pte' ? w.pteIds : w.s2Ids).map((t) => ({
      entry,
      offset: t.start,
      length: t.end - t.start,
      folio: t.value,
      is: whereIs(w, t.value),
    })),
  );
  return { locks: w.locks, kvm: w.kvm, actors, refs, targets };
}

const resultJson = (r: ActorResult | undefined): RaceTrace['results'][string] =>
  r === undefined
    ? 'running'
    : r.ok
      ? 'ok'
      : {
          errno: r.errno ?? '',
          ...(r.exit === undefined ? {} : { exit: r.exit }),
          ...(r.errorOffset === undefined ? {} : { errorOffset: r.errorOffset }),
        };

/**
 * Replays a fixed schedule (§6.2, folioscope-race-trace v1). A schedule entry whose actor is
 * waiting or done stops the trace there with `stuck`; a schedule may stop early.
 */
export function raceTrace(s: RaceScenario, schedule: readonly string[] = s.schedule ?? []): RaceTrace {
  const v1 = replay(s.setup);
  const r = raceFrom(s);
  const head = {
    format: 'folioscope-race-trace',
    version: 1,
    ...(s.title === undefined ? {} : { title: s.title }),
    create: v1.create,
    initial: v1.initial,
    setup: v1.steps,
  } as const;
  if (r === null) return { ...head, start: null, steps: [], results: {}, violations: [] };
  let w = r.start;
  const steps: RaceTraceStep[] = [];
  const violations: RaceTrace['violations'] = [];
  let stuck: RaceTrace['stuck'];
  for (const [index, actor] of schedule.entries()) {
    const b = blockedBy(r, w, actor);
    if (b !== undefined) {
      stuck = {
        index,
        actor,
        reason:
          b === 'done' ? `${actor} is done` : `${actor} waits at ${w.actors[actor]?.pc ?? ''} for ${b.on}`,
      };
      break;
    }
    const o = traceStep(r, w, actor);
    const seen = new Set(steps[steps.length - 1]?.violations.map((v) => v.message) ?? []);
    for (const v of o.violations) if (!seen.has(v.message)) violations.push({ ...v, step: index });
    w = o.world;
    steps.push({
      index,
      actor,
      label: o.label,
      fn: o.fn,
      events: o.events,
      state: plainObservation(observe(w.g)),
      race: raceView(r, w),
      violations: o.violations,
    });
  }
  const results = Object.fromEntries(r.order.map((id) => [id, resultJson(w.actors[id]?.result)]));
  return {
    ...head,
    start: plainObservation(observe(r.start.g)),
    steps,
    results,
    ...(stuck === undefined ? {} : { stuck }),
    violations,
  };
}

/** Helpers for the tour tests: run a tour, look into a step's observation. */
import {
  formatErrors,
  parseScenario,
  replay,
  type FolioRun,
  type Observation,
  type Trace,
  type TraceStep,
} from '../index.ts';
import type { Tour } from './types.ts';

/** Parses (a rejected tour throws) and replays a tour's scenario. */
export function runTour(t: Tour): Trace {
  const parsed = parseScenario(t.scenario);
  if (!parsed.ok) throw new Error(`tour ${t.name} does not parse: ${formatErrors(parsed.errors)}`);
  return replay(parsed.scenario);
}

export function stepOf(t: Trace, i: number): TraceStep {
  const s = t.steps[i];
  if (s === undefined) throw new Error(`the trace has no step ${i}`);
  return s;
}

const inRun = (x: number, offset: number, length: number): boolean => offset <= x && x < offset + length;

/** The folio run holding `x` (size, counts), if memory is there. */
export const folioAt = (o: Observation, x: number): FolioRun | undefined =>
  o.folios.find((f) => inRun(x, f.offset, f.size * f.count));

/** The stage-2 leaf mapping `x`: its kind and level. */
export const leafAt = (o: Observation, x: number) =>
  o.guestMappings.find((g) => inRun(x, g.offset, g.length));

export const contentAt = (o: Observation, x: number): string | undefined =>
  o.contents.find((c) => inRun(x, c.offset, c.length))?.content;

export const attrAt = (o: Observation, x: number): string | undefined =>
  o.shareability.find((r) => inRun(x, r.offset, r.length))?.state;

export const ptesAt = (o: Observation, x: number): boolean =>
  o.hostMappings.some((h) => inRun(x, h.offset, h.length));

/** Folios as [offset, size, count] triples. */
export const shape = (o: Observation): [number, number, number][] =>
  o.folios.map((f) => [f.offset, f.size, f.count]);

/** Whether a step emitted an event of `type` (and `fn`, when given). */
export const emitted = (s: TraceStep, type: string, fn?: string): boolean =>
  s.events.some((e) => e.type === type && (fn === undefined || e.fn === fn));

/** "ok", or the errno (with the exit, if any) of a refused step. */
export const outcome = (s: TraceStep): string =>
  s.ok ? 'ok' : `${s.errno ?? '?'}${s.exit === undefined ? '' : ` ${s.exit}`}`;

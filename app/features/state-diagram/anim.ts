/**
 * The step on screen, on the diagram: a pure function of the frame (step, progress) and the
 * step's own answer, so scrubbing, stepping back and the instant clock all draw the same.
 */
import type { Machine, Op } from '../../../core/index.ts';
import { PAGE } from '../../../core/index.ts';
import { phase, PHASES, type Frame } from '../../animation/frame.ts';
import type { Selection } from '../../store/store.ts';
import type { Layout } from './elkGraph.ts';
import { bounce, pointAlong } from './geometry.ts';
import type { DiagramAnim } from './MachineDiagram.tsx';
import { stateOf, type Outcome } from './outcomes.ts';

/** Whether the step's op reached the selection (close and the like reach every page). */
export function touches(op: Op | undefined, sel: Selection): boolean {
  if (op === undefined) return false;
  if (!('offset' in op)) return true;
  const len = 'length' in op ? op.length : 'size' in op ? op.size : PAGE;
  return op.offset <= sel.start && sel.start < op.offset + len;
}

/** The step on screen, on this diagram: the token's route and place, the state lighting up. */
export function animOf(
  f: Frame,
  op: Op | undefined,
  m: Machine<string>,
  sel: Selection | null,
  layout: Layout | undefined,
  outcomes: ReadonlyMap<string, Outcome>,
): DiagramAnim {
  if (sel === null || f.prev === undefined || f.next === undefined || !touches(op, sel)) return { light: 0 };
  const from = stateOf(m.id, f.prev, sel.start);
  const to = stateOf(m.id, f.next, sel.start);
  const refusal = f.outcome?.refusal;
  if (refusal !== undefined && op !== undefined) {
    const key = `${op.op}:${op.op === 'convert' ? op.to : ''}`;
    if (outcomes.get(key)?.kind !== 'refused') return { light: 0 };
    const route = layout?.routes.find((r) => r.to === `badge:${key}`);
    const k = phase(f.t, [0.1, 0.9]);
    if (f.t >= 1 || route === undefined) return { light: 0, hit: key };
    return {
      light: 0,
      route: route.key,
      token: pointAlong(route.points, 0.85 * bounce(k)),
      errno: refusal.errno,
    };
  }
  if (from === undefined || to === undefined || from === to) return { light: 0 };
  const light = phase(f.t, PHASES.light);
  const route = layout?.routes.find((r) => r.from === from && r.to === to);
  const k = phase(f.t, PHASES.edges);
  if (route === undefined || k <= 0 || k >= 1) return { lit: to, light };
  return { route: route.key, token: pointAlong(route.points, k), lit: to, light };
}

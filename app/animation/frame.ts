/**
 * What to draw at (step, progress), derived from the step's events: pure functions only.
 * A step plays in phases: the kernel functions it called tick by one after another, the
 * diagram edges it took are drawn, the shapes that changed morph, the new states light up.
 */
import { easeCubicInOut } from 'd3';
import type { CoreEvent, GmemState } from '../../core/index.ts';
import type { Replay, StepOutcome } from '../store/replayCache.ts';
import type { AnimState } from './animator.ts';

export interface Frame {
  readonly step: number;
  /** Progress through the step, 0..1 (1: settled on the state after it). */
  readonly t: number;
  /** The state before the step (undefined at step 0: nothing to morph from). */
  readonly prev: GmemState | undefined;
  readonly next: GmemState | undefined;
  readonly outcome: StepOutcome | undefined;
  /**
   * The state whose boundaries the scale holds besides next's: prev while the step plays and
   * once it has played forward (AnimState.played); undefined when the picture landed here (a
   * jump, a seek): then the scale is next's alone, and the state before is not looked at.
   */
  readonly held: GmemState | undefined;
}

/** The frame for the animation state over the current line (steps beyond it clamp). */
export function frameOf(replay: Replay, anim: AnimState): Frame {
  const last = Math.max(0, replay.states.length - 1);
  const step = Math.min(anim.step, last);
  const t = anim.step > last ? 1 : anim.progress;
  const prev = step > 0 ? replay.states.at(step - 1) : undefined;
  return {
    step,
    t,
    prev,
    next: replay.states.at(step),
    outcome: step > 0 ? replay.results[step - 1] : undefined,
    held: t < 1 || anim.played ? prev : undefined,
  };
}

type Window = readonly [number, number];

/** Phase windows inside a step, as fractions of its progress. */
export const PHASES = {
  events: [0, 0.9] as Window,
  edges: [0.1, 0.65] as Window,
  shapes: [0.15, 0.9] as Window,
  light: [0.55, 1] as Window,
} as const;

/** Eased progress through a phase window: 0 before it, 1 after it. */
export function phase(t: number, [a, b]: Window): number {
  if (t <= a) return 0;
  if (t >= b) return 1;
  return easeCubicInOut((t - a) / (b - a));
}

/** The event being played at t, or -1 once all are done (and at t = 1). */
export function eventAt(events: readonly CoreEvent[], t: number): number {
  if (t >= 1 || events.length === 0) return -1;
  const [a, b] = PHASES.events;
  return Math.min(events.length - 1, Math.max(0, Math.floor(((t - a) / (b - a)) * events.length)));
}

/** Diagram edge ids the step took (its transitions) and the states it reached. */
export function transitionsOf(outcome: StepOutcome | undefined): {
  edges: Set<string>;
  reached: Set<string>;
} {
  const edges = new Set<string>();
  const reached = new Set<string>();
  for (const e of outcome?.transitions ?? []) {
    edges.add(e.edge);
    reached.add(`${e.machine}:${e.to}`);
  }
  return { edges, reached };
}

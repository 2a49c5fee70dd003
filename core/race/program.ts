import type { CoreEvent, GmemConfig, Refusal } from '../types.ts';
import { newTx, type Tx } from '../state/tx.ts';
import type { ActorResult, ActorSpec, ActorState, Locals, RaceKnobs, Wait, World } from './types.ts';
import { withLocals } from './locals.ts';

/** What a step's body works on: the world (with the core state inside `tx`) and its actor. */
export interface Ctx {
  w: World;
  readonly tx: Tx;
  readonly id: string;
  locals: Locals;
  /** The actor's core events before this step (some helpers read what the op did so far). */
  readonly past: readonly CoreEvent[];
  /** Race-only events of this step (lock, unlock, wait, recheck, retry, spin). */
  readonly race: CoreEvent[];
}

/** Where the actor goes after a step: the next label in order, a jump, or the end. */
export type Next = undefined | { readonly goto: string } | { readonly end: true };

/** One micro-step: a stable label, the kernel function it models, its guard and its body. */
export interface Step {
  readonly label: string;
  readonly fn: string;
  /** Why the step cannot run now (a lock held by another actor, a spin); undefined: enabled. */
  readonly guard?: (w: World, id: string, locals: Locals) => Wait | undefined;
  readonly run: (c: Ctx) => Next;
}

export type Program = readonly Step[];

/** What a program builder gets: the actor, the knobs and the file's configuration. */
export interface Build {
  readonly actor: ActorSpec;
  readonly knobs: RaceKnobs;
  readonly config: GmemConfig;
}

export const goto = (label: string): Next => ({ goto: label });
export const END: Next = { end: true };

/** Records a refusal; the actor continues to its error path (unlock) and ends with it. */
export function fail(c: Ctx, err: Refusal): void {
  c.locals = withLocals(c.locals, { err });
}

/** Records a refusal and jumps to the error path at `label` (the unlock). */
export function failTo(c: Ctx, err: Refusal, label: string): Next {
  fail(c, err);
  return goto(label);
}

/** The result of running one step of actor `id`. */
export interface StepOutcome {
  readonly world: World;
  readonly label: string;
  readonly fn: string;
  /** Core events then race-only events of this step. */
  readonly events: readonly CoreEvent[];
}

/** The index of the step after step `i` given where it said to go; -1 at the end. */
export function nextIndex(program: Program, i: number, next: Next): number {
  if (next === undefined) return i + 1 < program.length ? i + 1 : -1;
  if (!('goto' in next)) return -1;
  // A plain loop: a findIndex callback would be a closure per jump (apply runs many).
  for (let j = 0; j < program.length; j++) if ((program[j] as Step).label === next.goto) return j;
  throw new Error(`no step ${next.goto} in this program`);
}

/** Runs the actor's next step; the caller checked that it is enabled. */
export function runStep(program: Program, w: World, id: string): StepOutcome {
  const a = w.actors[id] as ActorState;
  const i = program.findIndex((s) => s.label === a.pc);
  const step = program[i] as Step;
  const c: Ctx = { w, tx: newTx(w.g), id, locals: a.locals, race: [], past: a.events };
  const j = nextIndex(program, i, step.run(c));
  const done = j < 0;
  const pc = done ? '' : (program[j] as Step).label;
  // A refusal without side effects reports no events, as apply's refused() does.
  const events =
    done && c.locals.err !== undefined && c.locals.sideEffects !== true ? [] : [...a.events, ...c.tx.ev];
  const actor: ActorState = {
    pc: done ? '' : pc,
    status: done ? 'done' : 'running',
    locals: c.locals,
    events,
    ...(done ? { result: resultOf(c.locals) } : {}),
  };
  return {
    world: { ...c.w, g: c.tx.s, actors: { ...c.w.actors, [id]: actor } },
    label: step.label,
    fn: step.fn,
    events: [...c.tx.ev, ...c.race],
  };
}

/** The actor's answer from its locals at the end. */
export function resultOf(l: Locals): ActorResult {
  const r = l.err;
  if (r === undefined) return { ok: true };
  return {
    ok: false,
    errno: r.errno,
    refusal: r,
    ...(r.exit === undefined ? {} : { exit: r.exit }),
    ...(r.errorOffset === undefined ? {} : { errorOffset: r.errorOffset }),
  };
}

/** Why actor `id` cannot move (undefined: it can). */
export function waitOf(program: Program, w: World, id: string): Wait | undefined {
  const a = w.actors[id] as ActorState;
  const step = program.find((s) => s.label === a.pc);
  return step?.guard?.(w, id, a.locals);
}

/**
 * A replayed step's outcome whose diagram transitions are computed when first read: its
 * events and refusal are known from the replay, its transitions come from applying the step
 * again to the state before it (apply is pure: the same result, now with its transitions).
 * Readers see a StepOutcome like any other.
 */
import { apply } from '../../core/index.ts';
import type { GmemState, Op, OpResult, Refusal, StepOutcome, Transition } from '../../core/index.ts';

/** The line a replay is building: its states are set once the replay ends. */
export interface LineRef {
  states: { at(i: number): GmemState | undefined } | undefined;
  readonly ops: readonly Op[];
}

class LazyOutcome implements StepOutcome {
  readonly events: OpResult['events'];
  // Declared only: set in the constructor when the step was refused (no key at all otherwise).
  declare readonly refusal?: Refusal;
  // Private (#): the own fields are those of any StepOutcome, so a copy, a comparison or a
  // JSON text of an outcome never walks into the line it holds.
  #line: LineRef | undefined;
  readonly #index: number;
  #computed: readonly Transition[] | undefined;

  constructor(r: OpResult, line: LineRef, index: number) {
    this.events = r.events;
    if (r.refusal !== undefined) this.refusal = r.refusal;
    this.#line = line;
    this.#index = index;
  }

  get transitions(): readonly Transition[] {
    if (this.#computed === undefined) {
      const before = this.#line?.states?.at(this.#index);
      const op = this.#line?.ops[this.#index];
      // Read before the replay has ended (it never is: the line is whole before anyone sees it).
      if (before === undefined || op === undefined)
        throw new Error('lazyOutcome: the line is not replayed yet');
      this.#computed = apply(before, op).transitions;
      this.#line = undefined;
    }
    return this.#computed;
  }

  /** As JSON, the outcome an eager replay gives (the transitions are a getter, not a field). */
  toJSON(): StepOutcome {
    const { events, transitions, refusal } = this;
    return refusal === undefined ? { events, transitions } : { events, transitions, refusal };
  }
}

/** The outcome of step `index` of `line` (`r`: what the step did), its transitions computed on first read. */
export const lazyOutcome = (r: OpResult, line: LineRef, index: number): StepOutcome =>
  new LazyOutcome(r, line, index);

import type { GmemState, Refusal, StepResult } from '../types.ts';
import type { Tx } from '../state/tx.ts';

/** The op went through: the draft's state and events. */
export const done = (tx: Tx): StepResult => ({ state: tx.s, events: tx.ev });

/** The kernel refuses: the state is returned untouched, no event happened. */
export const refused = (s: GmemState, refusal: Refusal): StepResult => ({ state: s, events: [], refusal });

/**
 * The kernel refuses after doing part of the work (semantics.md, "Refused operations can have
 * side effects"): the state the kernel leaves, the events of what was done, and the refusal.
 */
export const refusedAfter = (tx: Tx, refusal: Refusal): StepResult => ({
  state: tx.s,
  events: tx.ev,
  refusal,
});

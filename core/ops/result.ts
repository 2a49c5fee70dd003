import type { GmemState, OpResult, Refusal } from '../types.ts';
import type { Tx } from '../state/tx.ts';

/** The op went through: the draft's state, events and touched ranges. */
export const done = (tx: Tx): OpResult => ({ state: tx.s, events: tx.ev, touched: tx.touched });

/** The kernel refuses: the state is returned untouched, no event happened. */
export const refused = (s: GmemState, refusal: Refusal): OpResult => ({
  state: s,
  events: [],
  touched: [],
  refusal,
});

/**
 * The kernel refuses after doing part of the work (semantics.md, "Refused operations can have
 * side effects"): the state the kernel leaves, the events of what was done, and the refusal.
 */
export const refusedAfter = (tx: Tx, refusal: Refusal): OpResult => ({
  state: tx.s,
  events: tx.ev,
  touched: tx.touched,
  refusal,
});

import type { CoreEvent, GmemState, Refusal } from '../types.ts';

/**
 * The draft an operation builds: the state so far and the events so far. Operations are
 * pure from the outside: they copy the input into a Tx, replace `s` with new immutable
 * states, and either return the Tx or a Refusal (the input state is then returned as is).
 */
export interface Tx {
  s: GmemState;
  readonly ev: CoreEvent[];
}

export const newTx = (s: GmemState): Tx => ({ s, ev: [] });

export function emit(tx: Tx, e: CoreEvent): void {
  tx.ev.push(e);
}

/** Builds a refusal; `fn` is the kernel function that answers with the errno. */
export function refuse(
  errno: string,
  rule: string,
  fn: string,
  reason: string,
  extra?: Partial<Refusal>,
): Refusal {
  return { errno, rule, fn, reason, ...extra };
}

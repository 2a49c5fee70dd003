import type { CoreEvent, GmemState, Refusal } from '../types.ts';
import { assign, type RangeMap } from './rangeMap.ts';

/**
 * The draft an operation builds: the state so far, the events so far and the file ranges it
 * wrote. Operations are pure from the outside: they copy the input into a Tx, replace `s`
 * with new immutable states, and either return the Tx or a Refusal (the input state is then
 * returned as is). `touched` is what the diagram transitions are computed from
 * (transitions.ts): only there can a page have changed state, so no step diffs whole maps.
 */
export interface Tx {
  s: GmemState;
  readonly ev: CoreEvent[];
  readonly touched: [number, number][];
}

export const newTx = (s: GmemState): Tx => ({ s, ev: [], touched: [] });

export function emit(tx: Tx, e: CoreEvent): void {
  tx.ev.push(e);
}

/** Records that [start, end) of the file was written (a reference there counts for its folio). */
export function touch(tx: Tx, start: number, end: number): void {
  if (start < end) tx.touched.push([start, end]);
}

/** The range maps of a state, by field name. */
type MapField = {
  [K in keyof GmemState]: GmemState[K] extends RangeMap<unknown> ? K : never;
}[keyof GmemState];
type ValueOf<K extends MapField> = GmemState[K] extends RangeMap<infer V> ? V : never;

/** Sets [start, end) of one range map of the draft (undefined clears it) and records it as touched. */
export function write<K extends MapField>(
  tx: Tx,
  field: K,
  start: number,
  end: number,
  value: ValueOf<K> | undefined,
): void {
  const next = copyState(tx.s);
  (next as Record<MapField, RangeMap<unknown>>)[field] = assign(
    tx.s[field] as RangeMap<ValueOf<K>>,
    start,
    end,
    value,
  );
  tx.s = next;
  touch(tx, start, end);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of a state to change a field or two of: an object literal of the one shape every
 * state has (create.ts builds them in this order). V8 builds it several times faster than a
 * spread of the fifteen fields, and an op copies its draft at every write.
 */
export function copyState(s: GmemState): Mutable<GmemState> {
  return {
    config: s.config,
    open: s.open,
    evicted: s.evicted,
    attrs: s.attrs,
    folios: s.folios,
    vmas: s.vmas,
    ptes: s.ptes,
    stage2: s.stage2,
    refs: s.refs,
    orphans: s.orphans,
    poisoned: s.poisoned,
    contents: s.contents,
    removalFailure: s.removalFailure,
    vmDead: s.vmDead,
    nextId: s.nextId,
  };
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

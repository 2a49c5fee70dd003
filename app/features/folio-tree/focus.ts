/**
 * What the focus-and-context scale keeps visible: the boundaries of every run the core reports
 * (folio runs with their counts, page states, blocks, mappings, references, orphans), the
 * selection and the range the last step touched. Runs only: a 1 TiB file costs a few cuts.
 */
import { PAGE, allRefs, stepEvents, toRuns } from '../../../core/index.ts';
import type { GmemState, StepOutcome } from '../../../core/index.ts';
import { blockRuns, observation, pageRuns } from '../../store/selectors.ts';

const cache = new WeakMap<GmemState, number[]>();

/** Run boundaries of one state (memoised: states are immutable). */
export function stateCuts(s: GmemState): number[] {
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const obs = observation(s);
  const out: number[] = [];
  const add = (a: number, b: number): void => void out.push(a, b);
  for (const f of obs.folios) add(f.offset, f.offset + f.count * f.size);
  for (const r of pageRuns(s)) add(r.start, r.end);
  for (const r of blockRuns(s)) add(r.start, r.end);
  for (const m of obs.guestMappings) add(m.offset, m.offset + m.length);
  for (const m of obs.hostMappings) add(m.offset, m.offset + m.length);
  for (const m of obs.vmas) add(m.offset, m.offset + m.length);
  for (const r of allRefs(s.refs)) add(r.start, r.end);
  for (const o of s.orphans) {
    add(o.start, o.end);
    for (const r of toRuns(o.folios)) add(r.start, r.end);
  }
  cache.set(s, out);
  return out;
}

/** The byte range a step's events and transitions name (the kernel functions it called), or null. */
export function touchedRange(outcome: StepOutcome | undefined): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const e of stepEvents(outcome)) {
    if (e.offset === undefined) continue;
    start = Math.min(start, e.offset);
    end = Math.max(end, e.offset + (e.length ?? PAGE));
  }
  return end > start ? { start, end } : null;
}

/** Every cut for a frame: both states of the step (the scale holds still while it plays) and the focus ranges. */
export function frameCuts(
  prev: GmemState | undefined,
  next: GmemState | undefined,
  focus: readonly ({ start: number; end: number } | null)[],
): number[] {
  const out = [...(next === undefined ? [] : stateCuts(next))];
  if (prev !== undefined && prev !== next) out.push(...stateCuts(prev));
  for (const f of focus) if (f !== null) out.push(f.start, f.end);
  return out;
}

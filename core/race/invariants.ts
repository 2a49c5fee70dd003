import { PAGE, hex } from '../units.ts';
import { checkInvariants } from '../invariants.ts';
import { anyIn, slice, toRuns, valueAt } from '../state/rangeMap.ts';
import { allRefs } from '../state/refIndex.ts';
import { whereIs } from './identity.ts';
import { exclusiveHolder } from './locks.ts';
import type { World } from './types.ts';

/** A broken invariant in race mode: semantics.md's number (with its race refinement) or R1. */
export interface RaceViolation {
  readonly invariant: string;
  readonly message: string;
}

/** 1′: a committed FOLL_GET reference counts like a pin (a speculative grab does not). */
function gupGetOnPrivate(w: World): RaceViolation[] {
  return allRefs(w.g.refs)
    .filter(
      (r) =>
        r.orphan === null &&
        r.holder.startsWith('foll_get:') &&
        anyIn(w.g.attrs, r.start, r.end, (a) => a === 'private'),
    )
    .map((r) => ({
      invariant: '1',
      message: `FOLL_GET reference by ${r.holder.slice(9)} on private page ${hex(r.start)}`,
    }));
}

/** 6′: every PTE and stage-2 entry maps the folio that is in the page cache at its offset now. */
function staleTargets(w: World): RaceViolation[] {
  const out: RaceViolation[] = [];
  for (const [which, ids] of [
    ['PTE', w.pteIds],
    ['stage-2 entry', w.s2Ids],
  ] as const)
    for (const r of toRuns(ids))
      for (const m of slice(w.mem, r.start, r.end).length === 0
        ? [{ start: r.start, value: undefined }]
        : slice(w.mem, r.start, r.end))
        if (m.value !== r.value)
          out.push({
            invariant: '6',
            message: `a ${which} at ${hex(m.start)} maps folio #${r.value}, which is ${whereIs(w, r.value) === 'orphan' ? 'an orphan' : 'freed'}`,
          });
  return out;
}

/** R1: memory the TDX module still maps is never host-mapped, GUP-referenced or freed [S004]. */
function septReused(w: World): RaceViolation[] {
  const out: RaceViolation[] = [];
  for (const r of toRuns(w.sept))
    for (let p = r.start; p < r.end; p += PAGE) {
      const gup = allRefs(w.g.refs).some(
        (x) => x.start <= p && x.end > p && (x.kind === 'pin' || x.holder.startsWith('foll_get:')),
      );
      const freed =
        valueAt(w.g.folios, p) === undefined && !w.g.orphans.some((o) => o.start <= p && o.end > p);
      const what =
        valueAt(w.g.ptes, p) !== undefined
          ? 'host-mapped'
          : gup
            ? 'GUP-referenced'
            : freed
              ? 'freed'
              : undefined;
      if (what !== undefined)
        out.push({
          invariant: 'R1',
          message: `page ${hex(p)} is still mapped by the TDX module after a failed removal, and ${what}`,
        });
    }
  return out;
}

/**
 * Invariants after a micro-step (§1.6): semantics.md 1–9 with 1′ and 6′, and R1. The
 * structural ones (3, 4, 8) are skipped while an actor holds invalidate_lock exclusively.
 */
export function raceViolations(w: World): RaceViolation[] {
  const skip = exclusiveHolder(w) === undefined ? [] : [3, 4, 8];
  const core = checkInvariants(w.g)
    .filter((v) => !skip.includes(v.rule))
    .map((v) => ({ invariant: String(v.rule), message: v.message }));
  return [...core, ...gupGetOnPrivate(w), ...staleTargets(w), ...septReused(w)];
}

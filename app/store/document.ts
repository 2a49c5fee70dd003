import type { LinkBranch, Op, Scenario } from '../../core/index.ts';

/**
 * A future that was replaced: when the user acts after stepping back, the steps they would
 * have lost are kept here, whole, so the old line of the experiment stays reachable.
 */
export interface Branch {
  readonly id: number;
  /** Every step of the old line (its shared prefix included). */
  readonly steps: readonly Op[];
  /** Where it parted from the line that replaced it. */
  readonly forkAt: number;
}

/** The document: the op log is the truth, everything on screen is replayed from it. */
export interface SimDocument {
  readonly scenario: Scenario;
  /** Number of steps applied: 0 shows the state right after creation. */
  readonly cursor: number;
  readonly branches: readonly Branch[];
  readonly nextBranchId: number;
}

/** A document opened on `scenario`, with the branches a link or the autosave carried (numbered from 1). */
export const newDocument = (scenario: Scenario, branches: readonly LinkBranch[] = []): SimDocument => ({
  scenario,
  cursor: scenario.steps.length,
  branches: branches.map((b, i) => ({ id: i + 1, steps: b.steps, forkAt: b.forkAt })),
  nextBranchId: branches.length + 1,
});

const withSteps = (doc: SimDocument, steps: readonly Op[]): Scenario => ({ ...doc.scenario, steps });

/**
 * Appends `op` at the cursor. Steps after the cursor are not thrown away: they become a
 * branch (unless the new op repeats the next step, in which case that step is simply
 * re-entered and the future kept).
 */
export function appendOp(doc: SimDocument, op: Op): SimDocument {
  const steps = doc.scenario.steps;
  const c = doc.cursor;
  if (c === steps.length) return { ...doc, scenario: withSteps(doc, [...steps, op]), cursor: c + 1 };
  if (JSON.stringify(steps[c]) === JSON.stringify(op)) return { ...doc, cursor: c + 1 };
  const branch: Branch = { id: doc.nextBranchId, steps, forkAt: c };
  return {
    scenario: withSteps(doc, [...steps.slice(0, c), op]),
    cursor: c + 1,
    branches: [...doc.branches, branch],
    nextBranchId: doc.nextBranchId + 1,
  };
}

/** Moves the cursor, clamped to [0, steps]. */
export function moveTo(doc: SimDocument, i: number): SimDocument {
  const cursor = Math.max(0, Math.min(doc.scenario.steps.length, Math.trunc(i)));
  return cursor === doc.cursor ? doc : { ...doc, cursor };
}

/**
 * Makes branch `id` the current line; the current line becomes a branch in its place, so
 * switching twice comes back. The cursor goes to the fork point (the first differing step).
 */
export function switchBranch(doc: SimDocument, id: number): SimDocument {
  const b = doc.branches.find((x) => x.id === id);
  if (b === undefined) return doc;
  const swapped: Branch = { id: b.id, steps: doc.scenario.steps, forkAt: b.forkAt };
  return {
    ...doc,
    scenario: withSteps(doc, b.steps),
    cursor: Math.min(b.forkAt, b.steps.length),
    branches: doc.branches.map((x) => (x.id === id ? swapped : x)),
  };
}

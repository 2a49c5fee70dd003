/**
 * How a branch is stored in a version 3 link: the longest prefix it shares with the open line
 * (by what the codec writes), then its own steps. Shared by the codec and linkSize.ts.
 */
import type { Op } from '../types.ts';
import { stepKey } from './codecSteps.ts';
import type { LinkBranch } from './types.ts';

/** A branch as the link writes it: the length of the prefix it shares with the line, then its own steps. */
export interface BranchPart<S> {
  readonly forkAt: number;
  readonly shared: number;
  readonly own: readonly S[];
}

/** The longest prefix `steps` shares with `line` (by what the codec writes), and the rest. */
export function branchParts(line: readonly Op[], branches: readonly LinkBranch[]): BranchPart<Op>[] {
  // The line's keys as far as a branch compares them, each spelled once: a link without
  // branches spells none (it was a JSON text per step of the line, at every link written).
  const keys: string[] = [];
  const keyAt = (i: number): string => (keys[i] ??= stepKey(line[i] as Op));
  return branches.map((b) => {
    let shared = 0;
    while (
      shared < b.steps.length &&
      shared < line.length &&
      stepKey(b.steps[shared] as Op) === keyAt(shared)
    )
      shared++;
    return { forkAt: b.forkAt, shared, own: b.steps.slice(shared) };
  });
}

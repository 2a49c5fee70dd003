import { assign, gaps, toRuns } from '../state/rangeMap.ts';
import type { Ctx } from './program.ts';

/**
 * Runs a stage-2 zap and records the pages whose S-EPT removal failed (the injected failure
 * was consumed): the TDX module still maps them (R1, seed 004). Returns whether any did.
 */
export function zapTrackingSept(c: Ctx, zap: () => void): boolean {
  const before = c.tx.s.removalFailure;
  zap();
  let sept = c.w.sept;
  let failed = false;
  for (const r of toRuns(before))
    for (const [a, b] of gaps(c.tx.s.removalFailure, r.start, r.end)) {
      sept = assign(sept, a, b, true);
      failed = true;
    }
  if (failed) c.w = { ...c.w, sept };
  return failed;
}

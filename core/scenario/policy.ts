import type { Policy } from '../types.ts';

export const DEFAULT_POLICY: Policy = {
  splitPath: 'direct',
  mergeWhen: 'convert',
  hostUnmap: 'auto',
  partialPunch: 'zero',
  mainline: false,
  hostHugePages: null,
  unsafeSkipRefCheck: false,
  unsafeSkipZap: false,
  crossBoundary: 'zap',
  leavesOnSplit: 'demote',
  tdxRemovalFailure: 'ref',
};

/** The allowed values of each enumerated knob (first = default). */
export const POLICY_CHOICES = {
  splitPath: ['direct', 'stepwise'],
  mergeWhen: ['convert', 'lastRef', 'never'],
  hostUnmap: ['auto', 'require'],
  partialPunch: ['zero', 'refuse'],
  crossBoundary: ['zap', 'split'],
  leavesOnSplit: ['demote', 'keep'],
  tdxRemovalFailure: ['ref', 'bug'],
} as const;

export const BOOLEAN_KNOBS = ['mainline', 'unsafeSkipRefCheck', 'unsafeSkipZap'] as const;

/**
 * The share link's version 2 policy byte (codec.ts): bit 0 crossBoundary "split", bit 1
 * leavesOnSplit "keep", bit 2 tdxRemovalFailure "bug". 0 when every v2 knob has its default,
 * and then the link is written in version 1.
 */
export function policyV2(p: Policy): number {
  return (
    Number(p.crossBoundary === 'split') |
    (Number(p.leavesOnSplit === 'keep') << 1) |
    (Number(p.tdxRemovalFailure === 'bug') << 2)
  );
}

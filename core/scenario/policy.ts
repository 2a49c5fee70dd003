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

import type { GmemState } from '../types.ts';
import type { RaceKnobs } from './types.ts';

/** Each race knob's values, the default first (§6.3). */
export const RACE_KNOB_CHOICES = {
  hostFaultLock: [true, false],
  vcpuFaultLock: [true, false],
  mmuSeqRetry: [true, false],
  gupFastRecheck: [true, false],
  convertOrder: ['unmapThenCheck', 'checkThenUnmap'],
  vcpuRefAcrossMap: ['hold', 'drop'],
  faultConvertCheck: ['exact', 'skip'],
  freezeWait: ['eagain', 'spin'],
  tdxRemovalFailure: ['ref', 'bug', 'propagate'],
} as const;

export const DEFAULT_RACE_KNOBS: RaceKnobs = {
  hostFaultLock: true,
  vcpuFaultLock: true,
  mmuSeqRetry: true,
  gupFastRecheck: true,
  convertOrder: 'unmapThenCheck',
  vcpuRefAcrossMap: 'hold',
  faultConvertCheck: 'exact',
  freezeWait: 'eagain',
  tdxRemovalFailure: 'ref',
};

/** The setup's state with the knobs that change the core's own behaviour applied. */
export function withKnobs(g: GmemState, knobs: RaceKnobs): GmemState {
  const tdx = knobs.tdxRemovalFailure === 'bug' ? 'bug' : 'ref';
  if (g.config.policy.tdxRemovalFailure === tdx) return g;
  return { ...g, config: { ...g.config, policy: { ...g.config.policy, tdxRemovalFailure: tdx } } };
}

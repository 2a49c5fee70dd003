import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, apply, create } from '../../../core/index.ts';
import type { GmemState, Op } from '../../../core/index.ts';
import { fileDetails, selectionDetails } from './details.ts';

function after(
  vmType: 'tdx' | 'sw_protected',
  policy: Partial<typeof DEFAULT_POLICY>,
  steps: Op[],
): GmemState {
  const made = create({
    vmType,
    size: 4 * 1024 * 1024,
    pageSize: 4096,
    mmap: true,
    initShared: false,
    policy: { ...DEFAULT_POLICY, ...policy },
  });
  if (made.state === null) throw new Error('creation refused');
  return steps.reduce((s, op) => apply(s, op).state, made.state);
}

describe('inspector details', () => {
  // Issue 10 rule 8: tdxRemovalFailure "bug" (the Aug 2025 TDX cleanup) kills the VM.
  it('shows a dead VM', () => {
    const steps: Op[] = [
      { op: 'guestAccess', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
      { op: 'convert', offset: 0, length: 4096, to: 'shared' },
    ];
    const dead = after('tdx', { tdxRemovalFailure: 'bug' }, steps);
    expect(fileDetails(dead)).toContainEqual([
      'VM',
      'dead: KVM_BUG_ON after a failed S-EPT removal; KVM_RUN fails with EIO',
    ]);
    expect(fileDetails(after('tdx', {}, steps)).some(([k]) => k === 'VM')).toBe(false);
  });

  // Issue 10 rule 5: a page held only by a transient reference is "referenced", not "pinned".
  it('calls a transiently held shared page referenced', () => {
    const s = after('sw_protected', {}, [
      { op: 'convert', offset: 0, length: 4096, to: 'shared' },
      { op: 'allocate', offset: 0, length: 4096 },
      { op: 'getRef', offset: 0 },
    ]);
    const state = selectionDetails(s, { start: 0, end: 4096, anchor: 0 }).find(([k]) => k === 'Page state');
    expect(state?.[1]).toBe('shared, referenced (shared-referenced)');
  });
});

import { describe, expect, it } from 'vitest';
import { create } from './create.ts';
import { CHECKED_PARTS, partsChanged } from './invariants.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';
import type { GmemConfig, GmemState } from './types.ts';
import { SIZE_2M } from './units.ts';

/** The state with one part replaced by a different value (a copy, or the flag flipped). */
function withOther(s: GmemState, part: (typeof CHECKED_PARTS)[number]): GmemState {
  const v = s[part];
  const other = typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v] : { ...v };
  return { ...s, [part]: other };
}

describe('partsChanged', () => {
  // Its bits are written field by field: each must be the bit of its part in CHECKED_PARTS (the
  // checks' masks are built from that list), or a check reading that part keeps a stale answer.
  it('sets exactly the bit of the part that differs', () => {
    const c: GmemConfig = {
      vmType: 'tdx',
      size: 4 * SIZE_2M,
      pageSize: SIZE_2M,
      mmap: true,
      initShared: false,
      policy: DEFAULT_POLICY,
    };
    const s = create(c).state as GmemState;
    expect(partsChanged(s, s)).toBe(0);
    CHECKED_PARTS.forEach((part, i) =>
      expect([part, partsChanged(s, withOther(s, part))]).toEqual([part, 1 << i]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { create } from './create.ts';
import { WHOLE_PARTS, wholeChanged } from './invariants.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';
import type { GmemConfig, GmemState } from './types.ts';
import { SIZE_2M } from './units.ts';

/** The state with one part replaced by a different value (a copy, or the flag flipped). */
function withOther(s: GmemState, part: (typeof WHOLE_PARTS)[number]): GmemState {
  const v = s[part];
  const other = typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v] : { ...v };
  return { ...s, [part]: other };
}

describe('wholeChanged', () => {
  // Its bits are written field by field: each must be the bit of its part in WHOLE_PARTS (the
  // checks' masks are built from that list), or a check reading that part whole keeps a stale answer.
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
    expect(wholeChanged(s, s)).toBe(0);
    WHOLE_PARTS.forEach((part, i) =>
      expect([part, wholeChanged(s, withOther(s, part))]).toEqual([part, 1 << i]),
    );
  });
});

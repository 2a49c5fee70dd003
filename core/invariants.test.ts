import { describe, expect, it } from 'vitest';
import { create } from './create.ts';
import { apply } from './apply.ts';
import { CHECKED_PARTS, checkInvariants, partsChanged } from './invariants.ts';
import { checkInvariantsWhole } from './reference/invariants.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';
import type { GmemConfig, GmemState } from './types.ts';
import { PAGE, SIZE_2M } from './units.ts';
import { fromRuns } from './state/rangeMap.ts';
import { fromRefs } from './state/refIndex.ts';

/** The state with one part replaced by a different value (a copy, or the flag flipped). */
function withOther(s: GmemState, part: (typeof CHECKED_PARTS)[number]): GmemState {
  const v = s[part];
  const other = typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v] : { ...v };
  return { ...s, [part]: other };
}

/** A new mmap-able file of the default policy. */
const made = (c: Pick<GmemConfig, 'vmType' | 'size' | 'pageSize' | 'initShared'>): GmemState =>
  create({ ...c, mmap: true, policy: DEFAULT_POLICY }).state as GmemState;

describe('partsChanged', () => {
  // Its bits are written field by field: each must be the bit of its part in CHECKED_PARTS (the
  // checks' masks are built from that list), or a check reading that part keeps a stale answer.
  it('sets exactly the bit of the part that differs', () => {
    const s = made({ vmType: 'tdx', size: 4 * SIZE_2M, pageSize: SIZE_2M, initShared: false });
    expect(partsChanged(s, s)).toBe(0);
    CHECKED_PARTS.forEach((part, i) =>
      expect([part, partsChanged(s, withOther(s, part))]).toEqual([part, 1 << i]),
    );
  });
});

describe('references on freed orphans (rule 6)', () => {
  // A model that freed an orphan still referenced would leave such a record: the incremental
  // check must see it where the orphan was, though no reference changed there.
  it('are found when the orphan leaves the list, as the whole check finds them', () => {
    let s = made({ vmType: 'sw_protected', size: 16 * PAGE, pageSize: PAGE, initShared: true });
    for (const op of [
      { op: 'hostMap', offset: 0, length: 16 * PAGE },
      { op: 'pin', offset: 4 * PAGE, length: PAGE, holder: 'vfio' },
      { op: 'punchHole', offset: 0, length: 8 * PAGE },
    ] as const)
      s = apply(s, op).state;
    expect(s.orphans).toHaveLength(1);
    expect(checkInvariants(s)).toEqual([]);
    const freed: GmemState = { ...s, orphans: [] };
    const found = checkInvariants(freed);
    expect(found).toEqual(checkInvariantsWhole(freed));
    expect(found.map((v) => v.message)).toEqual(['vfio holds a reference on freed memory']);
  });
});

/** A transient reference of kvm on [start, end). */
const on = (start: number, end: number, id: number) =>
  ({ kind: 'transient', holder: 'kvm', longterm: false, start, end, orphan: null, id }) as const;

describe('references on holes (rule 6)', () => {
  // The check finds the folio run under each reference from the last one found: a reference
  // that starts in a run and reaches past its end into a hole is still on a hole.
  it('are found when a reference starts on memory and runs on into a hole', () => {
    const s = made({ vmType: 'sw_protected', size: 16 * PAGE, pageSize: PAGE, initShared: false });
    const holed: GmemState = {
      ...s,
      folios: fromRuns([
        { start: 0, end: 2 * PAGE, value: PAGE },
        { start: 4 * PAGE, end: 5 * PAGE, value: PAGE },
      ]),
      refs: fromRefs([
        on(0, PAGE, 1),
        on(PAGE, 3 * PAGE, 2),
        on(4 * PAGE, 5 * PAGE, 3),
        on(4 * PAGE, 6 * PAGE, 4),
      ]),
    };
    const found = checkInvariants(holed);
    expect(found).toEqual(checkInvariantsWhole(holed));
    expect(found.map((v) => v.message)).toEqual([
      'kvm holds a reference on a hole at 0x1000',
      'kvm holds a reference on a hole at 0x4000',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { BLOCK_MACHINE, PAGE_MACHINE } from '../../../core/index.ts';
import { INITIAL_INPUTS } from '../../store/store.ts';
import { outcomesFor } from './outcomes.ts';
import { PAGE0, pageOutcomes, stateAfter } from './testStates.ts';

const SHARED_PINNED = [
  { op: 'convert', offset: 0, length: '4K', to: 'shared' },
  { op: 'hostMap', offset: 0, length: '2G' },
  { op: 'hostAccess', offset: 0 },
  { op: 'pin', offset: 0, length: '4K' },
];

describe('edges computed by the core for the selection', () => {
  it('unpin: the last pin of a mapped page leads to "shared, mapped", labelled with its condition', () => {
    const o = pageOutcomes(SHARED_PINNED).get('unpin:');
    expect(o).toMatchObject({ kind: 'move', to: 'shared-mapped', text: 'unpin: last pin, mapped' });
    expect(o?.edge?.id).toBe('unpin:shared-pinned->shared-mapped');
  });

  it('unpin: the last pin of an unmapped page leads to "shared"', () => {
    const steps = [...SHARED_PINNED, { op: 'hostUnmap', offset: 0, length: '2G' }];
    expect(pageOutcomes(steps).get('unpin:')).toMatchObject({
      kind: 'move',
      to: 'shared',
      text: 'unpin: last pin, unmapped',
    });
  });

  it('unpin with pins left changes nothing, and says so', () => {
    const steps = [...SHARED_PINNED, { op: 'pin', offset: 0, length: '4K' }];
    expect(pageOutcomes(steps).get('unpin:')).toMatchObject({
      kind: 'stay',
      to: 'shared-pinned',
      text: 'unpin: no change',
    });
  });

  it('a pinned page of a 1G folio: converting to private is refused with EAGAIN, punching a hole orphans nothing', () => {
    const o = pageOutcomes(SHARED_PINNED);
    expect(o.get('convert:private')).toMatchObject({
      kind: 'refused',
      errno: 'EAGAIN',
      text: 'convert → private ⊘ EAGAIN',
    });
    // A 4K punch inside a HugeTLB block zeroes the page in place: the pinned folio stays.
    expect(o.get('punchHole:')?.kind).toBe('stay');
  });

  it('a leaked page already shared: convert → shared is a no-op, convert → private is EAGAIN', () => {
    const o = pageOutcomes(
      [
        { op: 'guestAccess', offset: 0 },
        { op: 'injectRemovalFailure', offset: 0 },
        { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      ],
      { size: '16M', pageSize: '4K' },
      'tdx',
    );
    expect(o.get('convert:shared')?.kind).toBe('stay');
    expect(o.get('convert:private')).toMatchObject({ kind: 'refused', errno: 'EAGAIN' });
  });

  it('every move lands on an edge the diagram draws', () => {
    const o = pageOutcomes([
      { op: 'allocate', offset: 0, length: '4K' },
      { op: 'guestAccess', offset: 0 },
    ]);
    const moves = [...o.values()].filter((x) => x.kind === 'move');
    expect(moves.length).toBeGreaterThan(2);
    for (const m of moves) expect(m.edge?.from).toBe('private-mapped');
  });

  it('the block machine: a 1G block allocated whole is huge; sharing a page splits it', () => {
    const list = outcomesFor(
      BLOCK_MACHINE,
      stateAfter([{ op: 'allocate', offset: 0, length: '4K' }]),
      PAGE0,
      INITIAL_INPUTS,
    );
    expect(list.find((x) => x.key === 'convert:shared')).toMatchObject({ kind: 'move', to: 'split' });
  });

  it('nothing without a selection or off HugeTLB for blocks', () => {
    expect(outcomesFor(PAGE_MACHINE, stateAfter([]), null, INITIAL_INPUTS)).toEqual([]);
    expect(
      outcomesFor(BLOCK_MACHINE, stateAfter([], { size: '16M', pageSize: '4K' }), PAGE0, INITIAL_INPUTS),
    ).toEqual([]);
  });
});

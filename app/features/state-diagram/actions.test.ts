import { describe, expect, it } from 'vitest';
import { BLOCK_MACHINE, PAGE_MACHINE } from '../../../core/index.ts';
import type { Attr, OpName } from '../../../core/index.ts';
import { INITIAL_INPUTS, type OpInputs, type Selection } from '../../store/store.ts';
import { buildOp } from '../op-palette/ops.ts';
import { edgeTarget } from './actions.ts';

/** The op an edge's target builds, as perform() would build it. */
function edgeOp(
  machine: 'page' | 'block',
  op: OpName,
  to: Attr | undefined,
  sel: Selection,
  inputs: OpInputs,
  pageSize: number,
) {
  const t = edgeTarget(machine, op, to, sel, pageSize);
  if (t === undefined) return { ok: false, why: 'no entry' };
  return buildOp(t.entry, t.target.selection ?? null, { ...inputs, ...t.target.inputs });
}

describe('diagram edges as controls', () => {
  it('performs the edge on the selected page, or on its block', () => {
    const sel = { start: 0x3000, end: 0x9000, anchor: 0x3000 };
    expect(edgeOp('page', 'convert', 'shared', sel, INITIAL_INPUTS, 2 ** 30)).toEqual({
      ok: true,
      op: { op: 'convert', offset: 0x3000, length: 4096, to: 'shared' },
    });
    expect(edgeOp('page', 'pin', undefined, sel, { ...INITIAL_INPUTS, holder: 'vfio' }, 2 ** 30)).toEqual({
      ok: true,
      op: { op: 'pin', offset: 0x3000, length: 4096, holder: 'vfio' },
    });
    expect(edgeOp('block', 'merge', undefined, sel, INITIAL_INPUTS, 2 ** 21)).toEqual({
      ok: true,
      op: { op: 'merge', offset: 0, size: 2 ** 21 },
    });
    expect(edgeOp('block', 'punchHole', undefined, sel, INITIAL_INPUTS, 2 ** 21)).toEqual({
      ok: true,
      op: { op: 'punchHole', offset: 0, length: 2 ** 21 },
    });
    expect(
      BLOCK_MACHINE.edges.every((e) => edgeOp('block', e.op, e.to_attr, sel, INITIAL_INPUTS, 2 ** 21).ok),
    ).toBe(true);
    expect(
      PAGE_MACHINE.edges.every((e) => edgeOp('page', e.op, e.to_attr, sel, INITIAL_INPUTS, 2 ** 21).ok),
    ).toBe(true);
  });
});

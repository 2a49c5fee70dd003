import { describe, expect, it } from 'vitest';
import { BLOCK_MACHINE, PAGE_MACHINE } from '../../../core/index.ts';
import type { Attr, OpName } from '../../../core/index.ts';
import { INITIAL_INPUTS, type OpInputs, type Selection } from '../../store/store.ts';
import { buildOp } from '../op-palette/ops.ts';
import { edgeActions, edgeTarget, PILL_H } from './actions.ts';
import { layoutMachine, NODE_H, NODE_W } from './layout.ts';

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
  it('offers one button per edge leaving the current state, none covering a state or each other', () => {
    for (const current of PAGE_MACHINE.states.map((s) => s.id)) {
      const layout = layoutMachine(PAGE_MACHINE, 720);
      const acts = edgeActions(PAGE_MACHINE, layout, current);
      expect(acts.map((a) => a.key).toSorted()).toEqual(
        PAGE_MACHINE.edges
          .filter((e) => e.from === current)
          .map((e) => e.id)
          .toSorted(),
      );
      const boxes = acts.map((a) => ({
        x0: a.x - a.w / 2,
        x1: a.x + a.w / 2,
        y0: a.y - PILL_H / 2,
        y1: a.y + PILL_H / 2,
      }));
      for (const [i, b] of boxes.entries()) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.x1).toBeLessThanOrEqual(720);
        for (const n of layout.nodes)
          expect(
            b.x1 <= n.x - NODE_W / 2 ||
              b.x0 >= n.x + NODE_W / 2 ||
              b.y1 <= n.y - NODE_H / 2 ||
              b.y0 >= n.y + NODE_H / 2,
          ).toBe(true);
        for (const c of boxes.slice(i + 1))
          expect(b.x1 <= c.x0 || c.x1 <= b.x0 || b.y1 <= c.y0 || c.y1 <= b.y0).toBe(true);
      }
    }
    expect(edgeActions(PAGE_MACHINE, layoutMachine(PAGE_MACHINE, 720), undefined)).toEqual([]);
  });

  it('names each button by op and transition', () => {
    const acts = edgeActions(PAGE_MACHINE, layoutMachine(PAGE_MACHINE, 720), 'shared-mapped');
    expect(acts.map((a) => a.name)).toContain(
      'convert → private: shared, mapped → private (to private: VMM and shared leaves unmapped)',
    );
    expect(acts.map((a) => a.name)).toContain('pin: shared, mapped → shared, pinned (GUP pins)');
  });

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

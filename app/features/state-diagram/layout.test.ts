import { describe, expect, it } from 'vitest';
import { BLOCK_MACHINE, PAGE_MACHINE } from '../../../core/index.ts';
import { BADGE_H, layoutMachine, NODE_H, NODE_W } from './layout.ts';

describe('state diagram layout', () => {
  it('places every state once, inside the drawing, without overlaps', () => {
    for (const m of [PAGE_MACHINE, BLOCK_MACHINE]) {
      const l = layoutMachine(m, 720);
      expect(l.nodes.map((n) => n.id).toSorted()).toEqual(m.states.map((s) => s.id).toSorted());
      for (const n of l.nodes) {
        expect(n.x - NODE_W / 2).toBeGreaterThanOrEqual(0);
        expect(n.x + NODE_W / 2).toBeLessThanOrEqual(720);
        expect(n.y + NODE_H / 2).toBeLessThanOrEqual(l.height);
      }
      const overlaps = l.nodes.flatMap((a) =>
        l.nodes
          .filter((b) => a !== b && Math.abs(a.x - b.x) < NODE_W && Math.abs(a.y - b.y) < NODE_H)
          .map((b) => `${a.id}/${b.id}`),
      );
      expect(overlaps).toEqual([]);
    }
  });

  it('draws one arrow per pair of states carrying every edge id of the machine', () => {
    const l = layoutMachine(PAGE_MACHINE, 720);
    expect(l.edges.flatMap((e) => e.ids).toSorted()).toEqual(PAGE_MACHINE.edges.map((e) => e.id).toSorted());
    expect(new Set(l.edges.map((e) => e.key)).size).toBe(l.edges.length);
  });
});

describe('refused edges', () => {
  it('draws every refused edge of the core once, as a badge naming op and errno, none overlapping', () => {
    for (const m of [PAGE_MACHINE, BLOCK_MACHINE]) {
      const l = layoutMachine(m, 720);
      expect(l.refused).toHaveLength(m.refused.length);
      expect(l.refused.map((r) => `${r.from}:${r.op}:${r.errno}`).toSorted()).toEqual(
        m.refused.map((r) => `${r.from}:${r.op}:${r.errno}`).toSorted(),
      );
      for (const [i, a] of l.refused.entries()) {
        expect(a.text).toContain(a.errno);
        expect(a.bx - a.bw / 2).toBeGreaterThanOrEqual(0);
        expect(a.bx + a.bw / 2).toBeLessThanOrEqual(720);
        expect(a.by + BADGE_H / 2).toBeLessThanOrEqual(l.height);
        for (const b of l.refused.slice(i + 1))
          expect(Math.abs(a.by - b.by) >= BADGE_H || Math.abs(a.bx - b.bx) >= (a.bw + b.bw) / 2).toBe(true);
      }
    }
  });
});

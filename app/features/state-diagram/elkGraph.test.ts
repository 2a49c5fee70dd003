import ELK from 'elkjs/lib/elk.bundled.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_MACHINE, PAGE_MACHINE } from '../../../core/index.ts';
import { INITIAL_INPUTS } from '../../store/store.ts';
import { layout, setLayoutEngine } from './elk.ts';
import { focusGraph, fromElk, roundLayout, wholeGraph, type Box, type Layout } from './elkGraph.ts';
import WHOLE_LAYOUTS from './wholeLayouts.json';
import { outcomesFor, stateOf } from './outcomes.ts';
import { PAGE0, SELECTIONS, stateAfter } from './testStates.ts';

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Every box (states, badges, labels) that overlaps another, and every box outside the drawing. */
function problems(l: Layout): string[] {
  const boxes = [
    ...l.nodes.map((n) => ({ what: n.id, ...n })),
    ...l.routes.flatMap((r) => r.labels.map((x) => ({ what: x.id, ...x }))),
  ];
  const out: string[] = [];
  boxes.forEach((a, i) => {
    if (a.x < 0 || a.y < 0 || a.x + a.w > l.width || a.y + a.h > l.height) out.push(`${a.what} outside`);
    for (const b of boxes.slice(i + 1)) if (overlap(a, b)) out.push(`${a.what} overlaps ${b.what}`);
  });
  return out;
}

/** Arrows that run through a box other than their own ends and labels (boxes shrunk by 1px). */
function crossings(l: Layout): string[] {
  const boxes = [
    ...l.nodes.map((n) => ({ what: n.id, ...n })),
    ...l.routes.flatMap((r) => r.labels.map((x) => ({ what: x.id, route: r.key, ...x }))),
  ];
  const out: string[] = [];
  for (const r of l.routes)
    for (let i = 1; i < r.points.length; i++) {
      const [a, b] = [r.points[i - 1], r.points[i]] as [readonly [number, number], readonly [number, number]];
      const seg = {
        x: Math.min(a[0], b[0]),
        y: Math.min(a[1], b[1]),
        w: Math.abs(a[0] - b[0]),
        h: Math.abs(a[1] - b[1]),
      };
      for (const x of boxes) {
        if (x.what === r.from || x.what === r.to || ('route' in x && x.route === r.key)) continue;
        const inner = { x: x.x + 1, y: x.y + 1, w: x.w - 2, h: x.h - 2 };
        if (
          seg.x <= inner.x + inner.w &&
          inner.x <= seg.x + seg.w &&
          seg.y <= inner.y + inner.h &&
          inner.y <= seg.y + seg.h
        )
          out.push(`${r.key} crosses ${x.what}`);
      }
    }
  return out;
}

const node = (id: string, x: number) => ({ id, kind: 'state' as const, text: id, x, y: 0, w: 20, h: 20 });

beforeAll(() => setLayoutEngine(new ELK()));

describe('ELK layouts of the state diagram', () => {
  it.each([PAGE_MACHINE, BLOCK_MACHINE])(
    'lays out the whole $id machine: every state, every pair of states, every refusal, nothing overlapping',
    async (m) => {
      const l = await layout(wholeGraph(m));
      expect(
        l.nodes
          .filter((n) => n.kind === 'state')
          .map((n) => n.id)
          .toSorted(),
      ).toEqual(m.states.map((s) => s.id).toSorted());
      expect(l.nodes.filter((n) => n.kind === 'refused')).toHaveLength(m.refused.length);
      expect(l.routes.flatMap((r) => r.labels.flatMap((x) => x.edgeIds)).toSorted()).toEqual(
        m.edges.map((e) => e.id).toSorted(),
      );
      expect(problems(l)).toEqual([]);
      for (const r of l.routes) expect(r.points.length).toBeGreaterThanOrEqual(2);
    },
    60_000,
  );

  for (const sel of SELECTIONS)
    it(`focus on a ${sel.name}: one element per outcome, each move routed to its state, nothing overlapping`, async () => {
      const s = stateAfter(sel.steps, sel.gmem, sel.vm);
      const current = stateOf('page', s, 0) as string;
      const list = outcomesFor(PAGE_MACHINE, s, PAGE0, INITIAL_INPUTS);
      const l = await layout(focusGraph(PAGE_MACHINE, current, list));
      expect(problems(l)).toEqual([]);
      expect(crossings(l)).toEqual([]);
      const keys = [
        ...l.nodes.flatMap((n) => (n.key === undefined ? [] : [n.key])),
        ...l.routes.flatMap((r) => r.labels.flatMap((x) => (x.key === undefined ? [] : [x.key]))),
      ];
      expect(keys.toSorted()).toEqual(list.map((o) => o.key).toSorted());
      for (const o of list.filter((x) => x.kind === 'move')) {
        const r = l.routes.find((x) => x.labels.some((y) => y.key === o.key));
        expect([r?.from, r?.to]).toEqual([current, o.to]);
      }
    }, 60_000);

  it.each([PAGE_MACHINE, BLOCK_MACHINE])(
    'the saved layout of the whole $id machine is what ELK computes today (else: npx tsx scripts/diagram-layouts.ts)',
    async (m) => {
      const d = wholeGraph(m);
      const fresh = roundLayout(fromElk(d, await new ELK().layout(structuredClone(d.graph))));
      expect((WHOLE_LAYOUTS as Record<string, unknown>)[d.key]).toEqual(JSON.parse(JSON.stringify(fresh)));
    },
    60_000,
  );

  it('the checks above do catch an arrow through a box and two boxes on top of each other', () => {
    const l: Layout = {
      key: 'bad',
      width: 100,
      height: 20,
      nodes: [node('a', 0), node('b', 40), node('c', 50), node('d', 80)],
      routes: [
        {
          key: 'a->d',
          from: 'a',
          to: 'd',
          labels: [],
          points: [
            [20, 10],
            [80, 10],
          ],
        },
      ],
    };
    expect(crossings(l)).toEqual(['a->d crosses b', 'a->d crosses c']);
    expect(problems(l)).toEqual(['b overlaps c']);
  });

  it('answers a graph it laid out before from the cache', async () => {
    const s = stateAfter([{ op: 'allocate', offset: 0, length: '4K' }]);
    const g = focusGraph(PAGE_MACHINE, 'private', outcomesFor(PAGE_MACHINE, s, PAGE0, INITIAL_INPUTS));
    expect(layout(g)).toBe(layout(g));
    expect((await layout(g)).key).toBe(g.key);
  });
});

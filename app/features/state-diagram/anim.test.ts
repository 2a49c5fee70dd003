import { describe, expect, it } from 'vitest';
import { apply, outcomeOf, PAGE_MACHINE } from '../../../core/index.ts';
import type { GmemState, Op } from '../../../core/index.ts';
import type { Frame } from '../../animation/frame.ts';
import { INITIAL_INPUTS } from '../../store/store.ts';
import { animOf } from './anim.ts';
import type { Layout } from './elkGraph.ts';
import { outcomesFor } from './outcomes.ts';
import { PAGE0, stateAfter } from './testStates.ts';

const PINNED = stateAfter([
  { op: 'convert', offset: 0, length: '4K', to: 'shared' },
  { op: 'hostMap', offset: 0, length: '2G' },
  { op: 'hostAccess', offset: 0 },
  { op: 'pin', offset: 0, length: '4K' },
]);

const frameOf = (prev: GmemState, op: Op, t: number): Frame => {
  const r = apply(prev, op);
  return {
    step: 5,
    t,
    prev,
    next: r.state,
    outcome: outcomeOf(r),
    held: prev,
  };
};

/** A layout with one straight route 100 units long per destination. */
const layoutTo = (routes: [string, string][]): Layout => ({
  key: 'test',
  width: 200,
  height: 100,
  nodes: [],
  routes: routes.map(([from, to]) => ({
    key: `${from}->${to}`,
    from,
    to,
    labels: [],
    points: [
      [0, 0],
      [100, 0],
    ],
  })),
});

const outcomes = new Map(outcomesFor(PAGE_MACHINE, PINNED, PAGE0, INITIAL_INPUTS).map((o) => [o.key, o]));
const UNPIN: Op = { op: 'unpin', offset: 0, length: 4096 };
const MAKE_PRIVATE: Op = { op: 'convert', offset: 0, length: 4096, to: 'private' };

describe('the step on the diagram, as a function of (step, progress)', () => {
  const l = layoutTo([
    ['shared-pinned', 'shared-mapped'],
    ['shared-pinned', 'badge:convert:private'],
  ]);

  it('a token travels the edge taken, then the state reached lights up', () => {
    const mid = animOf(frameOf(PINNED, UNPIN, 0.375), UNPIN, PAGE_MACHINE, PAGE0, l, outcomes);
    expect(mid).toMatchObject({ route: 'shared-pinned->shared-mapped', lit: 'shared-mapped', light: 0 });
    expect(mid.token?.[0]).toBeCloseTo(50);
    const end = animOf(frameOf(PINNED, UNPIN, 1), UNPIN, PAGE_MACHINE, PAGE0, l, outcomes);
    expect(end).toEqual({ lit: 'shared-mapped', light: 1 });
  });

  it('a refused step bounces off its edge with the errno, then marks the edge it hit', () => {
    const out = animOf(frameOf(PINNED, MAKE_PRIVATE, 0.5), MAKE_PRIVATE, PAGE_MACHINE, PAGE0, l, outcomes);
    expect(out).toMatchObject({ route: 'shared-pinned->badge:convert:private', errno: 'EAGAIN' });
    expect(out.token?.[0]).toBeCloseTo(85);
    expect(animOf(frameOf(PINNED, MAKE_PRIVATE, 1), MAKE_PRIVATE, PAGE_MACHINE, PAGE0, l, outcomes)).toEqual({
      light: 0,
      hit: 'convert:private',
    });
  });

  it('a step elsewhere in the file leaves the selected page’s diagram still', () => {
    const far: Op = { op: 'unpin', offset: 8192, length: 4096 };
    expect(animOf(frameOf(PINNED, far, 0.5), far, PAGE_MACHINE, PAGE0, l, outcomes)).toEqual({ light: 0 });
  });
});

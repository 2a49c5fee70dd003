import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { follower } from './follower.ts';

/** A follower flushed by hand, with two stores and a view of each. */
function setup() {
  const queue: (() => void)[] = [];
  const f = follower((flush) => queue.push(flush));
  const a = createStore(() => ({ n: 0 }));
  const b = createStore(() => ({ m: 'x' }));
  return { a, b, va: f.view(a), vb: f.view(b), queue, run: () => queue.splice(0).forEach((g) => g()) };
}

const urgentB = (next: { m: string }) => next.m === 'now';

/** A follower with its frames and slices run by hand; `a`'s view settles when asked to. */
function sliced(settles = false, clock = () => 0) {
  const frames: (() => void)[] = [];
  const slices: (() => void)[] = [];
  const f = follower(
    (flush) => frames.push(flush),
    (next) => slices.push(next),
    clock,
  );
  const a = createStore(() => ({ n: 0 }));
  const b = createStore(() => ({ m: 'x' }));
  return { f, a, b, va: f.view(a, undefined, settles), vb: f.view(b, urgentB), frames, slices };
}
const runOne = (q: (() => void)[]) => q.shift()?.();

describe('views that follow their stores a frame behind', () => {
  it('keep the old state until flushed, then take the newest and tell their listeners once', () => {
    const { a, va, queue, run } = setup();
    const seen: number[] = [];
    va.subscribe((s) => seen.push(s.n));
    a.setState({ n: 1 });
    a.setState({ n: 2 });
    expect(va.getState().n).toBe(0);
    expect(queue).toHaveLength(1);
    run();
    expect(va.getState().n).toBe(2);
    expect(seen).toEqual([2]);
  });

  it('take every store first, then tell: a listener of one sees the other up to date', () => {
    const { a, b, va, vb, run } = setup();
    const pairs: string[] = [];
    va.subscribe((s) => pairs.push(`${s.n}${vb.getState().m}`));
    a.setState({ n: 5 });
    b.setState({ m: 'y' });
    run();
    expect(pairs).toEqual(['5y']);
  });

  it('flush every view at once for an urgent change, the lagging ones included', () => {
    const queue: (() => void)[] = [];
    const f = follower((flush) => queue.push(flush));
    const a = createStore(() => ({ n: 0 }));
    const b = createStore(() => ({ m: 'x' }));
    const va = f.view(a);
    const vb = f.view(b, (next, prev) => next.m !== prev.m && next.m === 'now');
    a.setState({ n: 1 });
    b.setState({ m: 'later' });
    expect([va.getState().n, vb.getState().m]).toEqual([0, 'x']);
    b.setState({ m: 'now' });
    expect([va.getState().n, vb.getState().m]).toEqual([1, 'now']);
    // The flush already scheduled finds nothing left to do.
    queue.splice(0).forEach((g) => g());
    expect(vb.getState().m).toBe('now');
  });

  it('write through to the store itself, and stay silent when nothing changed', () => {
    const { a, va, queue, run } = setup();
    const seen: number[] = [];
    const stop = va.subscribe((s) => seen.push(s.n));
    va.setState({ n: 3 });
    expect(a.getState().n).toBe(3);
    run();
    expect(seen).toEqual([3]);
    a.setState((s) => s);
    run();
    expect(queue).toHaveLength(0);
    stop();
    a.setState({ n: 4 });
    run();
    expect(seen).toEqual([3]);
  });

  describe('a settling view: the panels wait for the cursor to rest', () => {
    it('puts the flush off while changes keep coming, and flushes once they stop', () => {
      const { a, va, frames, slices } = sliced(true);
      const seen: number[] = [];
      va.subscribe((s) => seen.push(s.n));
      a.setState({ n: 1 });
      // The next seek comes before the flush ran: it waits one more frame.
      a.setState({ n: 2 });
      runOne(frames);
      expect(va.getState().n).toBe(0);
      expect(frames).toHaveLength(1);
      runOne(frames);
      expect(va.getState().n).toBe(2);
      runOne(slices);
      expect(seen).toEqual([2]);
      expect(frames).toHaveLength(0);
    });

    it('flushes once 200 ms have passed since the first change, however long the burst', () => {
      // A frame every 16 ms, a seek in every frame: a scrub that never rests.
      let t = 0;
      const { a, va, frames } = sliced(true, () => t);
      let n = 0;
      a.setState({ n: ++n });
      let put = 0;
      while (va.getState().n === 0) {
        t += 16;
        a.setState({ n: ++n });
        runOne(frames);
        if (va.getState().n === 0) put++;
        expect(put).toBeLessThan(20);
      }
      // Put off at 16, 32 … 192 ms; flushed at 208, with the newest state.
      expect(put).toBe(12);
      expect(t).toBe(208);
      expect(va.getState().n).toBe(n);
    });

    it('finishes telling the panels when the cursor moves again, then tells them its newest state', () => {
      const { a, va, frames, slices } = sliced(true);
      const told: string[] = [];
      va.subscribe((s, prev) => told.push(`p1 ${prev.n}->${s.n}`));
      va.subscribe((s, prev) => told.push(`p2 ${prev.n}->${s.n}`));
      a.setState({ n: 1 });
      runOne(frames);
      runOne(slices);
      expect(told).toEqual(['p1 0->1']);
      // A seek while the panels are told: none is left behind (a long scrub must move them all).
      a.setState({ n: 2 });
      runOne(slices);
      expect(told).toEqual(['p1 0->1', 'p2 0->1']);
      runOne(frames);
      while (slices.length > 0) runOne(slices);
      expect(told).toEqual(['p1 0->1', 'p2 0->1', 'p1 1->2', 'p2 1->2']);
    });

    it('never holds a view that does not settle: the animation flushes every frame', () => {
      const { b, vb, frames } = sliced(true);
      for (const m of ['y', 'z']) {
        b.setState({ m: `${m}1` });
        b.setState({ m: `${m}2` });
        runOne(frames);
        expect(vb.getState().m).toBe(`${m}2`);
      }
    });
  });

  describe('sliced: one listener told per slice', () => {
    it('tells the listeners one slice at a time, every view taken before the first is told', () => {
      const { a, b, va, vb, frames, slices } = sliced();
      const told: string[] = [];
      va.subscribe((s, prev) => told.push(`a1 ${prev.n}->${s.n} m=${vb.getState().m}`));
      va.subscribe((s, prev) => told.push(`a2 ${prev.n}->${s.n}`));
      vb.subscribe((s, prev) => told.push(`b ${prev.m}->${s.m}`));
      a.setState({ n: 1 });
      b.setState({ m: 'y' });
      runOne(frames);
      expect([va.getState().n, vb.getState().m]).toEqual([1, 'y']);
      expect(told).toEqual([]);
      runOne(slices);
      expect(told).toEqual(['a1 0->1 m=y']);
      // A new state arrives mid-way: the listeners not yet told get it, with what they saw before.
      a.setState({ n: 2 });
      runOne(frames);
      while (slices.length > 0) runOne(slices);
      expect(told).toEqual(['a1 0->1 m=y', 'a2 0->2', 'b x->y', 'a1 1->2 m=y']);
    });

    it('tells everything at once for an urgent change, and never a listener that left', () => {
      const { a, b, va, vb, frames, slices } = sliced();
      const told: string[] = [];
      va.subscribe((s) => told.push(`a1 ${s.n}`));
      const stop = va.subscribe((s) => told.push(`a2 ${s.n}`));
      vb.subscribe((s) => told.push(`b ${s.m}`));
      a.setState({ n: 1 });
      runOne(frames);
      runOne(slices);
      stop();
      b.setState({ m: 'now' });
      expect(told).toEqual(['a1 1', 'b now']);
      while (slices.length > 0) runOne(slices);
      expect(told).toEqual(['a1 1', 'b now']);
    });
  });
});

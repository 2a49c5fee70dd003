import { describe, expect, it } from 'vitest';
import { recentMemo, recentPairMemo } from './recentMemo.ts';

const counted = () => {
  const calls: object[] = [];
  const f = recentMemo((k: { n: number }) => {
    calls.push(k);
    return { twice: k.n * 2 };
  }, 2);
  return { f, calls };
};

describe('recentMemo', () => {
  it('computes once per object while it is among the last asked for', () => {
    const { f, calls } = counted();
    const a = { n: 1 };
    const v = f(a);
    expect(f(a)).toBe(v);
    expect(v).toEqual({ twice: 2 });
    expect(calls).toEqual([a]);
  });

  it('forgets the object asked for least recently, not the first computed', () => {
    const { f, calls } = counted();
    const [a, b, c] = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const va = f(a);
    f(b);
    expect(f(a)).toBe(va); // a is now the most recent: b goes next
    f(c);
    expect(f(a)).toBe(va);
    expect(calls).toEqual([a, b, c]);
    f(b);
    expect(calls).toEqual([a, b, c, b]);
  });

  it('keeps a value that is undefined', () => {
    let calls = 0;
    const f = recentMemo<object, undefined>(() => void calls++);
    const k = {};
    f(k);
    f(k);
    expect(calls).toBe(1);
  });
});

const countedPairs = () => {
  const calls: [object, object][] = [];
  const f = recentPairMemo((a: { n: number }, b: { n: number }) => {
    calls.push([a, b]);
    return { sum: a.n + b.n };
  }, 2);
  return { f, calls };
};

describe('recentPairMemo', () => {
  it('computes once per ordered pair while it is among the last asked for', () => {
    const { f, calls } = countedPairs();
    const [a, b] = [{ n: 1 }, { n: 2 }];
    const v = f(a, b);
    expect(f(a, b)).toBe(v);
    expect(v).toEqual({ sum: 3 });
    // (b, a) is another pair: a step back is not the step forward.
    expect(f(b, a)).not.toBe(v);
    expect(calls).toEqual([
      [a, b],
      [b, a],
    ]);
  });

  it('forgets the pair asked for least recently', () => {
    const { f, calls } = countedPairs();
    const [a, b, c] = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const ab = f(a, b);
    f(a, c);
    expect(f(a, b)).toBe(ab); // (a, b) is now the most recent: (a, c) goes next
    f(b, c);
    expect(f(a, b)).toBe(ab);
    expect(calls).toHaveLength(3);
    f(a, c);
    expect(calls).toHaveLength(4);
  });
});

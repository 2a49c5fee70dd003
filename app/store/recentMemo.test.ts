import { describe, expect, it } from 'vitest';
import { recentMemo } from './recentMemo.ts';

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

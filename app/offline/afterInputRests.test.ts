import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterInputRests, type RestTarget } from './afterInputRests.ts';

/** A window of event listeners on vitest's fake timers; idle callbacks run when `idle()` says so. */
function fakeWindow(withIdle = true) {
  const listeners = new Map<string, Set<() => void>>();
  const idle: (() => void)[] = [];
  const w: RestTarget = {
    addEventListener: (type, f) => void listeners.set(type, (listeners.get(type) ?? new Set()).add(f)),
    removeEventListener: (type, f) => void listeners.get(type)?.delete(f),
    setTimeout: (f, ms) => setTimeout(f, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    ...(withIdle ? { requestIdleCallback: (f: () => void) => idle.push(f) } : {}),
  };
  const fire = (type: string) => listeners.get(type)?.forEach((f) => f());
  const listening = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { w, fire, listening, idle: () => idle.splice(0).forEach((f) => f()) };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('background work after the user’s input rests', () => {
  it('runs at an idle moment once no input came for the quiet period, and stops listening', () => {
    const { w, idle, listening } = fakeWindow();
    const f = vi.fn<() => void>();
    afterInputRests(w, f, 2000, 30_000);
    expect(listening()).toBe(4);
    vi.advanceTimersByTime(1999);
    idle();
    expect(f).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(f).not.toHaveBeenCalled();
    idle();
    expect(f).toHaveBeenCalledTimes(1);
    expect(listening()).toBe(0);
    vi.advanceTimersByTime(60_000);
    idle();
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('waits while seeks, key presses, clicks and the wheel keep coming', () => {
    const { w, fire, idle } = fakeWindow();
    const f = vi.fn<() => void>();
    afterInputRests(w, f, 2000, 30_000);
    // A seek every 100 ms for ten seconds, then other kinds of input.
    for (let t = 0; t < 10_000; t += 100) {
      fire('input');
      vi.advanceTimersByTime(100);
    }
    for (const type of ['keydown', 'pointerdown', 'wheel']) {
      vi.advanceTimersByTime(1500);
      fire(type);
    }
    idle();
    expect(f).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    idle();
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('runs at the latest after the longest wait, however busy the user is', () => {
    const { w, fire, idle } = fakeWindow();
    const f = vi.fn<() => void>();
    afterInputRests(w, f, 2000, 30_000);
    for (let t = 0; t < 30_000; t += 500) {
      fire('pointerdown');
      vi.advanceTimersByTime(500);
    }
    idle();
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('runs at once where there is no idle callback, and never after being cancelled', () => {
    const plain = fakeWindow(false);
    const f = vi.fn<() => void>();
    afterInputRests(plain.w, f, 2000, 30_000);
    vi.advanceTimersByTime(2000);
    expect(f).toHaveBeenCalledTimes(1);
    const other = fakeWindow();
    const g = vi.fn<() => void>();
    const cancel = afterInputRests(other.w, g, 2000, 30_000);
    cancel();
    vi.advanceTimersByTime(60_000);
    other.idle();
    expect(g).not.toHaveBeenCalled();
    expect(other.listening()).toBe(0);
  });
});

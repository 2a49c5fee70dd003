import { afterEach, describe, expect, it } from 'vitest';
import { longHistoryLink } from '../../e2e/fixtures/longHistory.ts';
import { decode } from './boot.ts';
import { decodeAhead } from './decodeAhead.ts';
import { longHashLink, OFF_THREAD_FROM, startEarlyDecode, takeEarlyDecode } from './earlyDecode.ts';

const LONG = longHistoryLink(2_500);

/** A Worker stand-in that decodes each posted link a task later, as decodeWorker.ts does. */
class FakeWorker {
  static started = 0;
  private readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  constructor() {
    FakeWorker.started++;
  }
  addEventListener(type: string, f: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }
  postMessage(link: string): void {
    setTimeout(() => this.listeners.get('message')?.forEach((f) => f({ data: decode(link) })), 0);
  }
  terminate(): void {}
}

const g = globalThis as { Worker?: unknown };
afterEach(() => {
  delete g.Worker;
  FakeWorker.started = 0;
});

describe('decoding a long link before the app is evaluated', () => {
  it('takes only a long, plain s= link of the fragment', () => {
    expect(LONG.length).toBeGreaterThanOrEqual(OFF_THREAD_FROM);
    expect(longHashLink(`#s=${LONG}&step=3`)).toBe(LONG);
    expect(longHashLink(`#s=${LONG.slice(0, 100)}`)).toBeNull();
    expect(longHashLink(`#s=${LONG.replace('.', '%2E')}`)).toBeNull();
    expect(longHashLink(`#tour=${LONG}`)).toBeNull();
    expect(longHashLink('')).toBeNull();
  });

  it('starts nothing where no worker can start', () => {
    startEarlyDecode(`#s=${LONG}`);
    expect(takeEarlyDecode(LONG)).toBeUndefined();
  });

  it('hands its result to the opening, which starts no second worker', async () => {
    g.Worker = FakeWorker;
    startEarlyDecode(`#s=${LONG}`);
    expect(FakeWorker.started).toBe(1);
    const decoder = await decodeAhead(`#s=${LONG}`, null);
    expect(FakeWorker.started).toBe(1);
    expect(decoder(LONG)).toEqual(decode(LONG));
    // Taken once: a later opening of the same link decodes it anew.
    expect(takeEarlyDecode(LONG)).toBeUndefined();
  });

  it('decodes in a worker what was not started early (the autosaved link)', async () => {
    g.Worker = FakeWorker;
    const saved = JSON.stringify({ link: LONG, step: 1 });
    const decoder = await decodeAhead('', saved);
    expect(FakeWorker.started).toBe(1);
    expect(decoder(LONG)).toEqual(decode(LONG));
  });
});

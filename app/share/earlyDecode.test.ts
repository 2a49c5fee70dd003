import { afterEach, describe, expect, it } from 'vitest';
import { longHistoryLink } from '../../e2e/fixtures/longHistory.ts';
import { encodeScenario } from '../../core/index.ts';
import { decode } from './boot.ts';
import { decodeAhead } from './decodeAhead.ts';
import { documentLink } from './link.ts';
import { decodeWithLink } from './offThreadDecode.ts';
import { longHashLink, OFF_THREAD_FROM, startEarlyDecode, takeEarlyDecode } from './earlyDecode.ts';

const LONG = longHistoryLink(2_500);

/** A Worker stand-in that decodes each posted link a task later, as decodeWorker.ts does. */
class FakeWorker {
  static started = 0;
  /** The document link it answers with (a marker: the test sees whether the app used it). */
  static link: string | undefined;
  private readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  constructor() {
    FakeWorker.started++;
  }
  addEventListener(type: string, f: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }
  postMessage(link: string): void {
    const r = decodeWithLink(link);
    const data = r.ok && FakeWorker.link !== undefined ? { ...r, link: FakeWorker.link } : r;
    setTimeout(() => this.listeners.get('message')?.forEach((f) => f({ data })), 0);
  }
  terminate(): void {}
}

const g = globalThis as { Worker?: unknown };
afterEach(() => {
  delete g.Worker;
  FakeWorker.started = 0;
  FakeWorker.link = undefined;
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
    expect(decoder(LONG)).toMatchObject(decode(LONG));
    // Taken once: a later opening of the same link decodes it anew.
    expect(takeEarlyDecode(LONG)).toBeUndefined();
  });

  it('decodes in a worker what was not started early (the autosaved link)', async () => {
    g.Worker = FakeWorker;
    const saved = JSON.stringify({ link: LONG, step: 1 });
    const decoder = await decodeAhead('', saved);
    expect(FakeWorker.started).toBe(1);
    expect(decoder(LONG)).toMatchObject(decode(LONG));
  });

  it('encodes the document link in the worker too: the same string the app would write', () => {
    const r = decodeWithLink(LONG);
    if (!r.ok) throw new Error(r.error);
    expect(r.link).toBe(encodeScenario(r.scenario, r.branches));
    expect(r.link).toBe(documentLink({ scenario: r.scenario, branches: r.branches ?? [] }));
    const bad = decodeWithLink('1.AAAA');
    expect(bad.ok).toBe(false);
    expect(bad.link).toBeUndefined();
  });

  it("makes the worker's link the document's: the address and autosave do not encode it again", async () => {
    g.Worker = FakeWorker;
    FakeWorker.link = 'worker-encoded';
    const decoder = await decodeAhead(`#s=${LONG}`, null);
    const r = decoder(LONG);
    if (!r.ok) throw new Error(r.error);
    // The document the opening makes (no branches: a list of its own) gets that link.
    expect(documentLink({ scenario: r.scenario, branches: [] })).toBe('worker-encoded');
    // Another document of the same content is encoded as usual.
    expect(documentLink({ scenario: { ...r.scenario }, branches: [] })).toBe(encodeScenario(r.scenario));
  });
});

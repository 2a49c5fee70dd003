import { describe, expect, it } from 'vitest';
import { parseRace } from './format.ts';
import { raceJson } from './testkit.ts';

const base = raceJson({
  setup: [{ op: 'hostMap', offset: 0, length: '16K' }],
  actors: [
    { id: 'C', op: 'convert', offset: 0, length: '4K', to: 'private' },
    { id: 'G', op: 'pin', offset: 0, length: '4K', path: 'fast', foll: 'get' },
  ],
});

/** A value nested `n` arrays deep, built without recursion. */
const nest = (n: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

/** The first error's path and message of a modified scenario. */
const firstError = (patch: Record<string, unknown>): string => {
  const r = parseRace({ ...base, ...patch });
  return r.ok ? 'valid' : `${r.errors[0]?.path}: ${r.errors[0]?.message}`;
};

describe('folioscope-race v1 format (races.md §6.1, §10.6)', () => {
  it('accepts the example and normalises it: sizes in bytes, knob defaults, pin extras kept', () => {
    const r = parseRace({
      ...base,
      knobs: { gupFastRecheck: false },
      schedule: ['C', 'G'],
      explore: { maxStates: 500 },
    });
    expect(r.ok).toBe(true);
    const race = r.ok ? r.race : undefined;
    expect(race?.actors[1]?.op).toEqual({ op: 'pin', offset: 0, length: 4096, path: 'fast', foll: 'get' });
    expect(race?.knobs).toMatchObject({ gupFastRecheck: false, mmuSeqRetry: true, tdxRemovalFailure: 'ref' });
    expect(race?.schedule).toEqual(['C', 'G']);
    expect(race?.explore).toEqual({ maxStates: 500, maxViolations: 20 });
  });

  it.each([
    [{ format: 'folioscope-scenario' }, /^format: expected "folioscope-race"/],
    [{ version: 2 }, /^version: expected 1/],
    [{ actors: [] }, /^actors: expected an array of 1 to 3 actors/],
    [
      { actors: Array.from({ length: 4 }, (_, i) => ({ id: `A${i}`, op: 'hostAccess', offset: 0 })) },
      /^actors: .*got 4 actors/,
    ],
    [
      { actors: [{ id: 'C', op: 'split', offset: 0, to: '4K' }] },
      /^actors\[0\]\.op: unknown op for an actor "split"/,
    ],
    [{ actors: [{ id: '1x', op: 'hostAccess', offset: 0 }] }, /^actors\[0\]\.id: /],
    [
      {
        actors: [
          { id: 'A', op: 'hostAccess', offset: 0 },
          { id: 'A', op: 'hostAccess', offset: 0 },
        ],
      },
      /^actors\[1\]\.id: duplicate/,
    ],
    [
      { actors: [{ id: 'A', op: 'convert', offset: 0, length: '8K', to: 'shared' }] },
      /^actors\[0\]\.length: an actor works on one page/,
    ],
    [{ actors: [{ id: 'A', op: 'convert', offset: 0, length: '4K' }] }, /^actors\[0\]\.to: missing/],
    [
      { actors: [{ id: 'A', op: 'pin', offset: 0, length: '4K', path: 'gup' }] },
      /^actors\[0\]\.path: expected one of "auto", "fast", "slow"/,
    ],
    [{ knobs: { mmuSeqRetry: 'no' } }, /^knobs\.mmuSeqRetry: expected one of true, false/],
    [{ knobs: { constructor: true } }, /^knobs\.constructor: unknown knob/],
    [{ schedule: ['C', 'X'] }, /^schedule\[1\]: "X" names no actor/],
    [{ explore: { maxStates: 200_000 } }, /^explore\.maxStates: .*limit raceStates = 100,000/],
    [{ gmem: { size: '1M', mmap: true } }, /^gmem\.size: a race file holds at most 64 pages/],
    [{ setup: [{ op: 'hostMap', offset: 0 }] }, /^setup\[0\]\.length: missing/],
    [{ policy: { hostUnmap: 'never' } }, /^policy\.hostUnmap: expected one of/],
    [{ knobs: { mmuSeqRetry: nest(40) } }, /^knobs\.mmuSeqRetry(\[0\])+: values nest more than 32 levels/],
  ])('%j is invalid, naming the field', (patch, message) => {
    expect(firstError(patch)).toMatch(message);
  });
});

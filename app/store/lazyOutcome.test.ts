import { describe, expect, it } from 'vitest';
import {
  create,
  DEFAULT_POLICY,
  meaningfulOps,
  PAGE,
  replayStates,
  SIZE_1G,
  SIZE_2M,
} from '../../core/index.ts';
import type { GmemConfig, GmemState, Scenario } from '../../core/index.ts';
import { replayFor, replaySteps, type Replay } from './replayCache.ts';

const config = (size: number, pageSize: number, vmType: GmemConfig['vmType']): GmemConfig => ({
  vmType,
  size,
  pageSize,
  mmap: true,
  initShared: false,
  policy: DEFAULT_POLICY,
});

const scenario = (c: GmemConfig, steps: number, seed: number): Scenario => ({
  config: c,
  steps: meaningfulOps(create(c).state as GmemState, steps, seed).ops,
});

const whole = (s: Scenario): Replay => {
  const g = replaySteps(s);
  for (;;) {
    const r = g.next();
    if (r.done === true) return r.value;
  }
};

/** A deterministic shuffle of 0..n-1: transitions read out of order, as seeks read them. */
const shuffled = (n: number, seed: number): number[] => {
  const xs = Array.from({ length: n }, (_, i) => i);
  let x = seed;
  for (let i = n - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [xs[i], xs[j]] = [xs[j] as number, xs[i] as number];
  }
  return xs;
};

/** Own keys, transitions aside (a field of an eager outcome, a getter of a lazy one). */
const own = (o: object | undefined): string[] => Object.keys(o ?? {}).filter((x) => x !== 'transitions');

describe('a line replayed from scratch computes each step’s transitions when read', () => {
  const cases: [string, Scenario][] = [
    ['64 GiB of 1G folios', scenario(config(64 * SIZE_1G, SIZE_1G, 'sw_protected'), 700, 3)],
    ['1 GiB of 2M folios (TDX)', scenario(config(SIZE_1G, SIZE_2M, 'tdx'), 700, 5)],
    ['64 MiB of 4K pages (SNP)', scenario(config(64 * 2 ** 20, PAGE, 'snp'), 700, 9)],
  ];
  for (const [name, s] of cases)
    it(`${name}: every step's events, refusal and transitions equal an eager replay's, in any reading order`, () => {
      const eager = replayStates(s)?.results ?? [];
      const lazy = whole(s).results;
      expect(lazy).toHaveLength(eager.length);
      expect(eager.some((r) => r.transitions.length > 0)).toBe(true);
      for (const i of shuffled(eager.length, 7)) {
        const [a, b] = [lazy[i], eager[i]];
        expect({ i, events: a?.events, refusal: a?.refusal, transitions: a?.transitions }).toEqual({
          i,
          events: b?.events,
          refusal: b?.refusal,
          transitions: b?.transitions,
        });
      }
    });

  it('hold nothing but an outcome’s fields: a copy or a JSON text of one never reaches the line', () => {
    const [, s] = cases[1] as [string, Scenario];
    const eager = replayStates(s)?.results ?? [];
    const lazy = whole(s).results;
    const i = eager.findIndex((r) => r.transitions.length > 0 && r.refusal === undefined);
    const j = eager.findIndex((r) => r.refusal !== undefined);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(j).toBeGreaterThanOrEqual(0);
    for (const k of [i, j]) {
      expect(own(lazy[k])).toEqual(own(eager[k]));
      expect(JSON.stringify(lazy[k])).toBe(JSON.stringify(eager[k]));
    }
  });

  it('outcomes of the shared prefix keep answering after the line is edited', () => {
    const [, s] = cases[0] as [string, Scenario];
    const first = whole(s);
    const cut = { ...s, steps: s.steps.slice(0, 400) };
    const edited = replayFor(first, cut);
    const eager = replayStates(cut)?.results ?? [];
    for (const i of [399, 0, 250, 63, 64, 128])
      expect(edited.results[i]?.transitions).toEqual(eager[i]?.transitions);
  });
});

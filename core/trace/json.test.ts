import { describe, expect, it } from 'vitest';
import { TOURS } from '../presets/index.ts';
import { replay } from '../replay.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';
import { batched, traceJsonChunks } from './json.ts';

const parse = (raw: unknown): Scenario => {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};
const whole = (s: Scenario): string => `${JSON.stringify(replay(s), null, 2)}\n`;
const streamed = (s: Scenario): string => [...traceJsonChunks(s)].join('');
const base = { format: 'folioscope-scenario', version: 1 };

describe('the streamed JSON trace', () => {
  it.each(TOURS.map((t) => [t.name, t] as const))(
    'is byte-identical to the whole trace: tour %s',
    (_n, t) => {
      const s = parse(t.scenario);
      expect(streamed(s)).toBe(whole(s));
    },
  );

  it('is byte-identical with no steps', () => {
    const s = parse({ ...base, gmem: { size: '2M' }, steps: [] });
    expect(streamed(s)).toBe(whole(s));
  });

  it('is byte-identical when the creation is refused', () => {
    const s = parse({ ...base, gmem: { size: '3M', pageSize: '2M' }, steps: [{ op: 'close' }] });
    expect(replay(s).create.ok).toBe(false);
    expect(streamed(s)).toBe(whole(s));
  });

  it('is byte-identical with invariant violations and a title holding quotes and newlines', () => {
    const s = parse({
      ...base,
      title: 'a "quoted"\nline\u2028',
      gmem: { size: '2M', mmap: true },
      policy: { unsafeSkipRefCheck: true },
      steps: [
        { op: 'hostMap', offset: 0, length: '2M' },
        { op: 'convert', offset: 0, length: '4K', to: 'shared' },
        { op: 'hostAccess', offset: 0 },
        { op: 'pin', offset: 0, length: '4K' },
        { op: 'convert', offset: 0, length: '4K', to: 'private', note: 'x\ty' },
      ],
    });
    expect(replay(s).violations.length).toBeGreaterThan(0);
    expect(streamed(s)).toBe(whole(s));
  });

  it('yields one piece per step besides head and tail (never the whole trace at once)', () => {
    const s = parse({
      ...base,
      gmem: { size: '2M' },
      steps: Array.from({ length: 50 }, () => ({ op: 'close' })),
    });
    expect([...traceJsonChunks(s)]).toHaveLength(52);
  });

  it('batches pieces into blocks of about the given size, losing nothing', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `${i}`.repeat(7));
    const blocks = [...batched(pieces, 50)];
    expect(blocks.join('')).toBe(pieces.join(''));
    expect(blocks.slice(0, -1).every((b) => b.length >= 50 && b.length < 60)).toBe(true);
  });
});

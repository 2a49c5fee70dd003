import { describe, expect, it } from 'vitest';
import {
  WORKED_EXAMPLES,
  observe,
  plainObservation,
  parseRace,
  raceFrom,
  raceJson,
  type RaceSpec,
} from '../../../core/index.ts';
import { count, invariantLabel, invariantSentence, opText, pageDiff } from './text.ts';

describe('race words', () => {
  it('names the actors of example (a)', () => {
    const r = parseRace(raceJson(WORKED_EXAMPLES['a'] as RaceSpec));
    if (!r.ok) throw new Error('example a is invalid');
    expect(r.race.actors.map(opText)).toEqual([
      'convert 0x0 (4K) to private',
      'GUP FOLL_PIN 0x0 by odirect, path auto',
    ]);
  });

  it('diffs a page between two observations', () => {
    const r = parseRace(raceJson(WORKED_EXAMPLES['a'] as RaceSpec));
    if (!r.ok) throw new Error('example a is invalid');
    const start = observe(raceFrom(r.race)!.start.g);
    expect(pageDiff(start, start, 0)).toBe('unchanged');
    const zapped = {
      ...plainObservation(start),
      hostMappings: [],
      shareability: [{ offset: 0, length: 16384, state: 'private' as const }],
    };
    expect(pageDiff(start, zapped, 0)).toBe('attribute shared → private; host PTE yes → no');
  });

  it('writes invariant sentences, race refinements and counts', () => {
    expect(invariantSentence('1')).toMatch(
      /^Invariant 1 \(no-host-access-to-private\): No VMM PTE or GUP pin on a private index\. \(1′/,
    );
    expect(invariantSentence('R1')).toMatch(/^Invariant R1: Memory the TDX module still maps/);
    expect([count('1234567'), count('12'), count(null)]).toEqual(['1,234,567', '12', '—']);
  });

  it('labels an invariant by its number and its name', () => {
    expect(invariantLabel('1')).toBe('invariant 1 (no-host-access-to-private)');
    expect(invariantLabel('2')).toBe('invariant 2 (stage2-kind-matches)');
    expect(invariantLabel('R1')).toBe('invariant R1 (tdx-held-memory-unused)');
  });
});

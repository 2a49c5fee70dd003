import { describe, expect, it } from 'vitest';
import { outcome, run } from '../testkit.ts';

const mapped = { initShared: true };
const map = { op: 'hostMap', offset: 0, length: '4M' };

describe('putRef', () => {
  it('a transient reference blocks conversion until it is dropped, then the conversion goes through', () => {
    const steps = [
      map,
      { op: 'hostAccess', offset: 0 },
      { op: 'getRef', offset: 0, holder: 'lru' },
      { op: 'convert', offset: 0, length: '4K', to: 'private' },
    ];
    expect(run(mapped, steps).last.refusal?.reason).toContain('1 transient reference (lru)');
    const r = run(mapped, [
      ...steps,
      { op: 'putRef', offset: 0, holder: 'lru' },
      steps[3] as Record<string, unknown>,
    ]);
    expect(outcome(r.last)).toBe('ok');
  });
});

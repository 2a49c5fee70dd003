import { describe, expect, it } from 'vitest';
import { replayStates } from '../../../core/index.ts';
import { testScenario } from '../../store/testScenario.ts';
import { stepEdge } from './stepEdge.ts';

const run = (steps: unknown[]) => {
  const sc = testScenario(steps);
  const r = replayStates(sc);
  if (r === null) throw new Error('no replay');
  return (i: number) => stepEdge(sc.steps[i], r.states[i], r.states[i + 1], r.results[i]);
};

describe('the edge a step took', () => {
  const at = run([
    { op: 'convert', offset: '8K', length: '4K', to: 'shared' },
    { op: 'hostMap', offset: 0, length: '16K' },
    { op: 'hostAccess', offset: '8K', write: true },
    { op: 'pin', offset: '8K', length: '4K', holder: 'vfio' },
    { op: 'convert', offset: '8K', length: '4K', to: 'private' },
    { op: 'close' },
  ]);
  it('moves the step’s first page to the state the core reached', () => {
    const e = at(0);
    expect(e?.at).toBe(8192);
    expect(e?.from).toBe('private-hole');
    expect(e?.outcome).toMatchObject({ kind: 'move', key: 'convert:shared', to: 'shared-hole' });
  });
  it('shows a refusal with its errno, from the state the page stays in', () => {
    const e = at(4);
    expect(e?.from).toBe('shared-pinned');
    expect(e?.outcome).toMatchObject({ kind: 'refused', errno: 'EAGAIN', key: 'convert:private' });
    expect(e?.outcome.text).toBe('convert → private ⊘ EAGAIN');
  });
  it('takes a step without an offset to the first page its events touched', () => {
    expect(at(5)).toMatchObject({ at: 0, outcome: { key: 'close:' } });
    expect(stepEdge(undefined, undefined, undefined, undefined)).toBeUndefined();
  });
});

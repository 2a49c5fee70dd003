import { describe, expect, it } from 'vitest';
import { apply, create, observe, type GmemState, type Op } from '../../core/index.ts';
import { CHECKPOINT_EVERY, RECENT_STATES, replayFor } from './replayCache.ts';
import { testScenario } from './testScenario.ts';

/** 200 steps that change the state every time: share a page, make it private again, next page. */
const steps: Op[] = [{ op: 'allocate', offset: 0, length: 2 ** 30 }];
for (let i = 1; i < 200; i++)
  steps.push({
    op: 'convert',
    offset: (Math.floor((i - 1) / 2) % 50) * 4096,
    length: 4096,
    to: i % 2 === 1 ? 'shared' : 'private',
  });

/** Every state by plain replay, the truth the cache must reproduce. */
function plain(ops: readonly Op[]): GmemState[] {
  const scenario = testScenario(ops as unknown[]);
  let s = create(scenario.config).state as GmemState;
  const out = [s];
  for (const op of scenario.steps) out.push((s = apply(s, op).state));
  return out;
}

describe('replay cache: checkpoints and a bounded set of recent states', () => {
  const scenario = testScenario(steps);
  const truth = plain(steps);

  it('gives every state, in any seek order, equal to a plain replay', () => {
    const r = replayFor(null, scenario);
    expect(r.length).toBe(201);
    const order = [200, 0, 37, 36, 35, 199, 64, 63, 1, 150, 31, 33, 32, 100];
    for (const i of order) expect(observe(r.stateAt(i) as GmemState)).toEqual(observe(truth[i] as GmemState));
    for (let i = 200; i >= 0; i--) expect(r.stateAt(i)).toEqual(truth[i]);
    // The workload is meaningful: no step leaves the state as it was.
    for (let i = 1; i <= 200; i++) expect(truth[i], `step ${i}`).not.toBe(truth[i - 1]);
  });

  it('answers undefined out of range', () => {
    const r = replayFor(null, scenario);
    expect(r.stateAt(-1)).toBeUndefined();
    expect(r.stateAt(201)).toBeUndefined();
    expect(r.stateAt(1.5)).toBeUndefined();
  });

  it('keeps a state object stable while it is recent, so memoised views stay valid', () => {
    const r = replayFor(null, scenario);
    const a = r.stateAt(77);
    expect(r.stateAt(77)).toBe(a);
    for (let i = 100; i < 100 + RECENT_STATES + 5; i++) r.stateAt(i);
    // 77 fell out of the recent set: it is recomputed, equal but a new object.
    const b = r.stateAt(77);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
  });

  it('reuses the checkpoints of the shared prefix when the line grows or branches', () => {
    const r = replayFor(null, scenario);
    const cp = r.stateAt(CHECKPOINT_EVERY * 2);
    const more = testScenario([...steps, { op: 'convert', offset: 0, length: 4096, to: 'shared' }]);
    const grown = replayFor(r, {
      ...more,
      config: scenario.config,
      steps: [...scenario.steps, ...more.steps.slice(200)],
    });
    expect(grown.length).toBe(202);
    expect(grown.stateAt(CHECKPOINT_EVERY * 2)).toBe(cp);
    expect(grown.results.slice(0, 200)).toEqual(r.results);
    const branched = replayFor(r, { ...scenario, steps: scenario.steps.slice(0, 70) });
    expect(branched.length).toBe(71);
    expect(branched.stateAt(70)).toEqual(truth[70]);
    expect(branched.stateAt(CHECKPOINT_EVERY * 2)).toBe(cp);
  });

  it('has no states when the kernel refuses creation, and says why', () => {
    const r = replayFor(null, testScenario([], { size: '3M', pageSize: '2M' }));
    expect(r.length).toBe(0);
    expect(r.stateAt(0)).toBeUndefined();
    expect(r.createRefusal?.errno).toBe('EINVAL');
  });
});

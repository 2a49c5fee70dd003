import { parseScenario, type Op, type Scenario } from '../../core/index.ts';

/** A scenario for tests: 2G of 1G HugeTLB pages with mmap, optionally with steps. */
export function testScenario(steps: unknown[] = [], gmem: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    gmem: { size: '2G', pageSize: '1G', mmap: true, ...gmem },
    steps,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

export const SHARE_0: Op = { op: 'convert', offset: 0, length: 4096, to: 'shared' };
export const PRIVATE_0: Op = { op: 'convert', offset: 0, length: 4096, to: 'private' };
export const ALLOC_0: Op = { op: 'allocate', offset: 0, length: 4096 };

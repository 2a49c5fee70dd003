import { parseScenario, type Scenario } from '../core/index.ts';

/** What the app opens with: 2G of 1G HugeTLB pages, mmap-able, every index private, no memory yet. */
export function initialScenario(): Scenario {
  const r = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    vm: { type: 'sw_protected' },
    gmem: { size: '2G', pageSize: '1G', mmap: true },
    steps: [],
  });
  if (!r.ok) throw new Error('Folioscope: the built-in scenario does not parse');
  return r.scenario;
}

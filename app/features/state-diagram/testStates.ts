/** States for the diagram's tests: a scenario's last state, built through the core's API. */
import { PAGE_MACHINE, parseScenario, replayStates } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { INITIAL_INPUTS, type Selection } from '../../store/store.ts';
import { outcomesFor, type Outcome } from './outcomes.ts';

export const PAGE0: Selection = { start: 0, end: 4096, anchor: 0 };

/** The state after `steps` on a file (default: 2G of 1G HugeTLB pages with mmap, sw_protected). */
export function stateAfter(
  steps: unknown[],
  gmem: Record<string, unknown> = {},
  vm = 'sw_protected',
): GmemState {
  const p = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    vm: { type: vm },
    gmem: { size: '2G', pageSize: '1G', mmap: true, ...gmem },
    steps,
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const r = replayStates(p.scenario);
  const s = r?.states.at(-1);
  if (s === undefined) throw new Error('test scenario: creation refused');
  return s;
}

/** The page machine's outcomes for page 0 after `steps`, by key. */
export function pageOutcomes(
  steps: unknown[],
  gmem: Record<string, unknown> = {},
  vm?: string,
): Map<string, Outcome> {
  const list = outcomesFor(PAGE_MACHINE, stateAfter(steps, gmem, vm), PAGE0, INITIAL_INPUTS);
  return new Map(list.map((o) => [o.key, o]));
}

/** Selections the tests (and the e2e spec) exercise: each a scenario and page 0's state. */
export const SELECTIONS: readonly {
  name: string;
  steps: unknown[];
  gmem?: Record<string, unknown>;
  vm?: string;
}[] = [
  {
    name: 'private 1G folio, mapped',
    steps: [
      { op: 'allocate', offset: 0, length: '4K' },
      { op: 'guestAccess', offset: 0 },
    ],
  },
  {
    name: 'shared pinned 4K page',
    steps: [
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '2G' },
      { op: 'hostAccess', offset: 0 },
      { op: 'pin', offset: 0, length: '4K' },
    ],
  },
  {
    name: 'leaked TDX page',
    steps: [
      { op: 'guestAccess', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
      { op: 'convert', offset: 0, length: '4K', to: 'shared' },
    ],
    gmem: { size: '16M', pageSize: '4K' },
    vm: 'tdx',
  },
  { name: 'new file', steps: [] },
  {
    name: 'poisoned page',
    steps: [
      { op: 'guestAccess', offset: 0 },
      { op: 'memoryFailure', offset: 0 },
    ],
    gmem: { size: '16M', pageSize: '4K' },
  },
];

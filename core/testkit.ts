/**
 * Helpers for the core's tests: run format-v1 steps (sizes as "4K", "2M"…) on a config and
 * look at every intermediate result. Not part of the public API.
 */
import { apply } from './apply.ts';
import { create } from './create.ts';
import { checkInvariants } from './invariants.ts';
import { observe, type Observation } from './observe.ts';
import { parseScenario } from './scenario/parse.ts';
import { DEFAULT_POLICY } from './scenario/policy.ts';
import type { GmemState, StepResult } from './types.ts';
import { SIZE_1G } from './units.ts';

export interface Run {
  readonly results: StepResult[];
  readonly state: GmemState;
  readonly last: StepResult;
  readonly obs: Observation;
}

export interface Setup {
  vm?: string;
  size?: string;
  pageSize?: string;
  mmap?: boolean;
  initShared?: boolean;
  policy?: Record<string, unknown>;
}

/** Runs steps from creation; throws (a test bug) if the scenario is malformed or creation fails. */
export function run(setup: Setup, steps: Record<string, unknown>[]): Run {
  const parsed = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    vm: { type: setup.vm ?? 'sw_protected' },
    gmem: {
      size: setup.size ?? '4M',
      pageSize: setup.pageSize ?? '4K',
      mmap: setup.mmap ?? true,
      initShared: setup.initShared ?? false,
    },
    policy: setup.policy ?? {},
    steps,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const c = create(parsed.scenario.config);
  if (c.state === null) throw new Error(`creation refused: ${c.refusal?.reason ?? ''}`);
  let state = c.state;
  const results: StepResult[] = [];
  for (const op of parsed.scenario.steps) {
    const r = apply(state, op);
    results.push(r);
    state = r.state;
  }
  const last = results[results.length - 1] ?? { state, events: [], transitions: [], touched: [] };
  return { results, state, last, obs: observe(state) };
}

/** The kernel functions named by a result's events, in order. */
export const fns = (r: StepResult): string[] => r.events.map((e) => e.fn);

/** The diagram edges a result took. */
export const edges = (r: StepResult): string[] => r.transitions.map((e) => e.edge);

/** The errno of a result, or 'ok'. */
export const outcome = (r: StepResult): string => r.refusal?.errno ?? 'ok';

/** Invariant rules violated in a state (empty under the default policy). */
export const violated = (s: GmemState): number[] => [...new Set(checkInvariants(s).map((v) => v.rule))];

/** A file of `gib` 1G HugeTLB folios on sw_protected, mmap-able: where long workloads build thousands of runs. */
export function hugeFile(gib = 4): GmemState {
  const s = create({
    vmType: 'sw_protected',
    size: gib * SIZE_1G,
    pageSize: SIZE_1G,
    mmap: true,
    initShared: false,
    policy: DEFAULT_POLICY,
  }).state;
  if (s === null) throw new Error('creation refused');
  return s;
}

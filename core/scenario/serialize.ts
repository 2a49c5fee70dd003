import type { Op } from '../types.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { Scenario } from './types.ts';

/** An op as the trace echoes it: every number an integer, fields in the format's order. */
export function opToJson(op: Op): Record<string, unknown> {
  return { ...op };
}

/**
 * A scenario back to format-v1 JSON (numbers as integers, default knobs left out), which
 * parseScenario reads back to an equal scenario.
 */
export function scenarioToJson(s: Scenario): Record<string, unknown> {
  const c = s.config;
  const policy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.policy))
    if (DEFAULT_POLICY[k as keyof typeof DEFAULT_POLICY] !== v) policy[k] = v;
  return {
    format: 'folioscope-scenario',
    version: 1,
    ...(s.title === undefined ? {} : { title: s.title }),
    ...(s.description === undefined ? {} : { description: s.description }),
    vm: { type: c.vmType },
    gmem: { size: c.size, pageSize: c.pageSize, mmap: c.mmap, initShared: c.initShared },
    policy,
    steps: s.steps.map(opToJson),
  };
}

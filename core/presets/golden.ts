import type { Observation } from '../observe.ts';
import type { Trace } from '../replay.ts';
import type { CoreEvent } from '../types.ts';

/** A tour's trace, cut down to what a semantic change would alter (the golden file format). */
export interface GoldenTrace {
  format: 'folioscope-tour-golden';
  version: 1;
  name: string;
  create: { ok: boolean; errno?: string; events: [string, string][] };
  initial: Observation | null;
  steps: GoldenStep[];
  violations: Trace['violations'];
}

export interface GoldenStep {
  index: number;
  ok: boolean;
  errno?: string;
  exit?: string;
  /** [type, fn] of every event, in order. */
  events: [string, string][];
  state: Observation;
}

const pairs = (events: readonly CoreEvent[]): [string, string][] => events.map((e) => [e.type, e.fn]);

/** The golden form of a tour's trace: per step only index, ok, errno, exit, event pairs and state. */
export function goldenOf(name: string, t: Trace): GoldenTrace {
  return {
    format: 'folioscope-tour-golden',
    version: 1,
    name,
    create: {
      ok: t.create.ok,
      ...(t.create.errno === undefined ? {} : { errno: t.create.errno }),
      events: pairs(t.create.events),
    },
    initial: t.initial,
    steps: t.steps.map((s) => ({
      index: s.index,
      ok: s.ok,
      ...(s.errno === undefined ? {} : { errno: s.errno }),
      ...(s.exit === undefined ? {} : { exit: s.exit }),
      events: pairs(s.events),
      state: s.state,
    })),
    violations: t.violations,
  };
}

/**
 * JSON with one short array or object per line: readable diffs, small files. Anything whose
 * one-line form fits in `width` characters stays on one line.
 */
export function goldenText(value: unknown, width = 130): string {
  const out = (v: unknown, indent: string): string => {
    const flat = JSON.stringify(v);
    if (flat === undefined) return 'null';
    if (typeof v !== 'object' || v === null || flat.length + indent.length <= width) return flat;
    const inner = `${indent}  `;
    if (Array.isArray(v)) return `[\n${v.map((x) => inner + out(x, inner)).join(',\n')}\n${indent}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${out(x, inner)}`).join(',\n')}\n${indent}}`;
  };
  return `${out(value, '')}\n`;
}

/**
 * A small harness for the selftest replays in this folder: format-v1 scenario objects, run
 * through parseScenario + replay, and a Script that writes steps the way the selftests'
 * helpers act (host_do_rmw, run_guest_do_rmw, test_private, test_shared...) while recording
 * what each step must answer, so verify() can check the whole trace afterwards.
 */
import {
  formatErrors,
  parseScenario,
  replay,
  type Observation,
  type Trace,
  type TraceStep,
} from '../index.ts';

export const PAGE = 4096;
export const SZ_2M = 2 * 1024 * 1024;
export const SZ_1G = 1024 * 1024 * 1024;

export type Json = Record<string, unknown>;
/** What a read sees: never written (zero), last written by the host, or by the guest. */
export type Seen = 'zero' | 'host' | 'guest';

export function scenario(title: string, gmem: Json, steps: readonly Json[], extra: Json = {}): Json {
  return {
    format: 'folioscope-scenario',
    version: 1,
    title,
    vm: { type: 'sw_protected' },
    gmem,
    steps,
    ...extra,
  };
}

/** Parses (a rejected scenario throws, failing the test) and replays a scenario. */
export function run(raw: Json): Trace {
  const parsed = parseScenario(raw);
  if (!parsed.ok)
    throw new Error(`parseScenario rejected "${String(raw['title'])}": ${formatErrors(parsed.errors)}`);
  return replay(parsed.scenario);
}

/** The invariant violations of a trace, one line each (expected: none). */
export const violations = (t: Trace): string[] =>
  t.violations.map((v) => `step ${v.step}: ${v.rule}: ${v.message}`);

export function at(t: Trace, i: number): TraceStep {
  const s = t.steps[i];
  if (s === undefined) throw new Error(`the trace has no step ${i}`);
  return s;
}

export const last = (t: Trace): TraceStep => at(t, t.steps.length - 1);

export const outcome = (s: TraceStep): string => (s.ok ? 'ok' : (s.errno ?? '?'));

export function contentAt(o: Observation, offset: number): string | undefined {
  return o.contents.find((c) => c.offset <= offset && offset < c.offset + c.length)?.content;
}

/** Shareability as [offset, length, state] triples. */
export const attrs = (o: Observation): [number, number, string][] =>
  o.shareability.map((r) => [r.offset, r.length, r.state]);

interface Check {
  readonly step: number;
  readonly label: string;
  readonly outcome: string;
  readonly errorOffset?: number;
  readonly exit?: string;
  /** The content the step's access sees at `offset` (checked on the state after the step). */
  readonly seen?: { readonly offset: number; readonly value: Seen };
}

export class Script {
  readonly steps: Json[] = [];
  private readonly checks: Check[] = [];

  /** Adds a step and what it must answer; returns its index. */
  step(
    op: Json,
    label: string,
    expectOutcome = 'ok',
    more: Omit<Check, 'step' | 'label' | 'outcome'> = {},
  ): number {
    const i = this.steps.push(op) - 1;
    this.checks.push({ step: i, label, outcome: expectOutcome, ...more });
    return i;
  }

  /** host_do_rmw: the host reads `seen` at `offset`, then writes its own byte. */
  hostRmw(offset: number, seen: Seen, label = 'host_do_rmw'): void {
    this.step({ op: 'hostAccess', offset }, `${label}: host reads ${seen} at ${offset}`, 'ok', {
      seen: { offset, value: seen },
    });
    this.step({ op: 'hostAccess', offset, write: true }, `${label}: host writes at ${offset}`);
  }

  /** run_guest_do_rmw: the guest reads `seen` at `offset` (as the page is now), then writes. */
  guestRmw(offset: number, seen: Seen, label = 'run_guest_do_rmw'): void {
    this.step({ op: 'guestAccess', offset }, `${label}: guest reads ${seen} at ${offset}`, 'ok', {
      seen: { offset, value: seen },
    });
    this.step({ op: 'guestAccess', offset, write: true }, `${label}: guest writes at ${offset}`);
  }

  /** A host store whose previous value the selftest does not check ('X'). */
  hostWrite(offset: number, label = 'host store'): number {
    return this.step({ op: 'hostAccess', offset, write: true }, `${label} at ${offset}`);
  }

  /** A guest store whose previous value the selftest does not check ('X'). */
  guestWrite(offset: number, label = 'guest store'): number {
    return this.step({ op: 'guestAccess', offset, write: true }, `${label} at ${offset}`);
  }

  /** TEST_EXPECT_SIGBUS on a host load or store; assert_host_cannot_fault. */
  hostSigbus(offset: number, write: boolean, label = 'TEST_EXPECT_SIGBUS'): void {
    this.step(
      { op: 'hostAccess', offset, write },
      `${label}: host ${write ? 'store' : 'load'} at ${offset} SIGBUSes`,
      'SIGBUS',
    );
  }

  /** test_private: host store SIGBUS, guest rmw, host load SIGBUS. */
  testPrivate(offset: number, seen: Seen): void {
    this.hostSigbus(offset, true, 'test_private');
    this.guestRmw(offset, seen, 'test_private');
    this.hostSigbus(offset, false, 'test_private');
  }

  /** test_shared: host rmw, guest rmw (sees the host's byte), host reads the guest's byte. */
  testShared(offset: number, seen: Seen): void {
    this.hostRmw(offset, seen, 'test_shared');
    this.guestRmw(offset, 'host', 'test_shared');
    this.step({ op: 'hostAccess', offset }, `test_shared: host reads the guest's byte at ${offset}`, 'ok', {
      seen: { offset, value: 'guest' },
    });
  }

  convert(offset: number, length: number, to: 'shared' | 'private', label = `convert to ${to}`): number {
    return this.step({ op: 'convert', offset, length, to }, label);
  }

  /** A conversion to private that must fail with EAGAIN and this error_offset. */
  convertFails(
    offset: number,
    length: number,
    errorOffset: number,
    label = 'test_convert_to_private_fails',
  ): number {
    return this.step({ op: 'convert', offset, length, to: 'private' }, label, 'EAGAIN', { errorOffset });
  }

  /**
   * Every way the trace differs from what was recorded, one line each, plus any invariant
   * violation: a test asserts that the list is empty, so a failure names each step at fault.
   */
  problems(t: Trace): string[] {
    const out = violations(t);
    if (t.steps.length !== this.steps.length)
      out.push(`${t.steps.length} steps replayed, ${this.steps.length} written`);
    for (const c of this.checks) {
      const s = t.steps[c.step];
      const where = `step ${c.step} (${c.label})`;
      if (s === undefined) {
        out.push(`${where}: missing`);
        continue;
      }
      if (outcome(s) !== c.outcome)
        out.push(
          `${where}: expected ${c.outcome}, got ${outcome(s)}${s.reason === undefined ? '' : ` (${s.reason})`}`,
        );
      if (c.errorOffset !== undefined && s.errorOffset !== c.errorOffset)
        out.push(`${where}: expected error_offset ${c.errorOffset}, got ${String(s.errorOffset)}`);
      if (c.exit !== undefined && s.exit !== c.exit)
        out.push(`${where}: expected exit ${c.exit}, got ${String(s.exit)}`);
      if (c.seen !== undefined) {
        const got = contentAt(s.state, c.seen.offset);
        if (got !== c.seen.value) out.push(`${where}: expected to see ${c.seen.value}, saw ${String(got)}`);
      }
    }
    return out;
  }
}

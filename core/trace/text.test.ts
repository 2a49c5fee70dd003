import { describe, expect, it } from 'vitest';
import { describeConfig } from '../describe.ts';
import { TOURS } from '../presets/index.ts';
import { replay, startTrace, stepRecords, type Trace } from '../replay.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';
import { columns, isControl } from './terminal.ts';
import { recordsTextChunks, traceToText } from './text.ts';

const parse = (raw: unknown): Scenario => {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

/** The runner's text: steps not observed one by one, the last state observed at the end. */
function streamed(s: Scenario): string {
  const { head, state } = startTrace(s);
  const violations: Trace['violations'] = [];
  const records = state === null ? [] : stepRecords(s, state, violations);
  return [...recordsTextChunks(head, describeConfig(s.config), records, violations)].join('');
}

const whole = (s: Scenario): string => traceToText(replay(s), describeConfig(s.config));
const base = { format: 'folioscope-scenario', version: 1 };

describe("the runner's text trace", () => {
  it.each(TOURS.map((t) => [t.name, t] as const))('equals the whole trace as text: tour %s', (_n, t) => {
    const s = parse(t.scenario);
    expect(streamed(s)).toBe(whole(s));
  });

  it('equals it with no steps, with a refused creation and with violations', () => {
    for (const raw of [
      { ...base, gmem: { size: '2M' }, steps: [] },
      { ...base, gmem: { size: '3M', pageSize: '2M' }, steps: [{ op: 'close' }] },
      {
        ...base,
        policy: { unsafeSkipZap: true },
        gmem: { size: '4M', mmap: true },
        steps: [
          { op: 'guestAccess', offset: 0 },
          { op: 'convert', offset: 0, length: '4K', to: 'shared' },
          { op: 'hostMap', offset: 0, length: '4M' },
          { op: 'hostAccess', offset: 0 },
        ],
      },
    ]) {
      const s = parse(raw);
      expect(streamed(s)).toBe(whole(s));
    }
    const violated = parse({
      ...base,
      policy: { unsafeSkipZap: true },
      gmem: { size: '4M' },
      steps: [
        { op: 'guestAccess', offset: 0 },
        { op: 'convert', offset: 0, length: '4K', to: 'shared' },
      ],
    });
    expect(streamed(violated)).toContain('invariant violations:');
  });
});

describe('a step in the text trace', () => {
  it('lists what the kernel did before it refused, then the errno and the reason', () => {
    const s = parse({
      ...base,
      gmem: { size: '2M', mmap: true, initShared: true },
      vm: { type: 'pkvm' },
      steps: [
        { op: 'hostMap', offset: 0, length: '2M' },
        { op: 'pin', offset: 0, length: '4K', holder: 'vfio' },
        { op: 'convert', offset: 0, length: '4K', to: 'private' },
      ],
    });
    const lines = whole(s).split('\n');
    const head = lines.findIndex((l) => l.startsWith('[3] convert'));
    const zap = lines.findIndex((l, i) => i > head && l.includes('unmap_mapping_pages 0x0+4K'));
    const refusal = lines.findIndex((l, i) => i > head && l.startsWith('    EAGAIN from kvm_gmem_'));
    expect(head).toBeGreaterThan(0);
    expect(zap).toBeGreaterThan(head);
    expect(refusal).toBeGreaterThan(zap);
  });

  it('says how much of a huge folio its first user zeroed when some pages hold data', () => {
    const s = parse({
      ...base,
      gmem: { size: '2M', pageSize: '2M', mmap: true },
      steps: [
        { op: 'convert', offset: '0x1000', length: '4K', to: 'shared' },
        { op: 'hostMap', offset: 0, length: '2M' },
        { op: 'hostAccess', offset: '0x1000', write: true },
        { op: 'convert', offset: '0x1000', length: '4K', to: 'private' },
        { op: 'guestAccess', offset: '0x1000' },
      ],
    });
    expect(whole(s).replace(/\n +/g, ' ')).toContain(
      'folio_zero_user 0x0+2M: first use: the 2044K not yet uptodate zeroed; the 4K holding data kept; marked uptodate',
    );
  });
});

describe('the text trace is safe to print in a terminal', () => {
  it('shows control characters of a title or note escaped, never raw', () => {
    const s = parse({
      ...base,
      title: 'x\u001b[31mRED\u0007 \u202eevil',
      gmem: { size: '2M' },
      steps: [{ op: 'close', note: '\u001b]0;pwned\u0007 \u009b2J done' }],
    });
    const text = whole(s);
    expect([...text].filter((c) => c !== '\n' && isControl(c.charCodeAt(0)))).toEqual([]);
    expect(text).toContain('x\\u001b[31mRED\\u0007 \\u202eevil');
    expect(text).toContain('note: \\u001b]0;pwned\\u0007 \\u009b2J done');
  });

  it('counts a wide character as two columns: no line past 80', () => {
    const s = parse({ ...base, gmem: { size: '2M' }, steps: [{ op: 'close', note: '中'.repeat(60) }] });
    for (const line of whole(s).split('\n')) expect(columns(line)).toBeLessThanOrEqual(80);
    expect(columns('中a')).toBe(3);
  });
});

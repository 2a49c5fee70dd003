import { describe, expect, it } from 'vitest';
import { parseSize, sizeProblem } from './numbers.ts';
import { formatErrors, OP_FIELDS, parseScenario } from './parse.ts';
import { scenarioToJson } from './serialize.ts';

const base = {
  format: 'folioscope-scenario',
  version: 1,
  gmem: { size: '2G', pageSize: '1G', mmap: true },
  steps: [] as unknown[],
};
const errorsOf = (raw: unknown): string => {
  const r = parseScenario(raw);
  return r.ok ? '' : formatErrors(r.errors);
};

describe('parseSize', () => {
  it('reads integers and strings with binary suffixes', () => {
    expect(parseSize(4096)).toBe(4096);
    expect(parseSize('4K')).toBe(4096);
    expect(parseSize('2M')).toBe(2097152);
    expect(parseSize('1G')).toBe(1073741824);
    expect(parseSize('1T')).toBe(1099511627776);
    expect(parseSize('0x200000')).toBe(2097152);
    expect(parseSize('1536K')).toBe(1572864);
    expect(parseSize('0')).toBe(0);
  });

  it('rejects negatives, fractions, junk and values past 2^53', () => {
    for (const v of [
      -1,
      1.5,
      '-4K',
      '4k',
      '4 KB',
      '',
      '0x',
      'ten',
      null,
      true,
      [],
      {},
      '99999999999T',
      2 ** 60,
    ])
      expect(parseSize(v)).toBeUndefined();
  });

  it('says why a typed size is not one', () => {
    expect(sizeProblem(' 2M ')).toBeUndefined();
    expect(sizeProblem('  ')).toBe('empty');
    expect(sizeProblem('-4K')).toBe('negative');
    expect(sizeProblem('99999999999T')).toBe('too large');
    expect(sizeProblem('0x20000000000000')).toBe('too large');
    expect(sizeProblem('4 KB')).toBe('not a size');
    expect(sizeProblem('0x')).toBe('not a size');
  });
});

describe('parseScenario', () => {
  it('normalises numbers and fills defaults', () => {
    const r = parseScenario({
      ...base,
      steps: [
        { op: 'convert', offset: '0', length: '4K', to: 'shared' },
        { op: 'pin', offset: 0, length: 4096 },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.config).toMatchObject({
      vmType: 'sw_protected',
      size: 2147483648,
      pageSize: 1073741824,
      mmap: true,
      initShared: false,
    });
    expect(r.scenario.config.policy.splitPath).toBe('direct');
    expect(r.scenario.steps[0]).toEqual({ op: 'convert', offset: 0, length: 4096, to: 'shared' });
  });

  // Issue 10 rule 9: the spec v2 knobs are optional additions to format v1: absent means the
  // default (every existing scenario keeps its meaning), present must be a known value.
  it('reads the spec v2 knobs, defaulting them when absent', () => {
    const plain = parseScenario(base);
    if (!plain.ok) throw new Error('invalid');
    expect(plain.scenario.config.policy).toMatchObject({
      crossBoundary: 'zap',
      leavesOnSplit: 'demote',
      tdxRemovalFailure: 'ref',
    });
    const set = parseScenario({
      ...base,
      policy: { crossBoundary: 'split', leavesOnSplit: 'keep', tdxRemovalFailure: 'bug' },
    });
    if (!set.ok) throw new Error('invalid');
    expect(scenarioToJson(set.scenario)['policy']).toEqual({
      crossBoundary: 'split',
      leavesOnSplit: 'keep',
      tdxRemovalFailure: 'bug',
    });
    expect(scenarioToJson(plain.scenario)['policy']).toEqual({});
    expect(errorsOf({ ...base, policy: { crossBoundary: 'demote' } })).toMatch(
      /^policy\.crossBoundary: expected one of "zap", "split"/,
    );
    expect(errorsOf({ ...base, policy: { tdxRemovalFailure: true } })).toMatch(/^policy\.tdxRemovalFailure/);
  });

  it('round-trips through scenarioToJson', () => {
    const r = parseScenario({
      ...base,
      title: 't',
      policy: { mergeWhen: 'lastRef' },
      steps: [{ op: 'split', offset: '1G', to: '2M', note: 'n' }],
    });
    if (!r.ok) throw new Error('invalid');
    const again = parseScenario(scenarioToJson(r.scenario));
    expect(again).toEqual(r);
  });

  it('takes op names from its own table only, never from Object.prototype', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(errorsOf({ ...base, steps: [{ op: name }] })).toBe(
        `steps[0].op: unknown op "${name}" (expected one of: ${Object.keys(OP_FIELDS).join(', ')})`,
      );
  });

  const PROTO = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(PROTO)('a vm type named %s is not a vm type', (name) => {
    expect(errorsOf({ ...base, vm: { type: name } })).toBe(
      `vm.type: expected one of sw_protected, tdx, snp, pkvm, got "${name}"`,
    );
  });

  it.each(PROTO)('a policy knob named %s is an unknown knob, and a choice named so is refused', (name) => {
    expect(errorsOf({ ...base, policy: JSON.parse(`{"${name}": "direct"}`) })).toMatch(
      new RegExp(`^policy\\.${name}: unknown field`),
    );
    expect(errorsOf({ ...base, policy: { splitPath: name } })).toBe(
      `policy.splitPath: expected one of "direct", "stepwise", got "${name}"`,
    );
  });

  it.each(PROTO)('a field named %s on a step or in gmem is unknown, blamed on itself', (name) => {
    const step = JSON.parse(`{"op": "close", "${name}": 1}`);
    expect(errorsOf({ ...base, steps: [step] })).toMatch(
      new RegExp(`^steps\\[0\\]\\.${name}: unknown field`),
    );
    const gmem = JSON.parse(`{"size": "2G", "${name}": true}`);
    expect(errorsOf({ ...base, gmem })).toMatch(new RegExp(`^gmem\\.${name}: unknown field`));
    expect(errorsOf({ ...base, gmem: { size: '2G', pageSize: name } })).toMatch(/^gmem\.pageSize: expected/);
  });

  it('names the step and field of every malformed step', () => {
    expect(errorsOf({ ...base, steps: [{ op: 'convert', offset: 0, to: 'shared' }] })).toBe(
      'steps[0].length: missing (convert needs offset, length, to)',
    );
    expect(errorsOf({ ...base, steps: [{}, { op: 'fly' }] })).toMatch(
      /^steps\[0\]\.op: missing: every step names its op .*\nsteps\[1\]\.op: unknown op "fly"/,
    );
    expect(errorsOf({ ...base, steps: [{ op: 'allocate', offset: -4096, length: '4K' }] })).toMatch(
      /^steps\[0\]\.offset: expected a size/,
    );
    expect(errorsOf({ ...base, steps: [{ op: 'allocate', offset: 0, length: '4K', lenght: 1 }] })).toMatch(
      /^steps\[0\]\.lenght: unknown field/,
    );
    expect(errorsOf({ ...base, steps: [{ op: 'guestAccess', offset: 0, write: 'yes' }] })).toMatch(
      /^steps\[0\]\.write: expected true or false/,
    );
    expect(errorsOf({ ...base, steps: [{ op: 'split', offset: 0, to: '1G' }] })).toMatch(
      /^steps\[0\]\.to: expected "2M" or "4K"/,
    );
    expect(
      errorsOf({ ...base, steps: [{ op: 'pin', offset: 0, length: '4K', holder: '<script>' }] }),
    ).toMatch(/^steps\[0\]\.holder: expected a holder name/);
    expect(errorsOf({ ...base, steps: ['close'] })).toMatch(/^steps\[0\]: expected an object/);
  });

  it('says an offset near 2^64 is too large to hold, not that it is no size', () => {
    for (const offset of ['0xFFFFFFFFFFFFF000', 2 ** 64, '16384T'])
      expect(errorsOf({ ...base, steps: [{ op: 'allocate', offset, length: '4K' }] })).toMatch(
        /^steps\[0\]\.offset: .* is too large: sizes and offsets go up to 2\^53 - 1 \(9,007,199,254,740,991\) bytes/,
      );
    expect(errorsOf({ ...base, steps: [{ op: 'allocate', offset: 1.5, length: '4K' }] })).toMatch(
      /^steps\[0\]\.offset: expected a size/,
    );
  });

  it('rejects unknown knobs, bad enums, a wrong format or version, and a missing size', () => {
    expect(errorsOf({ ...base, policy: { splitpath: 'direct' } })).toMatch(
      /^policy\.splitpath: unknown field/,
    );
    expect(errorsOf({ ...base, policy: { mergeWhen: 'always' } })).toMatch(
      /^policy\.mergeWhen: expected one of/,
    );
    expect(errorsOf({ ...base, policy: { hostHugePages: -1 } })).toMatch(/^policy\.hostHugePages/);
    expect(errorsOf({ ...base, vm: { type: 'sev' } })).toMatch(/^vm\.type: expected one of/);
    expect(errorsOf({ ...base, format: 'other' })).toMatch(/^format:/);
    expect(errorsOf({ ...base, version: 2 })).toMatch(/^version: expected 1/);
    expect(errorsOf({ ...base, gmem: { pageSize: '2M' } })).toMatch(/gmem\.size: missing/);
    expect(errorsOf({ ...base, gmem: { size: '2G', pageSize: '3M' } })).toMatch(
      /gmem\.pageSize: expected "4K", "2M" or "1G"/,
    );
    expect(errorsOf([])).toBe('a scenario is a JSON object');
    expect(errorsOf({ ...base, steps: undefined })).toMatch(/^steps: missing/);
  });

  it('accepts a creation the kernel would refuse (it is a valid scenario)', () => {
    expect(parseScenario({ ...base, gmem: { size: '3M', pageSize: '2M' } }).ok).toBe(true);
  });
});

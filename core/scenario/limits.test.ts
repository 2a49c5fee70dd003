import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from './codec.ts';
import { LIMITS, isWellFormed, tooDeep, utf8Length } from './limits.ts';
import { linkLength } from './linkSize.ts';
import { formatErrors, parseScenario, validateStep } from './parse.ts';

const base = { format: 'folioscope-scenario', version: 1, gmem: { size: '2M' }, steps: [] };
const errorsOf = (raw: Record<string, unknown>): string => {
  const r = parseScenario({ ...base, ...raw });
  return r.ok ? 'accepted' : formatErrors(r.errors);
};
/** The scenario, or a thrown list of errors (keeps expects unconditional). */
const mustParse = (raw: Record<string, unknown>) => {
  const r = parseScenario({ ...base, ...raw });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r;
};
const closes = (n: number, note?: string) =>
  Array.from({ length: n }, () => (note === undefined ? { op: 'close' } : { op: 'close', note }));
const step = (note: string) => ({ steps: [{ op: 'close', note }] });
const nest = (depth: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('the limits table', () => {
  it('has one entry per limit, each a positive safe integer', () => {
    expect(Object.keys(LIMITS).toSorted()).toEqual(
      [
        'blockVisits',
        'blocksPerStep',
        'branches',
        'depth',
        'fileBytes',
        'fileSize',
        'holders',
        'hugePages',
        'linkLength',
        'raceActors',
        'raceBlocks',
        'racePages',
        'raceSchedule',
        'raceStates',
        'raceViolations',
        'steps',
        'textBytes',
      ].toSorted(),
    );
    for (const v of Object.values(LIMITS)) expect(Number.isSafeInteger(v) && v > 0).toBe(true);
  });

  it('counts UTF-8 bytes like TextEncoder, in every script', () => {
    for (const s of ['', 'abc', 'é', '中文', '😀', 'مرحبا', 'नमस्ते', 'a\u0000b', '\uFEFF'])
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('tells lone surrogates from pairs', () => {
    expect(isWellFormed('😀')).toBe(true);
    expect(isWellFormed('\uD83D')).toBe(false);
    expect(isWellFormed('x\uDE00')).toBe(false);
  });

  it('measures nesting without the stack, even 1,000,000 deep', () => {
    expect(tooDeep(nest(LIMITS.depth - 1))).toBeUndefined();
    expect(tooDeep(nest(1_000_000))).toBe(`${'[0]'.repeat(LIMITS.depth)}`);
  });

  it('computes the link length the codec really produces', () => {
    const r = mustParse({
      title: '中文 title',
      gmem: { size: '1G', pageSize: '2M' },
      policy: { hostHugePages: 300 },
      steps: [
        { op: 'pin', offset: '4K', length: 12345, holder: 'vfio', note: 'é' },
        { op: 'pin', offset: 2 ** 50, length: '2M', holder: 'io_uring' },
        { op: 'unpin', offset: 0, length: '4K', holder: 'vfio' },
        { op: 'guestAccess', offset: 0, as: 'shared' },
        { op: 'close' },
      ],
    });
    expect(linkLength(r.scenario)).toBe(encodeScenario(r.scenario).length);
  });
});

describe('refused at parse time, naming the limit and the field', () => {
  it('an 8 PiB file (the tiny link that froze the tab)', () => {
    expect(errorsOf({ gmem: { size: 2 ** 53 - 2 ** 30, pageSize: '1G' } })).toMatch(
      /^gmem\.size: .*1 TiB \(limit fileSize = 1,099,511,627,776\)$/,
    );
  });

  it('a file one byte over 1 TiB, but not one of exactly 1 TiB', () => {
    expect(errorsOf({ gmem: { size: 2 ** 40 + 4096 } })).toMatch(/gmem\.size: .*limit fileSize/);
    expect(errorsOf({ gmem: { size: '1T', pageSize: '1G' } })).toBe('accepted');
  });

  it('a 2M file with more blocks than one step may touch', () => {
    expect(errorsOf({ gmem: { size: '64G', pageSize: '2M' } })).toBe(
      'gmem.size: 32,768 huge-page blocks (one step may touch them all); at most 16,384 (limit blocksPerStep = 16,384)',
    );
    expect(errorsOf({ gmem: { size: '32G', pageSize: '2M' } })).toBe('accepted');
  });

  it('a title of 4,000 CJK characters (12,000 bytes)', () => {
    expect(errorsOf({ title: '中'.repeat(4000) })).toBe(
      'title: 12,000 bytes of UTF-8 text; at most 10,000 are allowed (limit textBytes = 10,000)',
    );
  });

  it('a note of 2,501 emoji, but not one of 2,500', () => {
    expect(errorsOf(step('😀'.repeat(2501)))).toMatch(/^steps\[0\]\.note: 10,004 bytes .*limit textBytes/);
    expect(errorsOf(step('😀'.repeat(2500)))).toBe('accepted');
  });

  it('a description with a lone surrogate (it has no UTF-8 form)', () => {
    expect(errorsOf({ description: 'a\uD800b' })).toMatch(/^description: contains an unpaired surrogate/);
  });

  it('more steps than the limit', () => {
    expect(errorsOf({ steps: closes(LIMITS.steps + 1) })).toBe(
      'steps: 100,001 steps; at most 100,000 are allowed (limit steps = 100,000)',
    );
  });

  it('values nested deeper than the limit, before any message quotes them', () => {
    expect(errorsOf({ title: nest(5000) })).toMatch(
      /^title\[0\].*: values nest more than 32 levels deep here \(limit depth = 32\)$/,
    );
    const r = validateStep({ op: 'pin', offset: nest(100_000), length: '4K' });
    expect(r.ok ? 'accepted' : formatErrors(r.errors)).toMatch(/^offset(\[0\])+: values nest more than 32/);
  });

  it('more distinct holders than the link table holds', () => {
    const steps = Array.from({ length: LIMITS.holders + 1 }, (_, i) => ({
      op: 'getRef',
      offset: 0,
      holder: `h${i}`,
    }));
    expect(errorsOf({ steps })).toBe(
      'steps: 1,001 different holder names; at most 1,000 (limit holders = 1,000)',
    );
  });

  it('a scenario whose link would be longer than the link limit', () => {
    const note = 'x'.repeat(LIMITS.textBytes);
    const steps = closes(200, note);
    expect(errorsOf({ steps })).toMatch(
      /^steps: the scenario is too large to share or autosave: its link would be 2,667,482 characters; at most 2,000,000 \(limit linkLength = 2,000,000\)$/,
    );
  });

  it('steps that together visit more huge-page blocks than the work limit', () => {
    const sweep = { op: 'convert', offset: 0, length: '32G', to: 'shared' };
    const steps = Array.from({ length: 31 }, () => sweep);
    expect(errorsOf({ gmem: { size: '32G', pageSize: '2M' }, steps: steps.slice(0, 30) })).toBe('accepted');
    expect(errorsOf({ gmem: { size: '32G', pageSize: '2M' }, steps })).toBe(
      'steps[30]: the steps so far visit 507,935 huge-page blocks in all; at most 500,000 (limit blockVisits = 500,000): use a smaller file or fewer steps over the whole file',
    );
  });

  it('charges a step only the blocks its range covers inside the file', () => {
    const steps = Array.from({ length: 100_000 }, (_, i) => ({
      op: 'pin',
      offset: `${(i % 16) * 2}M`,
      length: '4K',
    }));
    expect(errorsOf({ gmem: { size: '32G', pageSize: '2M' }, steps })).toBe('accepted');
  });

  it('host huge pages past the limit', () => {
    expect(errorsOf({ policy: { hostHugePages: 2 ** 53 - 1 } })).toMatch(
      /^policy\.hostHugePages: .*limit hugePages/,
    );
  });
});

describe('whatever the parser accepts at the limits, the link carries back', () => {
  it('100,000 steps', () => {
    const steps = Array.from({ length: LIMITS.steps }, () => ({ op: 'allocate', offset: 0, length: '4K' }));
    const r = mustParse({ steps });
    expect(decodeScenario(encodeScenario(r.scenario))).toEqual(r);
  });

  it('a 1 TiB file with every text at its limit', () => {
    const t = 'ü'.repeat(LIMITS.textBytes / 2);
    const r = mustParse({
      title: t,
      description: t,
      gmem: { size: '1T', pageSize: '1G' },
      steps: [{ op: 'close', note: t }],
    });
    expect(decodeScenario(encodeScenario(r.scenario))).toEqual(r);
  });
});

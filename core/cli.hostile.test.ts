/**
 * The runner facing malformed input: every case exits 2 with exactly one line on stderr
 * naming what is wrong (the field when there is one), nothing on stdout, never a stack trace.
 * One test per input, so each has its own time budget (generous: each spawns tsx).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (input: Uint8Array | string, args: string[] = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli.ts', 'run', '-', ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });

const head = '{"format":"folioscope-scenario","version":1,"gmem":{"size":"2M"}';
const withSteps = (steps: string) => `${head},"steps":[${steps}]}`;
const nest = (n: number) => `${'['.repeat(n)}0${']'.repeat(n)}`;
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** [name, input, what the one line must match] */
const CASES: [string, Uint8Array | string, RegExp][] = [
  ['op constructor', withSteps('{"op":"constructor"}'), /steps\[0\]\.op: unknown op "constructor"/],
  ['op toString', withSteps('{"op":"toString"}'), /steps\[0\]\.op: unknown op "toString"/],
  ['op __proto__', withSteps('{"op":"__proto__"}'), /steps\[0\]\.op: unknown op "__proto__"/],
  ['op hasOwnProperty', withSteps('{"op":"hasOwnProperty"}'), /steps\[0\]\.op: unknown op "hasOwnProperty"/],
  ['op isPrototypeOf', withSteps('{"op":"isPrototypeOf"}'), /steps\[0\]\.op: unknown op "isPrototypeOf"/],
  [
    'field __proto__ on a step',
    withSteps('{"op":"close","__proto__":{"x":1}}'),
    /steps\[0\]\.__proto__: unknown field/,
  ],
  [
    'field constructor on a step',
    withSteps('{"op":"allocate","offset":0,"length":"4K","constructor":1}'),
    /steps\[0\]\.constructor: unknown field/,
  ],
  ['vm type constructor', `${head},"vm":{"type":"constructor"},"steps":[]}`, /vm\.type: expected one of/],
  ['vm type __proto__', `${head},"vm":{"type":"__proto__"},"steps":[]}`, /vm\.type: expected one of/],
  [
    'policy knob toString',
    `${head},"policy":{"toString":"x"},"steps":[]}`,
    /policy\.toString: unknown field/,
  ],
  [
    'policy choice valueOf',
    `${head},"policy":{"mergeWhen":"valueOf"},"steps":[]}`,
    /policy\.mergeWhen: expected one of/,
  ],
  [
    'gmem field hasOwnProperty',
    '{"format":"folioscope-scenario","version":1,"gmem":{"size":"2M","hasOwnProperty":1},"steps":[]}',
    /gmem\.hasOwnProperty: unknown field/,
  ],
  [
    'top-level __proto__',
    `${head},"__proto__":null,"steps":[]}`,
    /^-: invalid scenario: __proto__: unknown field/,
  ],
  [
    'title nested 5,000 deep',
    `${head},"title":${nest(5000)},"steps":[]}`,
    /title(\[0\])+: values nest more than 32 levels/,
  ],
  [
    'a step nested 100,000 deep',
    withSteps(nest(100_000)),
    /steps\[0\](\[0\])+: values nest more than 32 levels/,
  ],
  [
    'offset nested 40 deep',
    withSteps(`{"op":"hostAccess","offset":${nest(40)}}`),
    /steps\[0\]\.offset(\[0\])+: values nest/,
  ],
  [
    'the whole file an array nested 1,000,000 deep',
    nest(1_000_000),
    /(not valid JSON|a scenario is a JSON object)/,
  ],
  [
    'invalid UTF-8 in a title',
    bytes(`${head},"title":"a`, [0xff], '","steps":[]}'),
    /not valid UTF-8 text \(first invalid byte at offset 75\)/,
  ],
  [
    'an overlong UTF-8 encoding of "/"',
    bytes(`${head},"title":"`, [0xc0, 0xaf], '","steps":[]}'),
    /not valid UTF-8/,
  ],
  [
    'a UTF-8-encoded surrogate',
    bytes(`${head},"title":"`, [0xed, 0xa0, 0x80], '","steps":[]}'),
    /not valid UTF-8/,
  ],
  ['a UTF-8 sequence cut at the end', bytes(`${head},"steps":[]}`, [0xe4, 0xb8]), /not valid UTF-8/],
  [
    'a UTF-16 file (its BOM is not UTF-8)',
    bytes([0xff, 0xfe], Buffer.from(`${head},"steps":[]}`, 'utf16le').toString('latin1')),
    /not valid UTF-8/,
  ],
  [
    'two byte-order marks',
    bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], `${head},"steps":[]}`),
    /not valid JSON/,
  ],
  [
    'an escaped lone surrogate in a note',
    withSteps('{"op":"close","note":"\\ud800"}'),
    /steps\[0\]\.note: contains an unpaired surrogate/,
  ],
  [
    'an 8 PiB file of 1G folios',
    '{"format":"folioscope-scenario","version":1,"gmem":{"size":"8388607G","pageSize":"1G"},"steps":[{"op":"allocate","offset":0,"length":"8388607G"}]}',
    /gmem\.size: .*limit fileSize/,
  ],
  [
    '1 TiB of 2M folios',
    '{"format":"folioscope-scenario","version":1,"gmem":{"size":"1T","pageSize":"2M"},"steps":[]}',
    /gmem\.size: 524,288 huge-page blocks.*limit blocksPerStep/,
  ],
  [
    'a title of 4,000 CJK characters',
    `${head},"title":"${'中'.repeat(4000)}","steps":[]}`,
    /title: 12,000 bytes of UTF-8 text.*limit textBytes/,
  ],
  [
    '100,001 steps',
    withSteps(Array.from({ length: 100_001 }, () => '{"op":"close"}').join(',')),
    /steps: 100,001 steps; at most 100,000.*limit steps/,
  ],
  [
    'a link past the link limit',
    withSteps(Array.from({ length: 200 }, () => `{"op":"close","note":"${'x'.repeat(10_000)}"}`).join(',')),
    /steps: the scenario is too large to share.*limit linkLength/,
  ],
  [
    '1,001 holders',
    withSteps(
      Array.from({ length: 1001 }, (_, i) => `{"op":"getRef","offset":0,"holder":"h${i}"}`).join(','),
    ),
    /steps: 1,001 different holder names.*limit holders/,
  ],
  [
    'a file past the byte limit',
    `${head},"title":"${' '.repeat(20_000_001)}","steps":[]}`,
    /the file is too large \(20,000,001 bytes.*limit fileBytes/,
  ],
  [
    'host huge pages 2^53',
    `${head},"policy":{"hostHugePages":9007199254740991},"steps":[]}`,
    /policy\.hostHugePages: expected an integer from 0 to 1,048,576/,
  ],
  [
    '40 sweeps over 32G of 2M blocks',
    `{"format":"folioscope-scenario","version":1,"gmem":{"size":"32G","pageSize":"2M"},"steps":[${Array.from({ length: 40 }, () => '{"op":"punchHole","offset":0,"length":"32G"}').join(',')}]}`,
    /steps\[30\]: the steps so far visit .*limit blockVisits/,
  ],
  ['an empty file', '', /not valid JSON/],
  ['null', 'null', /a scenario is a JSON object/],
  ['a string', '"folioscope"', /a scenario is a JSON object/],
  ['trailing garbage', `${head},"steps":[]} x`, /not valid JSON/],
  ['steps an object', `${head},"steps":{"0":{"op":"close"}}}`, /steps: missing: expected an array/],
  [
    'version as a string',
    '{"format":"folioscope-scenario","version":"1","gmem":{"size":"2M"},"steps":[]}',
    /version: expected 1/,
  ],
  [
    'offset 1e400 (Infinity once parsed, null if written back)',
    withSteps('{"op":"hostAccess","offset":1e400}'),
    /steps\[0\]\.offset: expected a size .*got a number too large to hold \(it reads as Infinity\)/,
  ],
  ['a step without op', withSteps('{"offset":0}'), /steps\[0\]\.op: missing: every step names its op/],
  [
    'no format',
    '{"version":1,"gmem":{"size":"2M"},"steps":[]}',
    /format: expected "folioscope-scenario", got nothing \(the field is missing\)/,
  ],
  ['offset 1e3', withSteps('{"op":"hostAccess","offset":"1e3"}'), /steps\[0\]\.offset: expected a size/],
  ['offset 1.5', withSteps('{"op":"hostAccess","offset":1.5}'), /steps\[0\]\.offset: expected a size/],
  [
    'offset 2^64',
    withSteps('{"op":"hostAccess","offset":18446744073709551616}'),
    /steps\[0\]\.offset: 18446744073709552000 is too large: sizes and offsets go up to 2\^53 - 1/,
  ],
  [
    'offset Infinity',
    withSteps('{"op":"hostAccess","offset":"Infinity"}'),
    /steps\[0\]\.offset: expected a size/,
  ],
  ['a key with a newline', withSteps('{"op":"close","a\\nb":1}'), /steps\[0\]\.a\\nb: unknown field/],
  [
    'a key of 100,000 characters',
    withSteps(`{"op":"close","${'k'.repeat(100_000)}":1}`),
    /steps\[0\]\.k{37}\.\.\.: unknown field/,
  ],
  [
    'a holder with a space',
    withSteps('{"op":"getRef","offset":0,"holder":"a b"}'),
    /steps\[0\]\.holder: expected a holder name/,
  ],
  [
    'write as a string',
    withSteps('{"op":"hostAccess","offset":0,"write":"yes"}'),
    /steps\[0\]\.write: expected true or false/,
  ],
  ['split to 1G', withSteps('{"op":"split","offset":0,"to":"1G"}'), /steps\[0\]\.to: expected "2M" or "4K"/],
];

describe('folioscope run: malformed input', { timeout: 30_000 }, () => {
  it.each(CASES)('%s: exit 2, one line, no stack trace', (_name, input, why) => {
    const r = run(input);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(why);
    expect(r.status).toBe(2);
  });

  it('accepts a UTF-8 byte-order mark and ignores it', () => {
    const r = run(bytes([0xef, 0xbb, 0xbf], `${head},"title":"t","steps":[]}`));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 't', create: { ok: true } });
  });

  it('runs holders named like Object.prototype members as plain names', () => {
    const steps = ['__proto__', 'constructor', 'toString']
      .map((h) => `{"op":"getRef","offset":0,"holder":"${h}"},{"op":"putRef","offset":0,"holder":"${h}"}`)
      .join(',');
    const r = run(
      `{"format":"folioscope-scenario","version":1,"gmem":{"size":"2M"},"steps":[{"op":"allocate","offset":0,"length":"4K"},${steps}]}`,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout) as { steps: { ok: boolean }[] };
    expect(t.steps.map((s) => s.ok)).toEqual([true, true, true, true, true, true, true]);
  });
});

describe('folioscope run: large valid traces stream', { timeout: 60_000 }, () => {
  it('writes a 5,000-step JSON trace (hundreds of MB) with a 96 MB heap', () => {
    const steps = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        op: 'convert',
        offset: (i % 512) * 4096,
        length: '4K',
        to: i % 2 ? 'shared' : 'private',
      }),
    ).join(',');
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=96', '--import', 'tsx', 'core/cli.ts', 'run', '-'],
      { input: withSteps(steps), stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

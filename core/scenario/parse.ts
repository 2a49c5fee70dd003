import type { GmemConfig, Op, OpName, Policy, VmType } from '../types.ts';
import { PAGE, SIZE_1G, SIZE_2M } from '../units.ts';
import { parseSize } from './numbers.ts';
import { BOOLEAN_KNOBS, DEFAULT_POLICY, POLICY_CHOICES } from './policy.ts';
import type { ParseResult, ScenarioError } from './types.ts';

export const MAX_STEPS = 100_000;
const MAX_TEXT = 10_000;
export const VM_TYPES: readonly VmType[] = ['sw_protected', 'tdx', 'snp', 'pkvm'];

/**
 * Why `v` is not a holder name (undefined when it is one). The parser and the app's holder
 * field share this one rule.
 */
export function holderProblem(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9_.:@/+-]{1,64}$/.test(v)
    ? undefined
    : `expected a holder name (1-64 letters, digits or _.:@/+-), got ${show(v)}`;
}

type Kind = 'size' | 'bool' | 'holder' | 'attr' | 'text' | 'splitTo' | 'mergeSize';
/** The fields of each op: name -> [kind, required]. `note` is allowed on every step. */
export const OP_FIELDS: Record<OpName, Record<string, [Kind, boolean]>> = {
  allocate: { offset: ['size', true], length: ['size', true] },
  punchHole: { offset: ['size', true], length: ['size', true] },
  convert: { offset: ['size', true], length: ['size', true], to: ['attr', true] },
  guestAccess: { offset: ['size', true], as: ['attr', false], write: ['bool', false] },
  hostMap: { offset: ['size', true], length: ['size', true] },
  hostUnmap: { offset: ['size', true], length: ['size', true] },
  hostAccess: { offset: ['size', true], write: ['bool', false] },
  madviseDontneed: { offset: ['size', true], length: ['size', true] },
  pin: {
    offset: ['size', true],
    length: ['size', true],
    holder: ['holder', false],
    longterm: ['bool', false],
  },
  unpin: { offset: ['size', true], length: ['size', true], holder: ['holder', false] },
  getRef: { offset: ['size', true], holder: ['holder', false] },
  putRef: { offset: ['size', true], holder: ['holder', false] },
  split: { offset: ['size', true], to: ['splitTo', true] },
  merge: { offset: ['size', true], size: ['mergeSize', true] },
  memoryFailure: { offset: ['size', true] },
  injectRemovalFailure: { offset: ['size', true] },
  close: {},
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

class Errors {
  readonly list: ScenarioError[] = [];
  add(path: string, message: string): undefined {
    if (this.list.length < 50) this.list.push({ path, message });
    return undefined;
  }
  unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(obj))
      if (!allowed.includes(k))
        this.add(path === '' ? k : `${path}.${k}`, `unknown field (expected one of: ${allowed.join(', ')})`);
  }
}

function field(e: Errors, path: string, kind: Kind, v: unknown): unknown {
  switch (kind) {
    case 'size': {
      const n = parseSize(v);
      return (
        n ??
        e.add(
          path,
          `expected a size in bytes (a non-negative integer or a string like "4K", "0x200000"), got ${show(v)}`,
        )
      );
    }
    case 'bool':
      return typeof v === 'boolean' ? v : e.add(path, `expected true or false, got ${show(v)}`);
    case 'attr':
      return v === 'shared' || v === 'private'
        ? v
        : e.add(path, `expected "shared" or "private", got ${show(v)}`);
    case 'holder': {
      const problem = holderProblem(v);
      return problem === undefined ? v : e.add(path, problem);
    }
    case 'text':
      return typeof v === 'string' && v.length <= MAX_TEXT
        ? v
        : e.add(path, `expected plain text of at most ${MAX_TEXT} characters`);
    case 'splitTo': {
      const n = parseSize(v);
      return n === SIZE_2M || n === PAGE ? n : e.add(path, `expected "2M" or "4K", got ${show(v)}`);
    }
    case 'mergeSize': {
      const n = parseSize(v);
      return n === SIZE_2M || n === SIZE_1G ? n : e.add(path, `expected "2M" or "1G", got ${show(v)}`);
    }
  }
}

/** Validates one step on its own (the app's op palette): the op, or every error. */
export function validateStep(raw: unknown): { ok: true; op: Op } | { ok: false; errors: ScenarioError[] } {
  const e = new Errors();
  const op = parseStep(raw, 'step', e);
  return op === undefined ? { ok: false, errors: e.list } : { ok: true, op };
}

/** One step: its op and exactly its fields. */
export function parseStep(raw: unknown, path: string, e: Errors = new Errors()): Op | undefined {
  if (!isObject(raw)) return e.add(path, `expected an object with an "op" field, got ${show(raw)}`);
  const name = raw['op'];
  // Own keys only: "constructor" or "__proto__" are not ops.
  if (typeof name !== 'string' || !Object.hasOwn(OP_FIELDS, name))
    return e.add(
      `${path}.op`,
      `unknown op ${show(name)} (expected one of: ${Object.keys(OP_FIELDS).join(', ')})`,
    );
  const spec = OP_FIELDS[name as OpName];
  const before = e.list.length;
  e.unknownKeys(raw, ['op', 'note', ...Object.keys(spec)], path);
  const out: Record<string, unknown> = { op: name };
  for (const [k, [kind, required]] of Object.entries(spec)) {
    if (raw[k] === undefined) {
      if (required)
        e.add(
          `${path}.${k}`,
          `missing (${name} needs ${Object.keys(spec)
            .filter((f) => spec[f]?.[1] === true)
            .join(', ')})`,
        );
      continue;
    }
    out[k] = field(e, `${path}.${k}`, kind, raw[k]);
  }
  if (raw['note'] !== undefined) out['note'] = field(e, `${path}.note`, 'text', raw['note']);
  return e.list.length === before ? (out as Op) : undefined;
}

function parsePolicy(raw: unknown, e: Errors): Policy {
  if (raw === undefined) return DEFAULT_POLICY;
  if (!isObject(raw)) return e.add('policy', 'expected an object of design knobs') ?? DEFAULT_POLICY;
  const knobs = [...Object.keys(POLICY_CHOICES), ...BOOLEAN_KNOBS, 'hostHugePages'];
  e.unknownKeys(raw, knobs, 'policy');
  const p: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const [k, choices] of Object.entries(POLICY_CHOICES)) {
    const v = raw[k];
    if (v === undefined) continue;
    if ((choices as readonly unknown[]).includes(v)) p[k] = v;
    else e.add(`policy.${k}`, `expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${show(v)}`);
  }
  for (const k of BOOLEAN_KNOBS) if (raw[k] !== undefined) p[k] = field(e, `policy.${k}`, 'bool', raw[k]);
  const h = raw['hostHugePages'];
  if (h !== undefined) {
    if (typeof h === 'number' && Number.isSafeInteger(h) && h >= 0) p['hostHugePages'] = h;
    else e.add('policy.hostHugePages', `expected a non-negative integer, got ${show(h)}`);
  }
  return p as unknown as Policy;
}

function parseConfig(raw: Record<string, unknown>, e: Errors): GmemConfig | undefined {
  const vm = raw['vm'] ?? {};
  let vmType: VmType = 'sw_protected';
  if (!isObject(vm)) e.add('vm', 'expected an object like { "type": "tdx" }');
  else {
    e.unknownKeys(vm, ['type'], 'vm');
    if (vm['type'] !== undefined) {
      if (VM_TYPES.includes(vm['type'] as VmType)) vmType = vm['type'] as VmType;
      else e.add('vm.type', `expected one of ${VM_TYPES.join(', ')}, got ${show(vm['type'])}`);
    }
  }
  const g = raw['gmem'];
  if (!isObject(g)) return e.add('gmem', 'missing: expected an object with at least "size"');
  e.unknownKeys(g, ['size', 'pageSize', 'mmap', 'initShared'], 'gmem');
  const size =
    g['size'] === undefined
      ? e.add('gmem.size', 'missing')
      : (field(e, 'gmem.size', 'size', g['size']) as number | undefined);
  let pageSize = PAGE;
  if (g['pageSize'] !== undefined) {
    const n = parseSize(g['pageSize']);
    if (n === PAGE || n === SIZE_2M || n === SIZE_1G) pageSize = n;
    else e.add('gmem.pageSize', `expected "4K", "2M" or "1G", got ${show(g['pageSize'])}`);
  }
  const flag = (k: string): boolean =>
    g[k] === undefined ? false : ((field(e, `gmem.${k}`, 'bool', g[k]) as boolean | undefined) ?? false);
  const mmap = flag('mmap');
  const initShared = flag('initShared');
  const policy = parsePolicy(raw['policy'], e);
  return size === undefined ? undefined : { vmType, size, pageSize, mmap, initShared, policy };
}

/**
 * Validates a scenario (format v1) and normalises it: numbers to bytes, defaults filled in.
 * A malformed scenario is rejected whole, each error naming its path ("steps[3].length").
 * A creation the kernel would refuse is still a valid scenario.
 * @example parseScenario(JSON.parse(text))
 */
export function parseScenario(raw: unknown): ParseResult {
  const e = new Errors();
  if (!isObject(raw)) return { ok: false, errors: [{ path: '', message: 'a scenario is a JSON object' }] };
  e.unknownKeys(raw, ['format', 'version', 'title', 'description', 'vm', 'gmem', 'policy', 'steps'], '');
  if (raw['format'] !== 'folioscope-scenario')
    e.add('format', `expected "folioscope-scenario", got ${show(raw['format'])}`);
  if (raw['version'] !== 1)
    e.add(
      'version',
      `expected 1 (this Folioscope reads scenario format version 1), got ${show(raw['version'])}`,
    );
  const title =
    raw['title'] === undefined ? undefined : (field(e, 'title', 'text', raw['title']) as string | undefined);
  const description =
    raw['description'] === undefined
      ? undefined
      : (field(e, 'description', 'text', raw['description']) as string | undefined);
  const config = parseConfig(raw, e);
  const stepsRaw = raw['steps'];
  const steps: Op[] = [];
  if (!Array.isArray(stepsRaw)) e.add('steps', 'missing: expected an array of steps');
  else if (stepsRaw.length > MAX_STEPS)
    e.add('steps', `${stepsRaw.length} steps; at most ${MAX_STEPS} are allowed`);
  else
    stepsRaw.forEach((s, i) => {
      const op = parseStep(s, `steps[${i}]`, e);
      if (op !== undefined) steps.push(op);
    });
  if (e.list.length > 0 || config === undefined)
    return { ok: false, errors: e.list.length > 0 ? e.list : [{ path: 'gmem', message: 'invalid' }] };
  return {
    ok: true,
    scenario: {
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      config,
      steps,
    },
  };
}

/** "steps[3].length: missing (…)" */
export const formatErrors = (errors: readonly ScenarioError[]): string =>
  errors.map((x) => (x.path === '' ? x.message : `${x.path}: ${x.message}`)).join('\n');

import type { GmemConfig, Op, OpName, Policy, VmType } from '../types.ts';
import { PAGE, SIZE_1G, SIZE_2M, grouped } from '../units.ts';
import { OP_FIELDS, holderProblem, showValue as show, type Kind } from './fields.ts';
import { LIMITS, isWellFormed, limitLabel, stepBlockVisits, tooDeep, utf8Length } from './limits.ts';
import { holderTable, linkLength } from './linkSize.ts';
import { parseSize, sizeProblem } from './numbers.ts';
import { BOOLEAN_KNOBS, DEFAULT_POLICY, POLICY_CHOICES } from './policy.ts';
import type { LinkBranch, ParseResult, Scenario, ScenarioError } from './types.ts';

export { OP_FIELDS, holderProblem } from './fields.ts';
export const MAX_STEPS = LIMITS.steps;
export const VM_TYPES: readonly VmType[] = ['sw_protected', 'tdx', 'snp', 'pkvm'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own keys only: a name from input such as "constructor" or "__proto__" is no member. */
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

/** A key from input as it appears in a path: control characters escaped, long keys cut. */
const keyText = (k: string): string => {
  const s = JSON.stringify(k).slice(1, -1);
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
        this.add(
          path === '' ? keyText(k) : `${path}.${keyText(k)}`,
          `unknown field (expected one of: ${allowed.join(', ')})`,
        );
  }
}

/** A size written right (digits, a suffix) or an integer, too large to be exact. */
const pastExact = (v: unknown): boolean =>
  typeof v === 'string'
    ? sizeProblem(v) === 'too large'
    : typeof v === 'number' && Number.isFinite(v) && v > Number.MAX_SAFE_INTEGER;

function field(e: Errors, path: string, kind: Kind, v: unknown): unknown {
  switch (kind) {
    case 'size': {
      const n = parseSize(v);
      if (n !== undefined) return n;
      // Written as a size but past 2^53 (an offset near 2^64, to probe the kernel's overflow
      // checks): say so, not that it is no size at all.
      if (pastExact(v))
        return e.add(
          path,
          `${show(v)} is too large: sizes and offsets go up to 2^53 - 1 (${grouped(Number.MAX_SAFE_INTEGER)}) bytes, the largest a JSON number holds exactly; the model cannot reach the kernel's offset + length overflow checks`,
        );
      return e.add(
        path,
        `expected a size in bytes (a non-negative integer or a string like "4K", "0x200000"), got ${show(v)}`,
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
      return textProblem(e, path, v);
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

/** Plain text within the byte limit, and well-formed (a lone surrogate has no UTF-8 form). */
function textProblem(e: Errors, path: string, v: unknown): string | undefined {
  if (typeof v !== 'string') return e.add(path, `expected plain text (a string), got ${show(v)}`);
  const bytes = utf8Length(v);
  if (bytes > LIMITS.textBytes)
    return e.add(
      path,
      `${grouped(bytes)} bytes of UTF-8 text; at most ${grouped(LIMITS.textBytes)} are allowed (${limitLabel('textBytes')})`,
    );
  if (!isWellFormed(v))
    return e.add(path, 'contains an unpaired surrogate (\\uD800-\\uDFFF), which is not Unicode text');
  return v;
}

/** Validates one step on its own (the app's op palette): the op, or every error. */
export function validateStep(raw: unknown): { ok: true; op: Op } | { ok: false; errors: ScenarioError[] } {
  const e = new Errors();
  const deep = tooDeep(raw);
  if (deep !== undefined) return { ok: false, errors: [depthError(deep)] };
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
      `${name === undefined ? 'missing: every step names its op' : `unknown op ${show(name)}`} (expected one of: ${Object.keys(OP_FIELDS).join(', ')})`,
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
    if (isOneOf(choices as readonly string[], v)) p[k] = v;
    else e.add(`policy.${k}`, `expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${show(v)}`);
  }
  for (const k of BOOLEAN_KNOBS) if (raw[k] !== undefined) p[k] = field(e, `policy.${k}`, 'bool', raw[k]);
  const h = raw['hostHugePages'];
  if (h !== undefined) {
    if (typeof h === 'number' && Number.isSafeInteger(h) && h >= 0 && h <= LIMITS.hugePages)
      p['hostHugePages'] = h;
    else
      e.add(
        'policy.hostHugePages',
        `expected an integer from 0 to ${grouped(LIMITS.hugePages)} (${limitLabel('hugePages')}), got ${show(h)}`,
      );
  }
  return p as unknown as Policy;
}

/**
 * The file-size limits, checked before anything runs: a 1 TiB file at most, and no more
 * huge-page blocks than one step may touch in bounded time.
 */
function sizeOverLimit(e: Errors, size: number, pageSize: number): boolean {
  if (size > LIMITS.fileSize)
    return (
      e.add(
        'gmem.size',
        `${grouped(size)} bytes is larger than the largest file Folioscope simulates, 1 TiB (${limitLabel('fileSize')})`,
      ) === undefined
    );
  const blocks = Math.ceil(size / pageSize);
  if (pageSize > PAGE && blocks > LIMITS.blocksPerStep)
    return (
      e.add(
        'gmem.size',
        `${grouped(blocks)} huge-page blocks (one step may touch them all); at most ${grouped(LIMITS.blocksPerStep)} (${limitLabel('blocksPerStep')})`,
      ) === undefined
    );
  return false;
}

function parseConfig(raw: Record<string, unknown>, e: Errors): GmemConfig | undefined {
  const vm = raw['vm'] ?? {};
  let vmType: VmType = 'sw_protected';
  if (!isObject(vm)) e.add('vm', 'expected an object like { "type": "tdx" }');
  else {
    e.unknownKeys(vm, ['type'], 'vm');
    if (vm['type'] !== undefined) {
      if (isOneOf(VM_TYPES, vm['type'])) vmType = vm['type'];
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
  if (size === undefined || sizeOverLimit(e, size, pageSize)) return undefined;
  return { vmType, size, pageSize, mmap, initShared, policy };
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
  // Depth first: nothing below (messages included) may recurse into an absurd value.
  const deep = tooDeep(raw);
  if (deep !== undefined) return { ok: false, errors: [depthError(deep)] };
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
  const steps = parseSteps(raw['steps'], e);
  if (e.list.length > 0 || config === undefined)
    return { ok: false, errors: e.list.length > 0 ? e.list : [{ path: 'gmem', message: 'invalid' }] };
  const scenario: Scenario = {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    config,
    steps,
  };
  const whole = wholeScenarioProblem(scenario);
  return whole === undefined ? { ok: true, scenario } : { ok: false, errors: [whole] };
}

const depthError = (path: string): ScenarioError => ({
  path,
  message: `values nest more than ${LIMITS.depth} levels deep here (${limitLabel('depth')})`,
});

function parseSteps(stepsRaw: unknown, e: Errors): Op[] {
  const steps: Op[] = [];
  if (!Array.isArray(stepsRaw)) e.add('steps', 'missing: expected an array of steps');
  else if (stepsRaw.length > LIMITS.steps)
    e.add(
      'steps',
      `${grouped(stepsRaw.length)} steps; at most ${grouped(LIMITS.steps)} are allowed (${limitLabel('steps')})`,
    );
  else
    stepsRaw.forEach((s, i) => {
      const op = parseStep(s, `steps[${i}]`, e);
      if (op !== undefined) steps.push(op);
    });
  return steps;
}

/** The first step at which the scenario's block visits pass the work limit (huge-page files). */
function blockVisitsProblem(s: Scenario): ScenarioError | undefined {
  let total = 0;
  for (const [i, op] of s.steps.entries()) {
    total += stepBlockVisits(op as unknown as Record<string, unknown>, s.config.size, s.config.pageSize);
    if (total > LIMITS.blockVisits)
      return {
        path: `steps[${i}]`,
        message: `the steps so far visit ${grouped(total)} huge-page blocks in all; at most ${grouped(LIMITS.blockVisits)} (${limitLabel('blockVisits')}): use a smaller file or fewer steps over the whole file`,
      };
  }
  return undefined;
}

/**
 * Limits of a scenario as a whole (steps, holder table, work, link length), for a scenario
 * that is being built step by step, with the branches the user left (they share its link):
 * the app checks it before appending a step, so it never holds work it could not save.
 */
export function scenarioLimitProblem(
  s: Scenario,
  branches: readonly LinkBranch[] = [],
): ScenarioError | undefined {
  if (s.steps.length > LIMITS.steps)
    return {
      path: 'steps',
      message: `${grouped(s.steps.length)} steps; at most ${grouped(LIMITS.steps)} are allowed (${limitLabel('steps')})`,
    };
  if (branches.length > LIMITS.branches)
    return {
      path: 'branches',
      message: `${grouped(branches.length)} branches; at most ${grouped(LIMITS.branches)} are kept (${limitLabel('branches')})`,
    };
  return wholeScenarioProblem(s, branches);
}

/** Limits of the scenario as a whole: its holder table and the length of its share link. */
function wholeScenarioProblem(s: Scenario, branches: readonly LinkBranch[] = []): ScenarioError | undefined {
  const holders = holderTable([...s.steps, ...branches.flatMap((b) => b.steps)]).length;
  if (holders > LIMITS.holders)
    return {
      path: 'steps',
      message: `${grouped(holders)} different holder names; at most ${grouped(LIMITS.holders)} (${limitLabel('holders')})`,
    };
  const visits = blockVisitsProblem(s);
  if (visits !== undefined) return visits;
  const chars = linkLength(s, branches);
  if (chars > LIMITS.linkLength)
    return {
      path: 'steps',
      message: `the scenario is too large to share or autosave: its link would be ${grouped(chars)} characters; at most ${grouped(LIMITS.linkLength)} (${limitLabel('linkLength')})`,
    };
  return undefined;
}

/** "steps[3].length: missing (…)" */
export const formatErrors = (errors: readonly ScenarioError[]): string =>
  errors.map((x) => (x.path === '' ? x.message : `${x.path}: ${x.message}`)).join('\n');

/**
 * The limits of what Folioscope accepts: one table, used by the parser, the link codec, the
 * runner and the app's import. Anything past a limit is refused when the scenario is parsed,
 * before any work, with a message naming the limit and the field. Every limit is chosen so
 * that what the parser accepts, the codec can encode and decode back (texts are counted in
 * UTF-8 bytes, as the link stores them) and the app can replay without freezing.
 */
import { PAGE, grouped } from '../units.ts';

export const LIMITS = {
  /** gmem.size: a 1 TiB file is the largest the explorer is built to show. */
  fileSize: 2 ** 40,
  /**
   * Huge-page blocks in a 2M or 1G file: one step may touch every block, and the core works
   * per block there (~2 µs each), so 16,384 keeps a step well under 100 ms.
   */
  blocksPerStep: 16_384,
  /**
   * Huge-page block visits of the whole scenario (each step costs 1 plus the blocks its range
   * covers; close covers the file): at ~2 µs a visit, a whole replay stays near one second.
   */
  blockVisits: 500_000,
  /** steps: the runner streams traces of this many; the link of so many stays short enough. */
  steps: 100_000,
  /** title, description, every note: UTF-8 bytes (the link's own unit). */
  textBytes: 10_000,
  /** policy.hostHugePages: more huge pages than a 1 TiB file of 2M blocks could ever use. */
  hugePages: 2 ** 20,
  /** Distinct holder names in one scenario (the link's holder table). */
  holders: 1_000,
  /**
   * Branches (lines of the experiment the user left) a document keeps and a link carries:
   * each is stored as its difference from the open line; a link's branches are validated
   * at open, each against every other limit, so their number bounds that work.
   */
  branches: 100,
  /** Nesting of JSON values: checked before anything else reads (or prints) them. */
  depth: 32,
  /** Characters of a share link: below Chromium's 2 MiB URL limit with room for the origin. */
  linkLength: 2_000_000,
  /** Bytes of a scenario file (import, runner). */
  fileBytes: 20_000_000,
  /** Race scenarios (spec/races.md §7): actors, and a file of at most 64 pages or 4 huge blocks. */
  raceActors: 3,
  racePages: 64,
  raceBlocks: 4,
  /** States the race explorer may visit (explore.maxStates at most). */
  raceStates: 100_000,
  /** Violations one exploration lists (explore.maxViolations at most). */
  raceViolations: 1_000,
  /**
   * Micro-steps of a race schedule (a file's or a link's): three actors of at most 12 labels
   * finish in 36 steps; retries after another actor's progress add a few. 1,000 leaves room
   * for any hand-made schedule and keeps a replay instant.
   */
  raceSchedule: 1_000,
} as const;

export type LimitName = keyof typeof LIMITS;

/** "limit textBytes = 10,000": how a message names the limit it enforces. */
export const limitLabel = (name: LimitName): string => `limit ${name} = ${grouped(LIMITS[name])}`;

/** The UTF-8 length of a string, without allocating its bytes. Lone surrogates count 3 (U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Whether a string is well-formed UTF-16 (no lone surrogates): only those encode to UTF-8 exactly. */
export const isWellFormed = (s: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * Where a JSON value nests deeper than `max` (a path like "steps[0].note"), or undefined.
 * Iterative, so a value nested 100,000 deep is measured without using the stack.
 */
export function tooDeep(raw: unknown, max: number = LIMITS.depth): string | undefined {
  // Each entry knows its parent and key; the path is spelled only for the value that is too
  // deep (spelling every path cost more than the rest of a 10,000-step link's parse).
  interface At {
    readonly v: unknown;
    readonly d: number;
    readonly up: At | undefined;
    readonly key: string | number;
  }
  const stack: At[] = [{ v: raw, d: 1, up: undefined, key: '' }];
  while (stack.length > 0) {
    const at = stack.pop() as At;
    const { v, d } = at;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return pathOf(at) || '(top level)';
    // Pushed in order, so the last child is looked at first (the order the report depends on).
    if (Array.isArray(v))
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], d: d + 1, up: at, key: i });
    else
      for (const k of Object.keys(v))
        stack.push({ v: (v as Record<string, unknown>)[k], d: d + 1, up: at, key: k });
  }
  return undefined;
}

/** 'steps[3].note' for the entry under steps, 3, note (spelled as the walk used to spell it). */
function pathOf(at: { readonly up: typeof at | undefined; readonly key: string | number }): string {
  const keys: (string | number)[] = [];
  for (let x: typeof at | undefined = at; x?.up !== undefined; x = x.up) keys.push(x.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i] as string | number;
    path = typeof k === 'number' ? `${path}[${k}]` : path === '' ? k : `${path}.${k}`;
  }
  return path;
}

/** Bytes of an unsigned LEB128 varint. */
export function varintLength(n: number): number {
  let len = 1;
  for (let x = n; x >= 128; x = Math.floor(x / 128)) len++;
  return len;
}

/** Bytes of a size in link layout v1: 2 x pages when page aligned, else a marker and the bytes. */
export const sizeLength = (n: number): number =>
  n % PAGE === 0 ? varintLength((n / PAGE) * 2) : 1 + varintLength(n);

/** Characters of base64url (no padding) for `bytes` bytes, plus the "1." version prefix. */
export const linkChars = (bytes: number): number => 2 + Math.ceil((bytes * 4) / 3);

/**
 * What a step costs the core in huge-page block visits (1 for a 4K file, whose folios are
 * runs): the blocks its range covers within the file, the whole file for close.
 */
export function stepBlockVisits(op: Record<string, unknown>, size: number, pageSize: number): number {
  if (pageSize === PAGE) return 1;
  const blocks = Math.ceil(size / pageSize);
  if (op['op'] === 'close') return 1 + blocks;
  const offset = op['offset'];
  const length = op['length'];
  if (typeof offset !== 'number' || typeof length !== 'number' || offset >= size) return 1;
  const end = Math.min(size, offset + length);
  return 1 + Math.min(blocks, Math.ceil(end / pageSize) - Math.floor(offset / pageSize));
}

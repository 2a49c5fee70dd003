import type { CoreEvent } from '../types.ts';
import type { Observation } from '../observe.ts';
import type { StepRecord, Trace, TraceHead, TraceStep } from '../replay.ts';
import { observe } from '../observe.ts';
import { hex, sizeName } from '../units.ts';
import { columns, escapeControls, fitColumns } from './terminal.ts';

const WIDTH = 80;

/**
 * Greedy word wrap to `width` terminal columns with a hanging indent; control characters are
 * shown escaped (escapeControls) and wide characters count two columns.
 */
export function wrap(text: string, indent: string, width = WIDTH): string[] {
  const out: string[] = [];
  let line = indent;
  for (const raw of text.split(/\s+/).filter((w) => w.length > 0)) {
    const word = escapeControls(raw);
    const room = width - indent.length - 2;
    const piece = columns(word) > room ? `${fitColumns(word, room - 3)}...` : word;
    if (line.trim().length > 0 && columns(line) + 1 + columns(piece) > width) {
      out.push(line);
      line = `${indent}  ${piece}`;
    } else line = line.trim().length === 0 ? `${indent}${piece}` : `${line} ${piece}`;
  }
  if (line.trim().length > 0) out.push(line);
  return out;
}

const at = (offset: unknown, length: unknown): string =>
  typeof offset !== 'number'
    ? ''
    : typeof length === 'number'
      ? `${hex(offset)}+${sizeName(length)}`
      : hex(offset);

/** "convert 0x0+4K to shared" */
export function opLine(op: Record<string, unknown>): string {
  const parts = [String(op['op']), at(op['offset'], op['length'])];
  if (op['op'] === 'convert') parts.push(`to ${String(op['to'])}`);
  if (op['op'] === 'split') parts.push(`to ${sizeName(op['to'] as number)}`);
  if (op['op'] === 'merge') parts.push(`into ${sizeName(op['size'] as number)}`);
  if (op['as'] !== undefined) parts.push(`as ${String(op['as'])}`);
  if (op['write'] === true) parts.push('write');
  if (op['holder'] !== undefined) parts.push(`by ${String(op['holder'])}`);
  if (op['longterm'] === false) parts.push('(not long-term)');
  return parts.filter((p) => p.length > 0).join(' ');
}

function eventLine(e: CoreEvent): string {
  const where = at(e.offset, e.length);
  if (e.type === 'transition') return `${e.machine ?? 'page'} ${where}: ${e.from ?? ''} -> ${e.to ?? ''}`;
  return `${e.fn}${where === '' ? '' : ` ${where}`}${e.detail === undefined ? '' : `: ${e.detail}`}`;
}

/** Steps are numbered from 1, as in the app and in links (`&step=N` shows the state after step N). */
function stepLines(s: Omit<TraceStep, 'state'>): string[] {
  const head = `[${s.index + 1}] ${opLine(s.op)}`;
  const result = s.ok ? 'ok' : `${s.errno ?? ''}${s.exit === undefined ? '' : ` (${s.exit})`}`;
  const pad = Math.max(1, WIDTH - head.length - result.length);
  const lines =
    head.length + result.length + 1 <= WIDTH
      ? [`${head}${' '.repeat(pad)}${result}`]
      : [...wrap(head, ''), `${' '.repeat(WIDTH - result.length)}${result}`];
  if (s.note !== undefined) lines.push(...wrap(`note: ${s.note}`, '    '));
  for (const e of s.events) lines.push(...wrap(eventLine(e), '    '));
  // After the events: what the kernel did before it refused comes first, as it happened.
  if (!s.ok) lines.push(...wrap(`${s.errno ?? ''} from ${s.fn ?? ''}: ${s.reason ?? ''}`, '    '));
  return lines;
}

/** The observed state as a few aligned lines. */
export function stateLines(o: Observation): string[] {
  const lines: string[] = [];
  const runs = (label: string, items: string[]): void => {
    const first = `  ${label.padEnd(11)}`;
    if (items.length === 0) lines.push(`${first}none`);
    else
      lines.push(
        ...wrap(items.join(', '), first).map((l, i) => (i === 0 ? l : `  ${' '.repeat(11)}${l.trimStart()}`)),
      );
  };
  runs(
    'attributes',
    o.shareability.map((r) => `${at(r.offset, r.length)} ${r.state}`),
  );
  runs(
    'folios',
    o.folios.map(
      (f) =>
        `${f.count}x${sizeName(f.size)}@${hex(f.offset)}${f.mapcount + f.pincount + f.transient + f.arch > 0 ? ` (map ${f.mapcount}, pin ${f.pincount}, ref ${f.transient + f.arch})` : ''}`,
    ),
  );
  runs(
    'host PTEs',
    o.hostMappings.map((r) => at(r.offset, r.length)),
  );
  runs(
    'stage-2',
    o.guestMappings.map((r) => `${at(r.offset, r.length)} ${r.kind}@${sizeName(r.level)}`),
  );
  if (o.orphans.length > 0)
    runs(
      'orphans',
      o.orphans.map(
        (f) =>
          `${f.count}x${sizeName(f.size)} was@${hex(f.offset)} (pin ${f.pincount}, ref ${f.transient + f.arch})`,
      ),
    );
  if (o.pool !== undefined)
    lines.push(
      `  ${'pool'.padEnd(11)}${o.pool.inUse}/${o.pool.reserved} x ${sizeName(o.pool.pageSize)} in use, vmemmap ${o.pool.vmemmapPages} pages`,
    );
  if (!o.open) lines.push(`  ${'file'.padEnd(11)}closed${o.evicted ? ', inode evicted' : ''}`);
  if (o.vmDead === true) lines.push(`  ${'vm'.padEnd(11)}dead (KVM_BUG_ON): KVM_RUN fails with EIO`);
  return lines;
}

/**
 * The trace as plain text, at most 80 columns, to paste into a mailing-list message:
 * each step with its result and events, then the final state and any invariant violations.
 */
export const traceToText = (t: Trace, header: string): string =>
  [...traceTextChunks(t, header, t.steps, t.violations)].join('');

const block = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');

/**
 * The text trace in pieces, step by step (the runner streams it): `violations` is read after
 * the last step, so it may be filled while the steps are produced.
 */
export const traceTextChunks = (
  head: TraceHead,
  header: string,
  steps: Iterable<TraceStep>,
  violations: Trace['violations'],
): Generator<string> => textChunks(head, header, steps, violations, (s) => s.state);

/**
 * The text trace from steps not yet observed (stepRecords): it shows the last state only, so
 * only the last state is observed (the runner's `--format text`).
 */
export const recordsTextChunks = (
  head: TraceHead,
  header: string,
  records: Iterable<StepRecord>,
  violations: Trace['violations'],
): Generator<string> =>
  textChunks(
    head,
    header,
    (function* () {
      // Not `{ ...r.step, after }`: see addRef (state/refs.ts) on spreads given a new field.
      for (const r of records) yield Object.assign({}, r.step, { after: r.after });
    })(),
    violations,
    (s) => observe(s.after),
  );

function* textChunks<S extends Omit<TraceStep, 'state'>>(
  head: TraceHead,
  header: string,
  steps: Iterable<S>,
  violations: Trace['violations'],
  stateOf: (s: S) => Observation,
): Generator<string> {
  yield block([
    ...wrap(`folioscope trace v1${head.title === undefined ? '' : `: ${head.title}`}`, ''),
    ...wrap(header, ''),
    '',
  ]);
  if (!head.create.ok) {
    const c = head.create;
    yield block(wrap(`create: ${c.errno ?? ''} from ${c.fn ?? ''}: ${c.reason ?? ''}`, ''));
    return;
  }
  yield block([
    ...wrap(`create: ok (${head.create.events.map((e) => e.detail ?? e.fn).join('; ')})`, ''),
    '',
  ]);
  let last: S | undefined;
  for (const s of steps) {
    yield block(stepLines(s));
    last = s;
  }
  const final = last === undefined ? head.initial : stateOf(last);
  if (final !== null) yield block(['', 'final state:', ...stateLines(final)]);
  if (violations.length > 0)
    yield block([
      '',
      'invariant violations:',
      ...violations.flatMap((v) => wrap(`[${v.step + 1}] rule ${v.rule} (${v.name}): ${v.message}`, '  ')),
    ]);
}

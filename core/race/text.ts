import type { CoreEvent } from '../types.ts';
import { rangeName } from '../units.ts';
import { columns, escapeControls } from '../trace/terminal.ts';
import type { ExploreResult } from './explore.ts';
import type { RaceTrace } from './trace.ts';

const WIDTH = 80;

/**
 * Words filled into lines of at most 80 terminal columns, continuation lines indented; control
 * characters shown escaped and wide characters counted as two columns (as the trace's text).
 */
function wrap(raw: string, indent = '    '): string[] {
  const out: string[] = [];
  const text = escapeControls(raw);
  const lead = /^ */.exec(text)?.[0] ?? '';
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (columns(next) <= WIDTH || line.trim() === '') line = next;
    else {
      out.push(line);
      line = `${indent}${word}`;
    }
  }
  if (line !== '') out.push(line);
  return out.flatMap((l) => (l.length <= WIDTH ? [l] : chop(l, indent)));
}

/** A single word longer than a line is cut (an unbroken schedule). */
const chop = (l: string, indent: string): string[] => {
  const out = [l.slice(0, WIDTH)];
  for (let i = WIDTH; i < l.length; i += WIDTH - indent.length)
    out.push(indent + l.slice(i, i + WIDTH - indent.length));
  return out;
};

/** An outcome table row: results, interleavings, example schedule. */
const row = (cells: string[]): string => cells.join('  ');

/**
 * The exploration as plain text of at most 80 columns (for a mailing-list message): counts,
 * the outcome table, violations with their shortest schedule, deadlocks, livelocks.
 */
export function exploreText(x: ExploreResult, title?: string): string {
  const lines: string[] = [];
  if (title !== undefined) lines.push(...wrap(title));
  lines.push(...wrap(`states ${x.states}${x.complete ? '' : ' (incomplete: maxStates reached, no counts)'}`));
  if (x.complete)
    lines.push(
      ...wrap(
        `interleavings ${x.interleavings ?? 'unbounded (livelock)'}, violating ${x.violatingInterleavings ?? '-'}, outcomes ${x.distinctFinalStates ?? '-'}`,
      ),
    );
  if (x.outcomes.length > 0) {
    lines.push('', 'outcomes:');
    x.outcomes.forEach((o, i) => {
      const results = Object.entries(o.results).map(
        ([a, r]) => `${a}=${r.replace(' KVM_EXIT_MEMORY_FAULT', '+exit')}`,
      );
      lines.push(...wrap(row([`${i + 1}.`, results.join(' '), `x${o.interleavings}`])));
      lines.push(...wrap(`    e.g. ${o.example.join('')}`, '         '));
      const v = o.violating;
      if (v === undefined) return;
      const eg = v.example.join('') === o.example.join('') ? '' : `, e.g. ${v.example.join('')}`;
      lines.push(
        ...wrap(`    ! violates ${v.invariants.join(', ')} on ${v.interleavings} of them${eg}`, '      '),
      );
    });
  }
  for (const v of x.violations)
    lines.push(
      '',
      ...wrap(`violation of ${v.invariant} at ${v.step.label} (${v.step.fn}): ${v.message}`),
      ...wrap(`    schedule ${v.labels.join(' ')}`, '             '),
    );
  for (const d of x.deadlocks)
    lines.push(
      '',
      ...wrap(`deadlock after ${d.labels.join(' ')}`),
      ...d.waiting.flatMap((w) => wrap(`    ${w.actor} waits at ${w.label}: ${w.on}`)),
    );
  for (const l of x.livelocks) lines.push('', ...wrap(`livelock (cycle) after ${l.labels.join(' ')}`));
  return `${lines.join('\n')}\n`;
}

/** "pte_zap unmap_mapping_pages [0x0, 0x1000)": what one event did, and where. */
const eventText = (e: CoreEvent): string =>
  [
    e.type,
    e.fn,
    e.offset === undefined ? '' : rangeName(e.offset, e.offset + (e.length ?? 0)),
    e.detail ?? '',
  ]
    .filter((x) => x !== '')
    .join(' ');

/** A schedule replay as plain text of at most 80 columns: each micro-step and its events. */
export function raceTraceText(t: RaceTrace): string {
  const lines: string[] = [];
  if (t.title !== undefined) lines.push(...wrap(t.title));
  for (const s of t.steps) {
    lines.push(...wrap(`[${s.index + 1}] ${s.actor} ${s.label} ${s.fn}`));
    for (const e of s.events) lines.push(...wrap(`    ${eventText(e)}`, '      '));
    for (const v of s.violations)
      lines.push(...wrap(`    ! invariant ${v.invariant}: ${v.message}`, '      '));
  }
  if (t.stuck !== undefined) lines.push(...wrap(`stuck at [${t.stuck.index + 1}]: ${t.stuck.reason}`));
  const results = Object.entries(t.results).map(([a, r]) => `${a}=${typeof r === 'string' ? r : r.errno}`);
  lines.push(...wrap(`results: ${results.join(' ')}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Where a seek's time goes in a 10,000-step history (issue 11), for the record: serves a
 * built dist/ on a free port, opens the same link as e2e/history.perf.spec.ts in Chromium,
 * then records a CPU profile (CDP Profiler) and a timeline trace (CDP Tracing) over N seeks
 * and prints the main thread's time split: core replay from a checkpoint, derived views
 * (observe, classify, invariants), app component code, d3, React, style, layout (forced or
 * not), paint. Also splits the long tasks while opening.
 *
 *   npm run build && npx tsx scripts/profile-history.mts [--dist dist] [--seeks 100]
 *
 * Other modes: --open (the opening's profile and long tasks), --times [--tail] (seek times
 * without the profiler, the first 50 apart; --settle MS waits that long after the first
 * picture first), --alloc (bytes allocated per seek by function, after 50 seeks), --after
 * (what the main thread runs in the --settle ms, 8,000 by default, after the first picture).
 * --long MS lists the opening's tasks longer than MS (50 by default); --throttle N runs the
 * page's CPU N times slower (a loaded machine, such as CI's).
 * --pins opens the 10,000-pin history of the perf specs instead.
 * --no-sw blocks the service worker (the e2e specs but offline and the history perf spec do).
 *
 * Source maps (the build writes them) name each sampled function's source file.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { LONG_STEPS, longHistoryLink } from '../e2e/fixtures/longHistory.ts';
import { manyPinsLink } from '../e2e/fixtures/manyPins.ts';
import { option } from './args.ts';

const arg = option;
const DIST = arg('dist', 'dist');
const SEEKS = Number(arg('seeks', '100'));
/** Idle time between the first picture and the seeks (--times) or the time watched (--after), in ms. */
const SETTLE = Number(arg('settle', process.argv.includes('--after') ? '8000' : '0'));
/** --pins: the perf spec's other history, 10,000 live pins (e2e/fixtures/manyPins.ts). */
const HISTORY = process.argv.includes('--pins')
  ? manyPinsLink(10_000)
  : { link: longHistoryLink(), steps: LONG_STEPS };
const STEPS = HISTORY.steps;
/** The tasks of the opening listed: those longer than this (--long MS; 50, a long task's). */
const LONG_MS = Number(arg('long', '50'));
/** How many times slower the page's CPU runs (--throttle N; 1: as fast as this machine). */
const THROTTLE = Number(arg('throttle', '1'));

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
};

/** A static server for the build on a free port (never one another session's tests use). */
function serve(dir: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, port: typeof a === 'object' && a !== null ? a.port : 0 });
    }),
  );
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** Each sample's time (µs, the trace's clock) and bucket, filled by profileSplit. */
const sampled: { ts: number; bucket: string; fn: string; ms: number }[] = [];

const maps = new Map<string, SourceMapConsumer | null>();
async function mapFor(url: string): Promise<SourceMapConsumer | null> {
  if (!maps.has(url)) {
    const path = new URL(url).pathname;
    const m = await readFile(join(DIST, `${path}.map`), 'utf8').catch(() => null);
    maps.set(url, m === null ? null : new SourceMapConsumer(JSON.parse(m)));
  }
  return maps.get(url) ?? null;
}

/** The original source file and name of a frame ('' when it has none: native, program, GC). */
async function origin(f: ProfileNode['callFrame']): Promise<{ file: string; name: string }> {
  if (f.url === '') return { file: '', name: f.functionName };
  const m = await mapFor(f.url);
  if (m === null) return { file: f.url, name: f.functionName };
  const p = m.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
  return { file: (p.source ?? '').replace(/^(\.\.\/)+/, ''), name: p.name ?? f.functionName };
}

type Bucket = string;

/**
 * A sample's bucket, by the frames on its stack (leaf first): the innermost frame that names
 * a known piece of work decides, so replay inside a render counts as replay.
 */
function bucketOf(stack: readonly { file: string; name: string }[]): Bucket {
  const leaf = stack[0];
  if (leaf !== undefined && stack.length === 1 && leaf.file === '')
    return `(${leaf.name.replace(/[()]/g, '')})`;
  for (const f of stack) {
    if (f.file.endsWith('app/store/stateLine.ts')) return 'core replay (StateLine.at)';
    if (/core\/(observe|invariants)/.test(f.file)) return 'derived: observe/invariants';
    if (/core\/.*classify/.test(f.file) || f.name.startsWith('classify')) return 'derived: classify';
  }
  if (leaf !== undefined && /node_modules\/d3-/.test(leaf.file)) return 'd3';
  for (const f of stack) {
    if (f.file.startsWith('core/')) return `core other (${f.file})`;
    if (f.file.startsWith('app/')) {
      if (
        leaf !== undefined &&
        leaf.file === '' &&
        /getBoundingClientRect|offset|client|scroll/.test(leaf.name)
      )
        return 'forced layout (DOM read in app code)';
      return `app: ${f.file}`;
    }
  }
  if (stack.some((f) => /react-dom/.test(f.file))) return 'React (reconcile/commit)';
  if (stack.some((f) => /zustand|use-sync-external-store/.test(f.file))) return 'zustand';
  return `other (${leaf?.file || leaf?.name || '?'})`;
}

/** Self time by function (file and name), filled by profileSplit. */
const selfTimes = new Map<string, number>();
/** With --callers NAME: the callers of NAME (three frames up) and their time. */
const callers = new Map<string, number>();
const callerKeys = new Map<number, string>();

async function profileSplit(profile: Profile): Promise<Map<Bucket, number>> {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const origins = new Map<number, { file: string; name: string }>();
  for (const n of profile.nodes) origins.set(n.id, await origin(n.callFrame));
  const bucketCache = new Map<number, Bucket>();
  const out = new Map<Bucket, number>();
  let ts = profile.startTime;
  profile.samples.forEach((leaf, i) => {
    ts += profile.timeDeltas[i] ?? 0;
    const self = origins.get(leaf);
    const key = `${self?.file ?? ''} ${self?.name ?? ''}`;
    selfTimes.set(key, (selfTimes.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    let b = bucketCache.get(leaf);
    if (b === undefined) {
      const stack: { file: string; name: string }[] = [];
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
        const o = origins.get(id);
        if (o !== undefined && o.name !== '(root)') stack.push(o);
      }
      b = bucketOf(stack);
      const who = arg('callers', '');
      if (who !== '' && stack[0]?.name === who)
        callerKeys.set(
          leaf,
          stack
            .slice(1, 4)
            .map((f) => `${f.file.split('/').pop()}:${f.name}`)
            .join(' < '),
        );
      bucketCache.set(leaf, b);
    }
    out.set(b, (out.get(b) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    sampled.push({ ts, bucket: b, fn: key, ms: (profile.timeDeltas[i] ?? 0) / 1000 });
    const c = callerKeys.get(leaf);
    if (c !== undefined) callers.set(c, (callers.get(c) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the work cost, however busy the machine. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { stackTrace?: unknown[] }; beginData?: { stackTrace?: unknown[] } };
}

async function trace(cdp: CDPSession, body: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // Removed when the trace ends: a later trace's events are not this one's (the opening's
  // long tasks used to list every seek's too).
  const collect = (e: { value: TraceEvent[] }): void => void events.push(...e.value);
  cdp.on('Tracing.dataCollected', collect);
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,v8',
    transferMode: 'ReportEvents',
  });
  await body();
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/** Main-thread totals by trace event (complete events only), with layouts inside script counted as forced. */
function traceSplit(events: readonly TraceEvent[]): Map<string, number> {
  const renderer = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter(
    (e) => renderer !== undefined && e.tid === renderer.tid && e.pid === renderer.pid && e.ph === 'X',
  );
  const scripts = mine.filter(
    (e) => e.name === 'FunctionCall' || e.name === 'EventDispatch' || e.name === 'TimerFire',
  );
  const inScript = (e: TraceEvent) => scripts.some((s) => s.ts <= e.ts && e.ts < s.ts + (s.dur ?? 0));
  const out = new Map<string, number>();
  const add = (k: string, v: number) => out.set(k, (out.get(k) ?? 0) + v / 1000);
  for (const e of mine) {
    const d = e.dur ?? 0;
    if (e.name === 'Layout') add(inScript(e) ? 'Layout (forced, inside script)' : 'Layout', d);
    else if (e.name === 'UpdateLayoutTree') add(inScript(e) ? 'Style (forced, inside script)' : 'Style', d);
    else if (['Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers'].includes(e.name))
      add(`paint: ${e.name}`, d);
    else if (e.name === 'RunTask') add('all tasks (RunTask)', d);
    else if (e.name === 'MajorGC' || e.name === 'MinorGC') add(`GC ${e.name}`, d);
  }
  return out;
}

/** Main-thread CPU time (tdur) of input handling, timers, frames, style+layout, paint and all tasks. */
function cpuSplit(events: readonly TraceEvent[]): Map<string, number> {
  const renderer = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const out = new Map<string, number>([
    ['all tasks', 0],
    ['input', 0],
    ['rAF', 0],
    ['timers', 0],
    ['style+layout', 0],
    ['paint', 0],
  ]);
  const add = (k: string, e: TraceEvent) => out.set(k, (out.get(k) ?? 0) + (e.tdur ?? 0) / 1000);
  for (const e of events) {
    if (renderer === undefined || e.tid !== renderer.tid || e.pid !== renderer.pid || e.ph !== 'X') continue;
    if (e.name === 'RunTask') add('all tasks', e);
    else if (e.name === 'EventDispatch') add('input', e);
    else if (e.name === 'FireAnimationFrame') add('rAF', e);
    else if (e.name === 'TimerFire') add('timers', e);
    else if (e.name === 'Layout' || e.name === 'UpdateLayoutTree') add('style+layout', e);
    else if (e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize' || e.name === 'Commit')
      add('paint', e);
  }
  return out;
}

/** The long tasks (> 50 ms) of the main thread and what each ran (top trace events inside). */
function longTasks(events: readonly TraceEvent[]): string[] {
  const renderer = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => renderer !== undefined && e.tid === renderer.tid && e.ph === 'X');
  return mine
    .filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > LONG_MS * 1000)
    .map((t) => {
      const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0));
      const sums = new Map<string, number>();
      for (const e of inside)
        if (!['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name))
          sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      const top = [...sums].toSorted((a, b) => b[1] - a[1]).slice(0, 6);
      return `${((t.dur ?? 0) / 1000).toFixed(0)} ms: ${top.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(', ')}`;
    });
}

const SEEK_LOOP = `async (steps) => {
  const input = document.querySelector('.scrubber input');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const times = [];
  window.folioscopeSync = [];
  for (const [n, k] of steps.entries()) {
    const t = performance.now();
    performance.mark('seek-start-' + n);
    setValue.call(input, String(k));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    window.folioscopeSync.push(performance.now() - t);
    const wanted = 'step ' + k + ' of ';
    for (let i = 0; i < 2000 && !(input.getAttribute('aria-valuetext') || '').startsWith(wanted); i++)
      await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    performance.mark('seek-end-' + n);
    times.push(performance.now() - t);
  }
  return times;
}`;

/**
 * The slowest seeks and what the main thread ran inside each (trace events by name, nested
 * ones included, so a line reads like a flame graph's widest frames), to find the tail.
 */
function tailSeeks(events: readonly TraceEvent[], times: readonly number[], count: number): string[] {
  const mark = (name: string) => events.find((e) => e.name === name)?.ts;
  const renderer = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => e.tid === renderer?.tid && e.pid === renderer?.pid && e.ph === 'X');
  const slowest = times
    .map((t, i) => ({ t, i }))
    .toSorted((a, b) => b.t - a.t)
    .slice(0, count);
  return slowest.map(({ t, i }) => {
    const a = mark(`seek-start-${i}`) ?? 0;
    const b = mark(`seek-end-${i}`) ?? 0;
    const sums = new Map<string, number>();
    for (const e of mine)
      if (e.ts >= a && e.ts < b && !['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name))
        sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    const top = [...sums].toSorted((x, y) => y[1] - x[1]).slice(0, 8);
    return `seek ${i} (${t.toFixed(0)} ms): ${top.map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ')}`;
  });
}

const MUTATIONS = `(() => {
  const counts = {};
  const where = (n) => {
    const e = n.nodeType === 1 ? n : n.parentElement;
    const p = e && e.closest('section, [role=toolbar]');
    return p ? (p.getAttribute('aria-labelledby') || p.className || p.tagName) : 'page';
  };
  const add = (k) => (counts[k] = (counts[k] || 0) + 1);
  const mo = new MutationObserver((ms) => {
    for (const m of ms) {
      const w = where(m.target);
      if (m.type === 'childList') {
        m.addedNodes.forEach(() => add(w + ' added'));
        m.removedNodes.forEach(() => add(w + ' removed'));
      } else add(w + ' ' + m.type);
    }
  });
  mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  window.folioscopeChurn = { stop: () => (mo.disconnect(), counts) };
})()`;

const pct = (xs: readonly number[], p: number): number =>
  xs.toSorted((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

function print(title: string, m: Map<string, number>, per: number, unit = ' (ms per seek)'): void {
  console.log(`\n${title}${unit}`);
  for (const [k, v] of [...m].toSorted((a, b) => b[1] - a[1]))
    if (v / per >= 0.05) console.log(`  ${(v / per).toFixed(2).padStart(8)}  ${k}`);
}

async function openLink(page: Page, port: number, link: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/#s=${link}&step=${STEPS}`);
  await page
    .getByRole('slider', { name: 'Scrub' })
    .and(page.locator(`[aria-valuetext^="step ${STEPS} of ${STEPS},"]`))
    .waitFor({ timeout: 120_000 });
  await page.getByRole('group', { name: 'Folio tree' }).waitFor();
  return Date.now() - t0;
}

/** The main thread's tasks longer than `overUs` microseconds. */
function rendererTasks(events: readonly TraceEvent[], overUs: number): TraceEvent[] {
  const renderer = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  return events.filter(
    (e) => e.tid === renderer?.tid && e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > overUs,
  );
}

/** Whether a source file is the project's own (app/ or core/), not a dependency's nor native. */
const ours = (file: string): boolean => /(^|\/)(app|core)\//.test(file);

/** How many of the first seeks run before the allocations are sampled (cold code allocates apart). */
const ALLOC_WARM = 50;

/**
 * --alloc: the bytes a seek allocates (V8's sampling heap profiler, objects collected since
 * included), by the innermost app or core function on the stack: what makes the collections
 * that land in seeks.
 */
async function allocPerSeek(page: Page, cdp: CDPSession, targets: readonly number[]): Promise<void> {
  await page.evaluate(`(${SEEK_LOOP})(${JSON.stringify(targets.slice(0, ALLOC_WARM))})`);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  await page.evaluate(`(${SEEK_LOOP})(${JSON.stringify(targets.slice(ALLOC_WARM))})`);
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: HeapNode };
  };
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = async (n: HeapNode, owner: string | undefined): Promise<void> => {
    const o = await origin(n.callFrame);
    const name = `${o.file.replace(/^main\//, '')} ${o.name}`;
    const here = ours(o.file) ? name : (owner ?? name);
    total += n.selfSize;
    bytes.set(here, (bytes.get(here) ?? 0) + n.selfSize);
    for (const c of n.children) await walk(c, ours(o.file) ? name : owner);
  };
  await walk(profile.head, undefined);
  const seeks = targets.length - ALLOC_WARM;
  console.log(`\nallocated per seek (after ${ALLOC_WARM} seeks): ${(total / seeks / 1e6).toFixed(2)} MB`);
  const top = new Map([...bytes].toSorted((a, b) => b[1] - a[1]).slice(0, Number(arg('top', '30'))));
  print('By function (innermost of app/ or core/)', top, seeks * 1000, ' (KB per seek)');
}

/**
 * --after: what the main thread runs in the --settle ms after the first picture, without any
 * input: work left over from opening competes with the first seeks.
 */
async function afterOpening(page: Page, cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const events = await trace(cdp, () => page.waitForTimeout(SETTLE));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  print(
    `${SETTLE} ms after the first picture: JS CPU profile by bucket`,
    await profileSplit(profile),
    1,
    ' (ms)',
  );
  print('Main-thread trace', traceSplit(events), 1, ' (ms)');
  console.log('\ntasks over 5 ms:');
  for (const t of rendererTasks(events, 5_000)) {
    const inside = new Map<string, number>();
    for (const x of sampled)
      if (x.ts >= t.ts && x.ts < t.ts + (t.dur ?? 0)) inside.set(x.fn, (inside.get(x.fn) ?? 0) + x.ms);
    const top = [...inside].toSorted((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(
      `  ${((t.dur ?? 0) / 1000).toFixed(1)} ms: ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`,
    );
  }
}

async function main(): Promise<void> {
  const { link } = HISTORY;
  const { server, port } = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
      serviceWorkers: process.argv.includes('--no-sw') ? 'block' : 'allow',
    });
    const cdp = await page.context().newCDPSession(page);
    // --throttle N: the page's CPU N times slower (DevTools' throttling), a loaded machine's
    // tasks as this one would see them.
    if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    let firstPicture = 0;
    const profileOpen = process.argv.includes('--open');
    if (profileOpen) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const openEvents = await trace(cdp, async () => {
      firstPicture = await openLink(page, port, link);
    });
    console.log(`first picture ${firstPicture} ms; long tasks while opening:`);
    for (const t of longTasks(openEvents)) console.log(`  ${t}`);
    if (profileOpen) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      print('Opening: JS CPU profile by bucket', await profileSplit(profile), 1, ' (ms)');
      const top = new Map([...selfTimes].toSorted((a, b) => b[1] - a[1]).slice(0, Number(arg('top', '30'))));
      print('Opening: top functions by self time', top, 1, ' (ms)');
      for (const t of rendererTasks(openEvents, LONG_MS * 1000)) {
        const inside = new Map<string, number>();
        for (const x of sampled)
          if (x.ts >= t.ts && x.ts < t.ts + (t.dur ?? 0)) {
            inside.set(x.bucket, (inside.get(x.bucket) ?? 0) + x.ms);
            inside.set(`  self: ${x.fn}`, (inside.get(`  self: ${x.fn}`) ?? 0) + x.ms);
          }
        print(
          `Long task of ${((t.dur ?? 0) / 1000).toFixed(0)} ms`,
          new Map([...inside].toSorted((a, b) => b[1] - a[1]).slice(0, 12)),
          1,
          ' (ms)',
        );
      }
      return;
    }

    const targets = Array.from({ length: SEEKS }, (_, i) => (i * 7919 + 13) % (STEPS + 1));
    if (process.argv.includes('--alloc')) return await allocPerSeek(page, cdp, targets);
    if (process.argv.includes('--after')) return await afterOpening(page, cdp);
    if (process.argv.includes('--times')) {
      // Seek times only, without the profiler's overhead (for A/B runs of two builds), and the
      // main thread's CPU time (trace tdur), which a busy machine does not inflate as much.
      let t: number[] = [];
      await page.waitForTimeout(SETTLE);
      const ev = await trace(cdp, async () => {
        t = (await page.evaluate(`(${SEEK_LOOP})(${JSON.stringify(targets)})`)) as number[];
      });
      const cpu = cpuSplit(ev);
      const sync = (await page.evaluate('window.folioscopeSync')) as number[];
      const open = longTasks(openEvents).map((l) => Number(l.split(' ')[0]));
      console.log(
        `${DIST}: first picture ${firstPicture} ms, open long tasks ${open.join('/')} ms; ${SEEKS} seeks p50 ${pct(t, 50).toFixed(1)} p95 ${pct(t, 95).toFixed(1)} max ${Math.max(...t).toFixed(1)} ms; input handler alone p50 ${pct(sync, 50).toFixed(1)} p95 ${pct(sync, 95).toFixed(1)} ms`,
      );
      console.log(
        `  main-thread CPU per seek: ${[...cpu].map(([k, v]) => `${k} ${(v / SEEKS).toFixed(1)}`).join(', ')} ms`,
      );
      console.log(
        `  first 50 p95 ${pct(t.slice(0, 50), 95).toFixed(1)}, other p95 ${pct(t.slice(50), 95).toFixed(1)}`,
      );
      if (process.argv.includes('--tail')) for (const l of tailSeeks(ev, t, 15)) console.log(`  ${l}`);
      return;
    }
    // DOM churn: nodes added and attributes or texts changed per seek, by panel.
    await page.evaluate(MUTATIONS);
    await page.evaluate(`(${SEEK_LOOP})(${JSON.stringify(targets.slice(0, 20))})`);
    const churn = (await page.evaluate('window.folioscopeChurn.stop()')) as Record<string, number>;
    print(
      'DOM churn per seek (top nodes added, removed; attributes, texts changed)',
      new Map(Object.entries(churn)),
      20,
      '',
    );
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    let times: number[] = [];
    const events = await trace(cdp, async () => {
      times = await page.evaluate(`(${SEEK_LOOP})(${JSON.stringify(targets)})`);
    });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    console.log(
      `\n${SEEKS} seeks: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
    print('JS CPU profile by bucket', await profileSplit(profile), SEEKS);
    const top = new Map([...selfTimes].toSorted((a, b) => b[1] - a[1]).slice(0, Number(arg('top', '30'))));
    print('Top functions by self time', top, SEEKS);
    if (callers.size > 0) print(`Callers of ${arg('callers', '')}`, callers, SEEKS);
    print('Main-thread trace', traceSplit(events), SEEKS);
    const seekLong = longTasks(events);
    console.log(`\nlong tasks during seeks: ${seekLong.length}`);
    for (const t of seekLong.slice(0, 8)) console.log(`  ${t}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();

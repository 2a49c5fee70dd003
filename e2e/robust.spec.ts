/**
 * Nothing lost, nothing frozen (issue 13): absurd links answer quickly with the tab usable,
 * the autosave survives failures, reloads, other tabs and newer versions, embeds show their
 * errors, and right-to-left titles stay isolated.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeScenario, parseScenario, TOUR_INDEX } from '../core/index.ts';
import { at, ORPHAN, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

const AUTOSAVE = 'folioscope.autosave.v1';
const stored = (page: Page) => page.evaluate((k) => localStorage.getItem(k), AUTOSAVE);

function link(raw: Record<string, unknown>): string {
  const r = parseScenario({ format: 'folioscope-scenario', version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return encodeScenario(r.scenario);
}

/** Milliseconds a frame takes to come: a frozen tab answers late (or not at all). */
const frameDelay = (page: Page) =>
  page.evaluate(() => {
    const t = performance.now();
    return new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - t)));
  });

/**
 * Slows the page's CPU (Chromium's DevTools throttling) so that a long replay lasts long
 * enough to be watched and cancelled whatever the speed of the core and of the machine.
 */
async function slowCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * 40,000 conversions scattered over a split 1G folio: seconds of work for the core, and
 * still replaying when the test clicks Cancel (on a quiet CI machine, 20,000 were once over
 * before the click, and the link opened instead of being cancelled).
 */
const heavy = () =>
  link({
    title: 'heavy history',
    gmem: { size: '1G', pageSize: '1G', mmap: true },
    steps: [
      { op: 'allocate', offset: 0, length: '1G' },
      ...Array.from({ length: 40_000 }, (_, i) => ({
        op: 'convert',
        offset: ((i * 37) % 262_144) * 4096,
        length: '4K',
        to: i % 3 === 0 ? 'private' : 'shared',
      })),
    ],
  });

/** `n` conversions of single 4K pages, shared then private, over the first `pages` pages. */
const toggles = (n: number, pages: number) =>
  Array.from({ length: n }, (_, i) => ({
    op: 'convert',
    offset: `${(i % pages) * 4}K`,
    length: '4K',
    to: i % 2 === 0 ? 'shared' : 'private',
  }));

/** Imports a file through the header's button. */
const importFile = async (page: Page, name: string, buffer: Buffer) => {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('banner').getByRole('button', { name: 'Import scenario…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer });
};

test.describe('absurd links answer at once and leave the tab usable', () => {
  test('an 8 PiB file of 1G folios, allocated (the link that froze the tab)', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/#s=1.GICAgID8__8PAAAAAQAAgIDg__9_&step=1');
    const alert = app.header.getByRole('alert');
    await expect(alert).toContainText('larger than the largest file Folioscope simulates, 1 TiB');
    await expect(alert).toContainText('limit fileSize');
    const answered = await page.evaluate(() => performance.now());
    test
      .info()
      .annotations.push({ type: 'answered after (ms since navigation)', description: answered.toFixed(0) });
    expect(answered).toBeLessThan(10_000);
    expect(await frameDelay(page)).toBeLessThan(2_000);
    await app.page.getByRole('button', { name: 'New scenario…' }).click();
    await expect(app.dialog()).toBeVisible();
  });

  test('a step of thousands of events lists a window of them, the tab stays usable', async ({ page }) => {
    // 4,000 pages shared one by one, then one punch hole across them all: ~12,000 events in
    // one step, each a list item before (a 6 s task at 20,000).
    const steps = [
      ...Array.from({ length: 4000 }, (_, i) => ({
        op: 'convert',
        offset: i * 8192,
        length: '4K',
        to: 'shared',
      })),
      { op: 'allocate', offset: 0, length: '64M' },
      { op: 'punchHole', offset: 0, length: '64M' },
    ];
    const app = new AppPage(page);
    await app.goto(at(link({ title: 'many events', gmem: { size: '64M' }, steps })));
    await expect(app.stepCounter()).toHaveText('step 4002 of 4002', { timeout: 20_000 });
    const list = page.getByRole('list', { name: 'Events of this step' });
    await expect(list.getByRole('listitem')).toHaveCount(101);
    await expect(list).toContainText(/… and [\d,]+ more events: the trace has every one/);
    expect(await frameDelay(page)).toBeLessThan(2_000);
  });

  test('8,000 steps of history open, step and scrub without freezing', async ({ page }) => {
    const steps = toggles(8000, 256);
    const app = new AppPage(page);
    await app.goto(at(link({ title: 'long history', gmem: { size: '2M' }, steps })));
    await expect(app.stepCounter()).toHaveText('step 8000 of 8000', { timeout: 20_000 });
    const opened = await page.evaluate(() => performance.now());
    test
      .info()
      .annotations.push({ type: 'opened after (ms since navigation)', description: opened.toFixed(0) });
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    test
      .info()
      .annotations.push({ type: 'JS heap after opening (MB)', description: (heap / 2 ** 20).toFixed(0) });
    await app.timelineButton('Step back');
    await expect(app.stepCounter()).toHaveText('step 7999 of 8000');
    expect(await frameDelay(page)).toBeLessThan(2_000);
  });
});

test.describe('a long history replays in slices, with progress and Cancel', () => {
  test('the tab answers while it replays, and Cancel keeps the autosaved work', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await expect.poll(() => stored(page)).toMatch(/"step":2/);
    const saved = await stored(page);
    await page.goto('about:blank');
    await slowCpu(page, 20);
    await page.goto(at(heavy()));
    const progress = page.getByRole('progressbar', { name: /replaying its steps/ });
    await expect(progress).toBeVisible({ timeout: 20_000 });
    expect(await frameDelay(page)).toBeLessThan(2_000);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await slowCpu(page, 1);
    await expect(app.header.getByRole('alert')).toContainText(
      'Opening this link was cancelled. Your autosaved work is shown instead (it was not changed).',
    );
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    expect(await stored(page)).toBe(saved);
  });
});

test('a long link pasted into an open tab answers, shows progress, and Cancel keeps what was open', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK, 2));
  const heavyLink = heavy();
  await slowCpu(page, 20);
  await page.evaluate((l) => void (window.location.hash = `#s=${l}&step=3`), heavyLink);
  const progress = app.header.getByRole('progressbar', { name: /replaying its steps/ });
  await expect(progress).toBeVisible({ timeout: 20_000 });
  expect(await frameDelay(page)).toBeLessThan(2_000);
  await app.header.getByRole('button', { name: 'Cancel' }).click();
  await slowCpu(page, 1);
  await expect(app.header.getByRole('alert')).toContainText(
    'Opening the link was cancelled. What was open is kept.',
  );
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  await expect(app.header).toContainText('share and back');
});

test.describe('the autosave is sacred', () => {
  test('a reload right after an action keeps the action', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await page.reload();
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
  });

  test('leaving right after an action saves it (pagehide flush)', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await page.goto('about:blank');
    await app.goto('/');
    await expect(app.header).toContainText('share and back');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
  });

  test('a link that fails leaves the autosave byte-identical, even after acting', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await expect.poll(() => stored(page)).toMatch(/"step":2/);
    const saved = await stored(page);
    await page.goto('about:blank');
    await app.goto('/#s=1.GICAgID8__8PAAAAAQAAgIDg__9_&step=1');
    await expect(app.header.getByRole('alert')).toContainText('Your autosaved work is shown instead');
    expect(await stored(page)).toBe(saved);
    await page.goto('about:blank');
    await app.goto('/');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    expect(await stored(page)).toBe(saved);
  });

  test('a failing link offers "Restore my last work" when that work is not what is shown', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await expect.poll(() => stored(page)).toMatch(/"step":2/);
    const saved = await stored(page);
    await page.goto('about:blank');
    await app.goto(at(ORPHAN, 1));
    await expect(app.header).toContainText('orphaned pin');
    await page.evaluate(() => void (window.location.hash = '#s=1.AAAA&step=1'));
    const alert = app.header.getByRole('alert');
    await expect(alert).toContainText('What was open is kept.');
    await alert.getByRole('button', { name: 'Restore my last work' }).click();
    await expect(app.header).toContainText('share and back');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    expect(await stored(page)).toBe(saved);
  });

  test('an autosave from a newer Folioscope is kept, never overwritten, with a message', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/');
    const newer = JSON.stringify({ v: 2, link: '2.AAAA', step: 0, extra: 'from the future' });
    await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [AUTOSAVE, newer]);
    await page.goto('about:blank');
    await app.goto(at(SHARE_AND_BACK));
    await expect(app.header.getByRole('alert')).toContainText(
      'Your autosaved work could not be opened here: it was made by a newer Folioscope (autosave format 2). It is kept unchanged',
    );
    await app.timelineButton('Step back');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    await page.goto('about:blank');
    await app.goto('/');
    expect(await stored(page)).toBe(newer);
    await app.header.getByRole('button', { name: 'Autosave here instead' }).click();
    await expect.poll(() => stored(page)).not.toBe(newer);
  });

  test('a second tab is told another tab is editing, and may take over', async ({ context }) => {
    const a = new AppPage(await context.newPage());
    const b = new AppPage(await context.newPage());
    await a.goto(at(SHARE_AND_BACK));
    await b.goto(at(SHARE_AND_BACK));
    await a.timelineButton('Step back');
    const warning = b.header.getByRole('alert');
    await expect(warning).toContainText('Another tab is editing in Folioscope');
    await expect.poll(() => stored(a.page)).toMatch(/"step":2/);
    const fromA = await stored(a.page);
    await b.timelineButton('Step back');
    await b.timelineButton('Step back');
    await expect(b.stepCounter()).toHaveText('step 1 of 3');
    await b.page.waitForTimeout(400);
    expect(await stored(b.page)).toBe(fromA);
    await warning.getByRole('button', { name: 'Take over autosave' }).click();
    await expect(warning).toHaveCount(0);
    await expect.poll(() => stored(b.page)).toMatch(/"step":1/);
    await expect(a.header.getByRole('alert')).toContainText('Another tab is editing in Folioscope');
  });
});

test.describe('embed shows its errors, with nothing of the viewer’s own work', () => {
  for (const [name, fragment] of [
    ['a broken link', '#s=1.AAAA&step=1'],
    ['an unknown tour', '#tour=no-such-tour&step=1'],
    ['an 8 PiB link', '#s=1.GICAgID8__8PAAAAAQAAgIDg__9_&step=1'],
  ] as const)
    test(name, async ({ page }) => {
      const app = new AppPage(page);
      await app.goto(at(SHARE_AND_BACK));
      await app.timelineButton('Step back');
      await expect.poll(() => stored(page)).toMatch(/"step":2/);
      const saved = await stored(page);
      await page.goto('about:blank');
      await page.goto(`/?embed=1${fragment}`);
      await expect(page.getByRole('alert')).toContainText(
        /could not be opened: .+\. The default scenario is shown instead\./,
      );
      await expect(page.getByText('share and back')).toHaveCount(0);
      const open = page.getByRole('link', { name: 'Open in Folioscope' });
      expect(await open.getAttribute('href')).toContain(fragment.split('&')[0]);
      expect(await open.getAttribute('href')).not.toContain('embed');
      expect(await stored(page)).toBe(saved);
    });
});

test('a right-to-left title is isolated from the header’s own text', async ({ page }) => {
  const title = 'שלום עולם\u202e';
  const app = new AppPage(page);
  await app.goto(at(link({ title, gmem: { size: '2M' }, steps: [] })));
  const isolated = app.header.locator('bdi', { hasText: 'שלום עולם' });
  await expect(isolated).toHaveCount(1);
  expect(await isolated.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate');
  // The header's own text after the title keeps its order.
  await expect(app.header).toContainText(/·\s*vm sw_protected/);
});

test.describe('imported files follow the runner’s rules', () => {
  const base =
    '{"format":"folioscope-scenario","version":1,"title":"imported","gmem":{"size":"2M"},"steps":[';
  test('a UTF-8 byte-order mark is ignored', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await importFile(
      page,
      'bom.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${base}]}`)]),
    );
    await expect(app.header).toContainText('imported');
    await expect(app.header.getByRole('alert')).toHaveCount(0);
  });

  for (const [name, bytes, why] of [
    [
      'invalid UTF-8 in a title',
      Buffer.concat([
        Buffer.from(`${base.replace('imported', 'a')}`),
        Buffer.from([0xff]),
        Buffer.from(']}'),
      ]),
      /bad\.json: The file is not valid UTF-8 text \(first invalid byte at offset \d+\); scenario files are UTF-8\./,
    ],
    [
      'an op named constructor',
      Buffer.from(`${base}{"op":"constructor"}]}`),
      /steps\[0\]\.op: unknown op "constructor"/,
    ],
    [
      'an op named hasOwnProperty',
      Buffer.from(`${base}{"op":"hasOwnProperty"}]}`),
      /steps\[0\]\.op: unknown op "hasOwnProperty"/,
    ],
    ['a file of 2 TiB', Buffer.from(`${base.replace('"2M"', '"2T"')}]}`), /gmem\.size: .*limit fileSize/],
  ] as const)
    test(`${name}: refused with a message, nothing changed`, async ({ page }) => {
      const app = new AppPage(page);
      await app.goto(at(SHARE_AND_BACK));
      await app.timelineButton('Step back');
      await expect.poll(() => stored(page)).toMatch(/"step":2/);
      const saved = await stored(page);
      await importFile(page, 'bad.json', bytes);
      await expect(app.header.getByRole('alert')).toContainText(why);
      await expect(app.stepCounter()).toHaveText('step 2 of 3');
      await expect(app.header).toContainText('share and back');
      await page.waitForTimeout(300);
      expect(await stored(page)).toBe(saved);
    });
});

test('Export trace JSON of a long trace shows its beginning and downloads all of it', async ({ page }) => {
  const steps = toggles(2000, 64);
  const app = new AppPage(page);
  await app.goto(at(link({ title: 'long trace', gmem: { size: '2M' }, steps })));
  await expect(app.stepCounter()).toHaveText('step 2000 of 2000', { timeout: 20_000 });
  await app.header.getByRole('button', { name: 'Export trace JSON' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trace JSON' });
  await expect(dialog.getByRole('textbox', { name: 'Trace JSON' })).toHaveValue(
    /… \(only the beginning is shown: Download saves the whole trace\)$/,
  );
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const file = await (await download).path();
  const trace = JSON.parse(readFileSync(file, 'utf8')) as { steps: unknown[] };
  expect(trace.steps).toHaveLength(2000);
  await expect(dialog.getByRole('status')).toContainText(/^Downloaded \d+\.\d MB\.$/);
});

test('a tour whose code cannot be fetched says so, keeps what is open, and plays once it can', async ({
  page,
}) => {
  const app = new AppPage(page);
  // The tours load when one is played (app/share/tourLoader.ts): their chunk, cut off.
  const tours = /\/assets\/tours-[\w-]+\.js$/;
  await page.route(tours, (r) => r.abort('internetdisconnected'));
  await app.goto(at(SHARE_AND_BACK, 2));
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  const first = TOUR_INDEX[0];
  if (first === undefined) throw new Error('no tours');
  const play = async () => {
    await app.header.getByRole('button', { name: 'Tours' }).click();
    await page.getByRole('menuitem', { name: first.title, exact: true }).click();
  };
  await play();
  await expect(app.header.getByRole('alert')).toContainText(
    'The tour could not be opened: the tours did not load (check the connection and try again).',
  );
  await expect(app.header).toContainText('share and back');
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  // The connection is back: the same choice plays the tour.
  await page.unroute(tours);
  await play();
  await expect(page.getByRole('region', { name: `Tour: ${first.title}` })).toContainText('Introduction');
  await expect(app.stepCounter()).toHaveText(`step 0 of ${first.steps}`);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { TOUR_INDEX } from '../core/index.ts';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

// As a visitor has it: the precaching service worker (the other specs block it).
test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker is active: by then Workbox has precached the whole build. */
async function installed(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const r = await navigator.serviceWorker.ready;
    if (r.active === null) throw new Error('no active service worker');
  });
}

test('the service worker is registered once the user rests, never in the middle of seeks', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK, 0));
  await expect(app.stepCounter()).toHaveText('step 0 of 3');
  const registered = () =>
    page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined);
  // Seeks every 150 ms for three seconds (the scrubber's input events), as a user scrubbing:
  // the install (Workbox's evaluation, then every file fetched and cached) waits.
  const scrubber = page.getByRole('slider', { name: 'Scrub' });
  for (let i = 0; i < 20; i++) {
    await scrubber.fill(String(i % 4));
    await page.waitForTimeout(150);
  }
  expect(await registered(), 'no registration while the seeks go on').toBe(false);
  // Two seconds after the last input, at an idle moment, it comes.
  await installed(page);
  expect(await registered()).toBe(true);
});

test('after one visit the app and a share link open without a network', async ({ page, context }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await installed(page);
  await context.setOffline(true);
  await page.reload();
  await expect(app.heading).toBeVisible();
  await expect(app.folioTree).toBeVisible();
  // A share link is a navigation to the app with a fragment: served from the cache.
  await page.goto('about:blank');
  await app.goto(at(SHARE_AND_BACK, 2));
  await expect(app.header).toContainText('share and back');
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  // The state diagram's layout runs in a lazily loaded worker: precached too.
  await expect(app.diagramSvg()).toBeVisible();
  await expect(app.header.getByRole('alert')).toHaveCount(0);
  // The tours load when one is played: precached too, from the menu and from a tour link.
  const [first, second] = TOUR_INDEX;
  if (first === undefined || second === undefined) throw new Error('no tours');
  await app.header.getByRole('button', { name: 'Tours' }).click();
  await page.getByRole('menuitem', { name: first.title, exact: true }).click();
  await expect(page.getByRole('region', { name: `Tour: ${first.title}` })).toContainText('Introduction');
  await page.goto('about:blank');
  await app.goto(`/#tour=${second.name}&step=1`);
  await expect(page.getByRole('region', { name: `Tour: ${second.title}` })).toContainText(
    `Step 1 of ${second.steps}`,
  );
  await expect(app.header.getByRole('alert')).toHaveCount(0);
});

test('a new version waits for Reload, and reloading keeps the work and the view', async ({ page }) => {
  // Three photographs, an axe scan and two service-worker installs: slow on a busy 2-core machine.
  test.slow();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK, 2));
  await installed(page);
  // The second visit: this page is now served, and controlled, by the service worker.
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await app.select('0', '4K');
  const prompt = page.getByRole('status').filter({ hasText: 'A new version of Folioscope is ready.' });
  await expect(prompt).toHaveCount(0);
  // A new build: another service worker script (restored below, the other specs serve dist/).
  const sw = new URL('../dist/sw.js', import.meta.url);
  const original = readFileSync(sw, 'utf8');
  try {
    writeFileSync(sw, `${original}\n// a new version\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Reload' })).toBeVisible();
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await app.screenshot(`update-prompt-${width}x${height}`);
    }
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    // Nothing reloads by itself: the work stays as it is until the user chooses.
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(app.heading).toBeVisible();
    await expect(page).toHaveURL(/#s=1\.[\w-]+&step=2&sel=0-1000$/);
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
    await expect(prompt).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    writeFileSync(sw, original);
  }
});

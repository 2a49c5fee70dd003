import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/** The zoom label under the tree's toolbar: "×16 · 0x3ff00000" (factor, first byte shown). */
const zoomLabel = (page: Page): Locator => page.getByRole('toolbar', { name: 'Zoom' }).getByText(/^×/);

/** Clicks Share link and returns the URL it made (the clipboard holds the same). */
async function share(app: AppPage): Promise<string> {
  await app.header.getByRole('button', { name: 'Share link' }).click();
  await expect(app.header.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const url = await app.header.getByRole('textbox', { name: 'Share link URL' }).inputValue();
  expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  return url;
}

const fragment = (url: string): string => url.slice(url.indexOf('/#'));
const branches = (a: AppPage): Locator => a.timeline.getByRole('list', { name: 'Other branches' });

test.describe('a share link restores the view', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('selection, zoom window, step and theme come back; the inspector opens filled', async ({
    page,
    browser,
  }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 2));
    await app.select('0', '4K');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await app.header.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    const window = await zoomLabel(page).textContent();
    expect(window).toMatch(/^×16 · 0x[0-9a-f]+$/);
    const url = await share(app);
    expect(url).toMatch(/#s=1\.[\w-]+&step=2&sel=0-1000&zoom=16@[0-9a-f]+&theme=dark$/);

    // Another visitor (own storage: dark is not their stored choice) opens the link.
    const other = await browser.newContext({ reducedMotion: 'reduce' });
    const them = new AppPage(await other.newPage());
    await them.goto(fragment(url));
    await expect(them.stepCounter()).toHaveText('step 2 of 3');
    await expect(them.inspectorRow('Folio')).toHaveText('4K at 0x0');
    await expect(zoomLabel(them.page)).toHaveText(window ?? '');
    await expect(them.header.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    await expect(them.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // Shown, not saved: the visitor's own choice is untouched.
    expect(await them.page.evaluate(() => localStorage.getItem('folioscope.theme.v1'))).toBeNull();
    await expect(them.header.getByRole('alert')).toHaveCount(0);
    await other.close();
  });

  test('a link pasted into an open tab opens its view too', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/');
    const link = `${at(SHARE_AND_BACK, 2).slice(1)}&sel=0-1000&zoom=4@0&theme=projector`;
    await page.evaluate((h) => void (window.location.hash = h), link);
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
    await expect(zoomLabel(page)).toHaveText('×4.0 · 0x0');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
    await expect(app.header.getByRole('combobox', { name: 'Theme' })).toHaveValue('projector');
  });

  test('the default view writes no view field: one link per view', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 1));
    await app.header.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    expect(await share(app)).toMatch(/#s=1\.[\w-]+&step=1$/);
  });

  test('a view field that is not what Folioscope writes is said, and the scenario opens', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.goto(`${at(SHARE_AND_BACK, 2)}&sel=0-1000&zoom=4.0@0&theme=neon`);
    const alert = app.header.getByRole('alert');
    await expect(alert).toContainText(
      'Part of this link was not used: the zoom is not written as FACTOR@START',
    );
    await expect(alert).toContainText('the theme is neither dark nor projector');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
  });

  test('branches survive a reload and come back from a shared link (codec v3)', async ({ page, browser }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await app.timelineButton('Step back');
    await app.operations.getByRole('combobox', { name: 'Split to' }).selectOption('2M');
    await app.select('0', '4K');
    await app.op('Split');
    await expect(branches(app)).toContainText('3 steps, parted after step 1');
    await expect(page).toHaveURL(/#s=3\./);

    await page.reload();
    await expect(app.stepCounter()).toHaveText('step 2 of 2');
    await expect(branches(app)).toContainText('3 steps, parted after step 1');
    // And without the fragment: the autosave holds them too.
    await page.goto('about:blank');
    await app.goto('/');
    await expect(branches(app)).toContainText('3 steps, parted after step 1');

    const url = await share(app);
    expect(url).toMatch(/#s=3\.[\w-]+&step=2/);
    const other = await browser.newContext({ reducedMotion: 'reduce' });
    const them = new AppPage(await other.newPage());
    await them.goto(fragment(url));
    await expect(branches(them)).toContainText('3 steps, parted after step 1');
    await branches(them).getByRole('button', { name: 'Switch to branch 1' }).click();
    await expect(them.steps().nth(2)).toContainText('convert 0x0+4K to shared');
    await other.close();
  });
});

test.describe('the share control', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ] as const)
    test(`copying says "copied" and the header does not move at ${width}x${height}`, async ({ page }) => {
      // A photograph and an axe scan: slow on a busy 2-core machine.
      test.slow();
      await page.setViewportSize({ width, height });
      const app = new AppPage(page);
      await app.goto(at(SHARE_AND_BACK, 2));
      // The same elements before and after (the toast's own field and Close button are new).
      const controls = await app.header.locator('button, select, h1, [role="group"]').elementHandles();
      const boxes = async () => ({
        header: await app.header.boundingBox(),
        controls: await Promise.all(controls.map((c) => c.boundingBox())),
      });
      const before = await boxes();
      expect(before.controls.length).toBeGreaterThan(8);
      await share(app);
      // The whole confirmation is inside the window, wherever the button sits.
      await expect(app.header.getByRole('status').filter({ hasText: 'Link copied' })).toBeInViewport({
        ratio: 1,
      });
      await expect(app.header.getByRole('textbox', { name: 'Share link URL' })).toBeInViewport({ ratio: 1 });
      await expect(app.header.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
      expect(await boxes()).toEqual(before);
      await app.screenshot(`share-toast-${width}x${height}`);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      // The tours menu still opens inside the window.
      await page.keyboard.press('Escape');
      await expect(app.header.getByRole('textbox', { name: 'Share link URL' })).toHaveCount(0);
      await app.header.getByRole('button', { name: /Tours/ }).click();
      await expect(page.getByRole('menu').first()).toBeInViewport();
    });
});

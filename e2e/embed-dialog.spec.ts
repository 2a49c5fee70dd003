import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { REFUSED_PIN } from './fixtures/refused.ts';
import { at } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/** The snippet's iframe attributes, as a browser parses them. */
const iframeOf = (page: AppPage['page'], html: string) =>
  page.evaluate((h) => {
    const f = new DOMParser().parseFromString(h, 'text/html').querySelector('iframe');
    return {
      count: new DOMParser().parseFromString(h, 'text/html').querySelectorAll('body *').length,
      src: f?.getAttribute('src') ?? '',
      width: f?.getAttribute('width'),
      height: f?.getAttribute('height'),
      title: f?.getAttribute('title'),
    };
  }, html);

test.use({ viewport: { width: 1280, height: 720 } });

test('Embed gives an iframe that opens the same scenario and step in embed mode', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new AppPage(page);
  await app.goto(at(REFUSED_PIN, 4));
  const open = app.header.getByRole('group', { name: 'Share' }).getByRole('button', { name: 'Embed…' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await expect(dialog).toBeVisible();
  const code = dialog.getByRole('textbox', { name: 'Embed code' });
  const frame = await iframeOf(page, await code.inputValue());
  expect(frame).toMatchObject({
    count: 1,
    width: '800',
    height: '450',
    title: 'Folioscope: Pinned page blocks conversion to private, step 4 of 5',
  });
  expect(frame.src).toMatch(/\?embed=1#s=1\.[A-Za-z0-9_-]+&step=4$/);

  // Copy, with a confirmation that is announced.
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());

  // The live preview: the embed itself, and what it shows at that size.
  await expect(dialog.getByText(/^Preview at 800 × 450/)).toContainText('state diagram’s edge');
  const preview = page.frameLocator('iframe[title="Preview of the embed"]');
  await expect(preview.getByRole('link', { name: 'Open in Folioscope' })).toBeVisible();
  await expect(preview.getByText('step 4 of 5')).toBeVisible();
  await expect(preview.getByText('shared, pinned', { exact: true }).first()).toBeVisible();
  await app.screenshot('embed-dialog-1280x720');

  await dialog.getByRole('combobox', { name: 'Size' }).selectOption({ label: '640 × 360 (narrow column)' });
  await expect(dialog.getByRole('status')).toHaveText('');
  expect(await iframeOf(page, await code.inputValue())).toMatchObject({ width: '640', height: '360' });
  await expect(dialog.getByText(/^Preview at 640 × 360/)).toContainText('gives way');

  // The src, opened on its own, is the embed of the same scenario at the same step.
  const other = await context.newPage();
  await other.setViewportSize({ width: 800, height: 450 });
  await other.goto(frame.src);
  await expect(other.getByRole('link', { name: 'Open in Folioscope' })).toBeVisible();
  await expect(other.getByText('Pinned page blocks conversion to private')).toBeVisible();
  await expect(other.getByText('step 4 of 5')).toBeVisible();
  await expect(other.getByRole('region', { name: 'Outcome' })).toContainText('pin 0x0+4K by vfio');
  await expect(other.getByRole('region', { name: 'Operations' })).toHaveCount(0);
  await other.close();

  // Keys typed in the dialog stay there ("v" would start presenting behind it); Escape closes it.
  await dialog.getByRole('button', { name: 'Copy' }).focus();
  await page.keyboard.press('v');
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
});

test('the Embed dialog at 1920x1080 shows the preview at full size and passes axe', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  await app.goto(at(REFUSED_PIN, 5));
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await expect(dialog.getByText(/^Preview at 800 × 450: /)).toBeVisible();
  const preview = page.frameLocator('iframe[title="Preview of the embed"]');
  await expect(preview.getByRole('region', { name: 'Outcome' })).toContainText('refused EAGAIN');
  await expect(preview.getByText('convert → private ⊘ EAGAIN')).toBeVisible();
  await app.screenshot('embed-dialog-1920x1080');
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

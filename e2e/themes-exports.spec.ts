import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { at, ORPHAN } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

test('the theme is chosen in the header, kept across reloads, and follows the OS by default', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new AppPage(page);
  await app.goto(at(ORPHAN));
  const theme = page.getByRole('combobox', { name: 'Theme' });
  await expect(theme).toHaveValue('dark');
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = await bg();
  await theme.selectOption('projector');
  expect(await bg()).toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('projector');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  expect(await bg()).toBe(dark);
  // Shared memory stays striped in every theme, not told apart by colour alone.
  await expect(page.getByRole('region', { name: /guest_memfd file/ }).getByText('stripes =')).toBeVisible();
  await app.screenshot('theme-dark');
});

test('Export image downloads the current view as SVG and PNG', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(ORPHAN));
  const treeText = await app.folioTree.evaluate((el) =>
    [...el.querySelectorAll('text')].map((t) => t.textContent ?? '').filter((t) => t.trim() !== ''),
  );
  expect(treeText.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Export image…' }).click();
  const files = page.getByRole('dialog', { name: 'Export image' });

  const [svgDl] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(svgDl.suggestedFilename()).toMatch(/\.svg$/);
  const svg = readFileSync(await svgDl.path(), 'utf8');
  const parsed = await page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      root: d.documentElement.localName,
      error: d.getElementsByTagName('parsererror').length,
      text: d.documentElement.textContent ?? '',
    };
  }, svg);
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe('svg');
  for (const t of treeText.slice(0, 5)) expect(parsed.text).toContain(t);
  expect(parsed.text).toContain('orphaned pin');

  const [pngDl] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(pngDl.suggestedFilename()).toMatch(/\.png$/);
  await pngDl.saveAs('test-results/screens/export.png');
  const png = readFileSync(await pngDl.path());
  expect(png.length).toBeGreaterThan(100);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

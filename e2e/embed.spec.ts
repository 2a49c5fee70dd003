import { expect, test } from '@playwright/test';
import { ORPHAN } from './fixtures/scenarios.ts';

test.use({ viewport: { width: 800, height: 450 } });

test('embed mode is read-only, minimal, and fits an 800x450 frame', async ({ page }) => {
  await page.goto(`/?embed=1#s=${ORPHAN}&step=3`);
  await expect(page.getByText('orphaned pin')).toBeVisible();
  await expect(page.getByText('step 3 of 6')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Operations' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New scenario…' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByText('step 4 of 6')).toBeVisible();
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByText('step 2 of 6')).toBeVisible();
  const open = page.getByRole('link', { name: 'Open in Folioscope' });
  await expect(open).toHaveAttribute('href', /#s=1\.[A-Za-z0-9_-]+&step=2$/);
  expect(await open.getAttribute('href')).not.toContain('embed');
  const scroll = await page.evaluate(() => ({
    h: document.documentElement.scrollHeight,
    w: document.documentElement.scrollWidth,
  }));
  expect(scroll.h).toBeLessThanOrEqual(450);
  expect(scroll.w).toBeLessThanOrEqual(800);
  await page.screenshot({ path: 'test-results/screens/embed.png' });
});

test('embed mode also reads the flag from the fragment', async ({ page }) => {
  await page.goto(`/#s=${ORPHAN}&step=1&embed=1`);
  await expect(page.getByRole('link', { name: 'Open in Folioscope' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Operations' })).toHaveCount(0);
});

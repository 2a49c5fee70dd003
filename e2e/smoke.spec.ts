import { expect, test } from '@playwright/test';

test('home page renders the Folioscope heading without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Folioscope' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();

  expect(errors).toEqual([]);
});

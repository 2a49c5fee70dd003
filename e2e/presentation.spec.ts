import { expect, test } from '@playwright/test';
import { TOURS } from '../core/index.ts';
import { AppPage } from './pages/app.ts';

test.use({ viewport: { width: 1920, height: 1080 } });

test('presentation mode is driven by clicker keys only', async ({ page }) => {
  const tour = TOURS.find((t) => t.name === 'share-4k-in-2m');
  if (tour === undefined) throw new Error('tour missing');
  const note = (i: number) => tour.scenario.steps[i - 1]?.note ?? '';
  const app = new AppPage(page);
  await app.goto(`/#tour=${tour.name}&step=0`);
  await app.keys('v');
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tours' })).toHaveCount(0);
  await expect(app.operations).toHaveCount(0);
  const narration = page.getByRole('region', { name: `Tour: ${tour.title}` });
  await expect(narration).toContainText('Introduction');
  const fontPx = async (text: string) =>
    Number.parseFloat(
      await page.getByText(text, { exact: true }).evaluate((el) => getComputedStyle(el).fontSize),
    );
  await app.keys('PageDown');
  await expect(narration).toContainText(note(1));
  expect(await fontPx(note(1))).toBeGreaterThanOrEqual(24);
  expect(await fontPx('step 1 of 7')).toBeGreaterThanOrEqual(24);
  await app.keys('ArrowRight', ' ', 'ArrowDown');
  await expect(narration).toContainText(note(4));
  await app.keys('PageUp', 'ArrowLeft', 'ArrowUp');
  await expect(narration).toContainText(note(1));
  await expect(page.getByRole('link', { name: 'Link to this step' })).toHaveText(
    new RegExp(`#tour=${tour.name}&step=1$`),
  );
  await app.screenshot('presentation');
  await app.keys('.');
  await expect(page.getByRole('status').filter({ hasText: 'Screen blanked' })).toBeVisible();
  await app.keys('.');
  await expect(page.getByRole('status').filter({ hasText: 'Screen blanked' })).toHaveCount(0);
  await app.keys('End');
  await expect(narration).toContainText('End of the tour');
  await app.keys('Escape');
  await expect(page.getByRole('button', { name: 'Tours' })).toBeVisible();
  await expect(app.stepCounter()).toHaveText('step 7 of 7');
});

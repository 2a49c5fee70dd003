import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app.ts';

test('pages are selected with the mouse and the keyboard in the folio tree', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto();
  await app.select('0', '4K');
  await page.getByRole('button', { name: 'Zoom to selection' }).click();
  // Fully zoomed in, a 4K page is 160 px wide: the third page starts at 320 px.
  await app.folioTree.click({ position: { x: 330, y: 60 } });
  await expect(app.inspectorRow('Selection')).toHaveText('0x2000–0x3000 (4K, 1 page)');
  await app.folioTree.click({ position: { x: 10, y: 60 }, modifiers: ['Shift'] });
  await expect(app.inspectorRow('Selection')).toHaveText('0x0–0x3000 (12K, 3 pages)');
  await page.keyboard.press('Escape');
  await expect(app.inspectorRow('Selection')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(app.inspectorRow('Selection')).toHaveText('0x0–0x2000 (8K, 2 pages)');
});

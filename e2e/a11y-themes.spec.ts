import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { at, ORPHAN, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const theme of ['dark', 'projector'] as const) {
  test(`the ${theme} theme passes axe, with a refusal on screen`, async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 2));
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await app.select('0', '4K');
    await app.op('Host map');
    await app.op('Pin');
    await app.op('Make private');
    await expect(app.refusal()).toContainText('EAGAIN');
    expect(await serious(page)).toEqual([]);
    await app.screenshot(`theme-${theme}-refusal`);
  });
}

test('embed mode passes axe', async ({ page }) => {
  await page.goto(`/?embed=1#s=${ORPHAN}&step=3`);
  await expect(page.getByRole('link', { name: 'Open in Folioscope' })).toBeVisible();
  expect(await serious(page)).toEqual([]);
});

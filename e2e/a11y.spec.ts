import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { at, ORPHAN, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/** axe's serious and critical findings, one line each ("rule: selector, selector"). */
async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('every screen passes axe (no serious or critical violations) and is photographed', () => {
  test('main screen, with a refusal, a selection and the diagram as controls', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 2));
    await app.select('0', '4K');
    await app.op('Host map');
    await app.op('Pin');
    await app.op('Make private');
    await expect(app.refusal()).toContainText('EAGAIN');
    await app.opButton('Unpin').hover();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('main');
    await page.getByRole('button', { name: 'Zoom to selection' }).click();
    await app.screenshot('main-zoomed');
  });

  test('main screen with orphans', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(ORPHAN));
    await app.select('0', '8K');
    await page.getByRole('button', { name: 'Zoom to selection' }).click();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('orphans');
  });

  test('new-scenario dialog', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    const d = await app.openNewScenario();
    await d.getByRole('textbox', { name: 'File size' }).fill('3G');
    await d.getByRole('combobox', { name: 'Page size' }).selectOption('2M');
    await d.getByRole('checkbox', { name: /^init shared/ }).check();
    await d.getByRole('checkbox', { name: /^mmap/ }).uncheck();
    await expect(d.getByRole('status')).toContainText('The kernel would refuse');
    expect(await serious(page)).toEqual([]);
    await app.screenshot('new-scenario');
  });

  test('help dialog', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.header.getByRole('button', { name: 'Help' }).click();
    await expect(app.helpDialog()).toBeVisible();
    // The glossary list loads on first use: audit it, not its loading line.
    await expect(app.helpDialog().getByRole('searchbox', { name: 'Search the glossary' })).toBeVisible();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('help');
    await app.helpDialog().getByRole('button', { name: 'Close' }).click();
    await expect(app.helpDialog()).toBeHidden();
  });

  test('a link that failed to open', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/#s=1.not-a-link');
    await expect(app.header.getByRole('alert')).toBeVisible();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('bad-link');
  });

  test('tours menu, a tour with its narration, the trace dialog, presentation mode', async ({ page }) => {
    // Five screens, each with a full axe run: about 30 s on a busy machine.
    test.setTimeout(90_000);
    const app = new AppPage(page);
    await app.goto();
    await app.header.getByRole('button', { name: 'Tours' }).click();
    await expect(page.getByRole('menu', { name: 'Tours' })).toBeVisible();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('tours-menu');
    await page.getByRole('menuitem').nth(4).click();
    await page
      .getByRole('region', { name: /^Tour: / })
      .getByRole('button', { name: 'Next' })
      .click();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('tour');
    await app.header.getByRole('button', { name: 'Copy trace as text' }).click();
    await expect(page.getByRole('dialog', { name: 'Trace as text' })).toBeVisible();
    expect(await serious(page)).toEqual([]);
    await app.screenshot('trace-text');
    await page.getByRole('dialog', { name: 'Trace as text' }).getByRole('button', { name: 'Close' }).click();
    await app.header.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
    expect(await serious(page)).toEqual([]);
  });
});

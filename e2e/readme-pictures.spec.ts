import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { at, MID_PAGE, SHARE_MID_STEPWISE } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/**
 * The README's pictures are taken by the e2e run itself (docs/*.png), so they always show the
 * app as it is: the main screen after a refused conversion, and presentation mode in a tour.
 */
test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(() => mkdirSync('docs', { recursive: true }));

test('README picture: the main screen after a refused conversion', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await app.select(`0x${MID_PAGE.toString(16)}`, '4K');
  await app.op('Pin');
  await app.op('Make private');
  await expect(app.refusal()).toContainText('EAGAIN');
  // The focus layout comes from ELK's worker: wait until it is the one on screen.
  await expect(page.getByRole('group', { name: 'Diagram drawing' })).toHaveAttribute('aria-busy', 'false');
  await expect(app.diagramSvg().getByText('shared, pinned', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'docs/main-screen.png' });
});

test('README picture: presentation mode in a tour, at a refused step', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/#tour=vfio-pin-blocks-conversion&step=4');
  await app.keys('v');
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  // The stage at rest: the refusal on stage, the step's edge laid out, the camera on the focus.
  await expect(page.getByRole('region', { name: 'Outcome' }).getByRole('alert')).toContainText('EAGAIN');
  await expect(page.getByText('convert → private ⊘ EAGAIN')).toBeVisible();
  await expect(page.locator('.svg-sel')).toBeVisible();
  await page.screenshot({ path: 'docs/presentation.png' });
});

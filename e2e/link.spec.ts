import { expect, test } from '@playwright/test';
import { at, ORPHAN, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

test.describe('scenarios in the URL fragment', () => {
  test('opens a link at the step it names', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 2));
    await expect(app.header).toContainText('share and back');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
    await app.select('0', '4K');
    await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
    await expect(app.header.getByRole('alert')).toHaveCount(0);
  });

  test("a broken link says the decoder's reason and opens the default scenario", async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = new AppPage(page);
    await app.goto(`${at(SHARE_AND_BACK.slice(0, -6), 1)}`);
    const alert = app.header.getByRole('alert');
    await expect(alert).toContainText('This link could not be opened:');
    await expect(alert).toContainText('The default scenario is shown instead.');
    await expect(app.header).toContainText('guest_memfd 2G of 1G HugeTLB pages, mmap');
    await expect(app.stepCounter()).toHaveText('step 0 of 0');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveCount(0);
    await app.goto('/#s=9.AAAA');
    await expect(app.header.getByRole('alert')).toContainText('newer Folioscope');
    expect(errors).toEqual([]);
  });

  test('Share link puts the scenario and step into the URL, and it reopens there', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await app.header.getByRole('button', { name: 'Share link' }).click();
    const url = await app.header.getByRole('textbox', { name: 'Share link URL' }).inputValue();
    expect(url).toMatch(/#s=1\.[\w-]+&step=2$/);
    await page.goto('about:blank');
    await app.goto(url.slice(url.indexOf('/#')));
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
  });

  test('an orphan and its holder show in the lanes and the summary', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(ORPHAN));
    await expect(page.getByText(/Orphans: 2 × 4K at 0x0 held by vfio pin, kvm ref/)).toBeVisible();
    await expect(app.inspectorRow('Orphans')).toContainText('4K at 0x0');
  });
});

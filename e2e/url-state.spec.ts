import { expect, test } from '@playwright/test';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { HOSTILE } from './fixtures/hostile.ts';
import { AppPage } from './pages/app.ts';

const AUTOSAVE = 'folioscope.autosave.v1';

test.describe('state in the URL and the autosave', () => {
  test('the fragment follows the work, and a copied URL reopens the same state and step', async ({
    page,
    context,
  }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await expect(page).toHaveURL(/#s=1\.[\w-]+&step=2$/);
    const historyLength = await page.evaluate(() => history.length);
    await app.timelineButton('Step back');
    await expect(page).toHaveURL(/&step=1$/);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    const other = new AppPage(await context.newPage());
    await other.goto(page.url().slice(page.url().indexOf('/#')));
    await expect(other.stepCounter()).toHaveText('step 1 of 3');
    await expect(other.header).toContainText('share and back');
    await expect(other.header.getByRole('alert')).toHaveCount(0);
  });

  test('the work is autosaved and restored on reload without a fragment', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.timelineButton('Step back');
    await expect(page).toHaveURL(/&step=2$/);
    await page.goto('about:blank');
    await app.goto('/');
    await expect(app.header).toContainText('share and back');
    await expect(app.stepCounter()).toHaveText('step 2 of 3');
  });

  test.describe(`${HOSTILE.length} broken or hostile links each say what is wrong and keep the autosaved work`, () => {
    for (const [name, value] of HOSTILE)
      test(name, async ({ page }) => {
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('dialog', (d) => {
          errors.push(`dialog: ${d.message()}`);
          void d.dismiss();
        });
        const app = new AppPage(page);
        await app.goto(at(SHARE_AND_BACK));
        await app.timelineButton('Step back');
        await expect(page).toHaveURL(/&step=2$/);
        // The autosave is written within ~120 ms of the change (or at once on pagehide).
        await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), AUTOSAVE)).toMatch(/"step":2/);
        const saved = await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE);
        expect(saved).not.toBeNull();
        await page.goto('about:blank');
        await app.goto(value.startsWith('#') ? `/${value}` : `/#s=${value}&step=1`);
        const alert = app.header.getByRole('alert');
        await expect(alert).toContainText(
          /could not be opened: .+\. Your autosaved work is shown instead \(it was not changed\)\./,
        );
        await expect(app.header).toContainText('share and back');
        await expect(app.stepCounter()).toHaveText('step 2 of 3');
        await expect(app.timeline.getByRole('button', { name: 'Step back', exact: true })).toBeEnabled();
        await alert.getByRole('button', { name: 'Dismiss' }).click();
        await expect(alert).toHaveCount(0);
        expect(await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE)).toBe(saved);
        expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
        expect(errors).toEqual([]);
      });
  });

  test('a bad link pasted into an open tab keeps what is open', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 1));
    await page.evaluate(() => {
      window.location.hash = '#s=1.<img src=x onerror=window.pwned=1>';
    });
    await expect(app.header.getByRole('alert')).toContainText('What was open is kept.');
    await expect(app.header).toContainText('share and back');
    await expect(app.stepCounter()).toHaveText('step 1 of 3');
    expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
  });
});

import { expect, test } from '@playwright/test';
import { encodeScenario, parseScenario } from '../core/index.ts';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

const MARKUP = (() => {
  const r = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    title: '<img src=x onerror="window.pwned=1">',
    description: '<script>window.pwned=2</script>',
    gmem: { size: '2G', pageSize: '1G', mmap: true },
    steps: [
      {
        op: 'allocate',
        offset: 0,
        length: '4K',
        note: '<b>bold</b><img src=x onerror="window.pwned=3"><script>window.pwned=4</script>',
      },
    ],
  });
  if (!r.ok) throw new Error('markup fixture does not parse');
  return encodeScenario(r.scenario);
})();

test.describe('files, traces and untrusted text', () => {
  test('export a scenario, import it back, and see import errors with their path', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK));
    await app.header.getByRole('button', { name: 'Export scenario' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scenario JSON' });
    const text = await dialog.getByRole('textbox', { name: 'Scenario JSON' }).inputValue();
    expect(JSON.parse(text)).toMatchObject({ format: 'folioscope-scenario', title: 'share and back' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await app.newScenario({ size: '4M', pageSize: '2M', mmap: false });
    const importFile = async (name: string, content: string) => {
      const chooser = page.waitForEvent('filechooser');
      await app.header.getByRole('button', { name: 'Import scenario…' }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    };
    await importFile(
      'bad.json',
      JSON.stringify({ ...JSON.parse(text), steps: [{ op: 'allocate', offset: 0 }] }),
    );
    await expect(app.header.getByRole('alert')).toContainText('steps[0].length');
    await expect(app.stepCounter()).toHaveText('step 0 of 0');
    await importFile('good.json', text);
    await expect(app.header).toContainText('share and back');
    await expect(app.stepCounter()).toHaveText('step 3 of 3');
  });

  test('Copy trace as text shows the trace even without a clipboard', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SHARE_AND_BACK, 2));
    await app.header.getByRole('button', { name: 'Copy trace as text' }).click();
    const text = await page
      .getByRole('dialog', { name: 'Trace as text' })
      .getByRole('textbox', { name: 'Trace as text' })
      .inputValue();
    expect(text).toMatch(/^folioscope trace v1: share and back\n/);
    expect(text).toContain('final state:');
  });

  test('markup in a title, description or note renders as text', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(MARKUP, 1));
    const narration = page.getByRole('region', { name: 'Narration' });
    await expect(narration).toContainText('<b>bold</b><img src=x onerror="window.pwned=3">');
    await expect(app.header).toContainText('<img src=x onerror="window.pwned=1">');
    await expect(narration.locator('img, b, script')).toHaveCount(0);
    await narration.getByRole('button', { name: 'Previous' }).click();
    await expect(narration).toContainText('<script>window.pwned=2</script>');
    expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
  });
});

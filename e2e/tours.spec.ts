import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TOURS } from '../core/index.ts';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

interface Golden {
  steps: { state: unknown }[];
}
interface TraceJson {
  steps: { state: unknown }[];
}

test.describe('narrated tours', () => {
  for (const tour of TOURS) {
    test(`${tour.name} plays to its end and matches its golden trace`, async ({ page }) => {
      const app = new AppPage(page);
      await app.goto('/');
      await app.header.getByRole('button', { name: 'Tours' }).click();
      await page
        .getByRole('menu', { name: 'Tours' })
        .getByRole('menuitem', { name: tour.title, exact: true })
        .click();
      const narration = page.getByRole('region', { name: `Tour: ${tour.title}` });
      await expect(narration).toContainText('Introduction');
      await expect(page).toHaveURL(new RegExp(`#tour=${tour.name}&step=0$`));
      const steps = tour.scenario.steps;
      for (let i = 0; i < steps.length; i++) {
        await narration.getByRole('button', { name: 'Next' }).click();
        await expect(narration).toContainText(`Step ${i + 1} of ${steps.length}`);
        await expect(narration).toContainText(steps[i]?.note ?? '');
      }
      await expect(narration.getByRole('button', { name: 'Next' })).toBeDisabled();
      await expect(narration).toContainText('End of the tour: carry on from here in free play.');
      await expect(page).toHaveURL(new RegExp(`#tour=${tour.name}&step=${steps.length}$`));
      await app.header.getByRole('button', { name: 'Export trace JSON' }).click();
      const dialog = page.getByRole('dialog', { name: 'Trace JSON' });
      const trace = JSON.parse(
        await dialog.getByRole('textbox', { name: 'Trace JSON' }).inputValue(),
      ) as TraceJson;
      const golden = JSON.parse(readFileSync(`core/presets/golden/${tour.name}.json`, 'utf8')) as Golden;
      expect(trace.steps).toHaveLength(golden.steps.length);
      expect(trace.steps.at(-1)?.state).toEqual(golden.steps.at(-1)?.state);
      await dialog.getByRole('button', { name: 'Close' }).click();
      // Free play from the last state: Previous still narrates, the timeline works.
      await narration.getByRole('button', { name: 'Previous' }).click();
      await expect(narration).toContainText(`Step ${steps.length - 1} of ${steps.length}`);
    });
  }

  test('a tour link opens the tour at its step; the menu works from the keyboard', async ({ page }) => {
    const app = new AppPage(page);
    const tour = TOURS[2];
    await app.goto(`/#tour=${tour?.name ?? ''}&step=2`);
    const narration = page.getByRole('region', { name: `Tour: ${tour?.title ?? ''}` });
    await expect(narration).toContainText(`Step 2 of ${tour?.scenario.steps.length ?? 0}`);
    await app.header.getByRole('button', { name: 'Tours' }).focus();
    await app.keys('Enter');
    await expect(page.getByRole('menuitem').first()).toBeFocused();
    await app.keys('ArrowDown', 'Enter');
    await expect(page.getByRole('region', { name: `Tour: ${TOURS[1]?.title ?? ''}` })).toContainText(
      'Introduction',
    );
  });
});

test('a tour points: the camera frames each step’s focus and the panel says “Look here”', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto('/#tour=share-4k-in-1g&step=2');
  const narration = page.getByRole('region', { name: /^Tour: / });
  await expect(narration).toContainText('Look at the folio tree: 2M at 0x200000');
  await expect(page.getByRole('region', { name: /^guest_memfd file/ })).toContainText(
    'Look here: the folio tree',
  );
  // The 2M at 0x200000 of a 1G file fills the view instead of a 2 px sliver.
  const share = () =>
    app.treeSvg.evaluate((svg) => {
      const mark = svg.querySelector('.focus-outline');
      return mark === null ? 0 : mark.getBoundingClientRect().width / svg.getBoundingClientRect().width;
    });
  await expect.poll(share).toBeGreaterThanOrEqual(0.3);
  // The step shares 0x201000 inside the 2M selected: the diagram shows that page and its edge,
  // not the unchanged first page of the range.
  await expect(app.diagram).toContainText(
    'Showing, in the range selected, the page the step is about (0x201000), shared.',
  );
  await expect(app.diagram).toContainText('Last step: private → shared.');
  await app.goto('/#tour=vfio-pin-blocks-conversion&step=4');
  await expect(app.outcome).toContainText('Look here: the refusal');
  await expect(app.refusal()).toContainText('EAGAIN');
});

test('a tour link without a step opens at its introduction, not at its end', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/#tour=share-4k-in-1g');
  await expect(page.getByRole('region', { name: /^Tour: / })).toContainText('Introduction');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('step 0 of 8');
});

test('a tour link pasted into an open tab opens the tour (its code loads then); a bad one keeps the work', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK, 2));
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  await page.evaluate(() => void (window.location.hash = '#tour=share-4k-in-1g&step=3'));
  await expect(page.getByRole('region', { name: /^Tour: / })).toContainText('Step 3 of 8');
  await expect(app.stepCounter()).toHaveText('step 3 of 8');
  await page.evaluate(() => void (window.location.hash = '#tour=no-such-tour'));
  await expect(app.header.getByRole('alert')).toContainText(
    'This tour link could not be opened: there is no tour named “\u2068no-such-tour\u2069”. What was open is kept.',
  );
  await expect(app.stepCounter()).toHaveText('step 3 of 8');
});

// The menu opened from a button in the middle of the header ran 70 px off the right edge at
// 1366-1600 px once the race tours' column loaded.
for (const width of [1366, 1440, 1600]) {
  test(`the Tours menu stays inside the window at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const app = new AppPage(page);
    await app.goto();
    await app.header.getByRole('button', { name: 'Tours' }).click();
    const menu = page.getByRole('menu', { name: 'Tours' });
    await expect(menu.getByRole('menuitem', { name: /^Race tour: / }).first()).toBeVisible();
    const inside = () =>
      menu.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.left >= 0 && r.right <= window.innerWidth;
      });
    await expect.poll(inside).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

// Beside the file view's title and zoom toolbar, "Look here: the mapping lanes under the tree"
// sent the toolbar to a second line at 1280 and 1440 px: a row's height the state diagram lost.
async function boxOf(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  if (b === null) throw new Error(`no box for ${l.toString()}`);
  return b;
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`a tour's "Look here" on the file view leaves its toolbar on the title's line at ${width}x${height}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const app = new AppPage(page);
    await app.goto('/#tour=share-4k-in-1g&step=3');
    const view = page.getByRole('region', { name: /^guest_memfd file/ });
    const badge = view.getByText('Look here: the mapping lanes under the tree');
    await expect(badge).toBeVisible();
    const title = await boxOf(view.getByRole('heading', { name: /^guest_memfd file/ }));
    const zoom = await boxOf(view.getByRole('toolbar', { name: 'Zoom' }));
    // One line: the toolbar's middle is within the title's height.
    expect(Math.abs(zoom.y + zoom.height / 2 - (title.y + title.height / 2))).toBeLessThan(title.height / 2);
    // The badge is under the lanes it names, inside the window.
    const mark = await boxOf(badge);
    const lanes = await boxOf(app.treeSvg);
    expect(mark.y).toBeGreaterThanOrEqual(lanes.y + lanes.height);
    expect(mark.y + mark.height).toBeLessThanOrEqual(height);
  });
}

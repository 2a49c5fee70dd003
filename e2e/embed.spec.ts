import { expect, test, type Page } from '@playwright/test';
import { BAD_CREATE, REFUSED_PIN } from './fixtures/refused.ts';
import { ORPHAN } from './fixtures/scenarios.ts';
import { clippedText } from './pages/clipping.ts';

test.use({ viewport: { width: 800, height: 450 } });

/** The embed's parts, by role and name. */
const parts = (page: Page) => ({
  tree: page.getByRole('group', { name: 'Folio tree', exact: true }),
  legend: page.getByRole('list', { name: 'Legend' }),
  outcome: page.getByRole('region', { name: 'Outcome' }),
  diagram: page.getByRole('region', { name: /^State diagram/ }),
});

test('embed mode is read-only, minimal, and fits an 800x450 frame', async ({ page }) => {
  await page.goto(`/?embed=1#s=${ORPHAN}&step=3`);
  await expect(page.getByText('orphaned pin')).toBeVisible();
  await expect(page.getByText('step 3 of 6')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Operations' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New scenario…' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByText('step 4 of 6')).toBeVisible();
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByText('step 2 of 6')).toBeVisible();
  const open = page.getByRole('link', { name: 'Open in Folioscope' });
  await expect(open).toHaveAttribute('href', /#s=1\.[A-Za-z0-9_-]+&step=2$/);
  expect(await open.getAttribute('href')).not.toContain('embed');
  const scroll = await page.evaluate(() => ({
    h: document.documentElement.scrollHeight,
    w: document.documentElement.scrollWidth,
  }));
  expect(scroll.h).toBeLessThanOrEqual(450);
  expect(scroll.w).toBeLessThanOrEqual(800);
  await page.screenshot({ path: 'test-results/screens/embed.png' });
});

test('embed mode also reads the flag from the fragment', async ({ page }) => {
  await page.goto(`/#s=${ORPHAN}&step=1&embed=1`);
  await expect(page.getByRole('link', { name: 'Open in Folioscope' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Operations' })).toHaveCount(0);
});

test('at 800x450 a refused step shows the tree, its outcome, the diagram’s edge and a legend, nothing clipped', async ({
  page,
}) => {
  await page.goto(`/?embed=1#s=${REFUSED_PIN}&step=5`);
  const p = parts(page);
  await expect(p.tree).toBeVisible();
  await expect(p.outcome).toBeVisible();
  await expect(p.outcome).toContainText('convert 0x0+4K to private');
  await expect(p.outcome).toContainText('refused EAGAIN');
  await expect(p.outcome).toContainText('kvm_gmem_is_safe_for_conversion');
  await expect(p.outcome).toContainText('folio at 0x0 has 1 long-term pin (vfio)');
  await expect(p.outcome).toContainText("the long-term pin keeps the folio's refcount elevated");
  await expect(p.diagram).toBeVisible();
  await expect(p.diagram).toHaveAccessibleName('State diagram · page 0x0');
  await expect(p.diagram.getByText('shared, pinned', { exact: true })).toBeVisible();
  await expect(p.diagram.getByText('convert → private ⊘ EAGAIN')).toBeVisible();
  // A picture: an embed acts through its step buttons only.
  await expect(p.diagram.getByRole('button')).toHaveCount(0);
  await expect(p.legend).toContainText('shared, pinned');
  await expect(p.legend).toContainText('red outline = pinned or referenced');
  expect(await clippedText(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/embed-800x450-refused.png' });
  // Read-only: a click on the tree offers no operations.
  await page.locator('#folio-tree').click({ position: { x: 200, y: 100 } });
  await expect(page.getByRole('menu')).toHaveCount(0);
  // Stepping back redraws the edge the step before took: the pin, shared (mapped) → pinned.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(p.outcome).toContainText('pin 0x0+4K by vfio');
  await expect(p.diagram.getByText('shared, mapped', { exact: true })).toBeVisible();
  expect(await clippedText(page)).toEqual([]);
});

for (const [w, h] of [
  [800, 450],
  [640, 360],
] as const)
  test(`at ${w}x${h} nothing is clipped, in a tour or a 2G file, at the start or a step`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: w, height: h });
    for (const url of [
      `/?embed=1#tour=vfio-pin-blocks-conversion&step=4`,
      `/?embed=1#s=${ORPHAN}&step=3`,
      `/?embed=1#s=${ORPHAN}&step=0`,
      `/?embed=1#s=${REFUSED_PIN}&step=5`,
    ]) {
      await page.goto('about:blank');
      await page.goto(url);
      const p = parts(page);
      await expect(p.tree).toBeVisible();
      await expect(p.outcome).toBeVisible();
      await expect(p.legend).toBeVisible();
      // The diagram is the first to give way in a small frame.
      if (w === 800) await expect(p.diagram).toBeVisible();
      else await expect(p.diagram).toBeHidden();
      expect(await clippedText(page), url).toEqual([]);
    }
    await page.screenshot({ path: `test-results/screens/embed-${w}x${h}.png` });
  });

test('a file the kernel refuses to create: the embed says so, and that no step ran', async ({ page }) => {
  await page.goto(`/?embed=1#s=${BAD_CREATE}&step=1`);
  const p = parts(page);
  await expect(p.outcome).toContainText('allocate 0x0+2M');
  await expect(p.outcome).toContainText('EINVAL');
  await expect(p.outcome).toContainText('the file could not be created');
  await expect(p.diagram).toContainText('No step yet');
  expect(await clippedText(page)).toEqual([]);
});

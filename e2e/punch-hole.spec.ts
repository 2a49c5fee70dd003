import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app.ts';

test.describe('punching a hole across half of a 2M folio', () => {
  test('keeps the folio and zeroes the punched bytes in place', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.newScenario({ size: '4M', pageSize: '2M', mmap: true });
    await app.select('0', '4M');
    await app.op('Allocate');
    await expect(app.header).toBeVisible();
    await expect(page.getByText('Folios: 2 × 2M')).toBeVisible();
    // The guest writes page 0: now there is data for the punch to zero.
    await app.select('0', '4K');
    await app.operations.getByRole('checkbox', { name: 'write access' }).check();
    await app.op('Guest access');
    await expect(app.inspectorRow('Content')).toHaveText('guest');

    await app.select('0', '1M');
    await app.op('Punch hole');
    await expect(app.stepStatus()).toContainText('ok, via kvm_gmem_punch_hole');
    await expect(app.inspectorRow('Folio')).toHaveText('2M at 0x0');
    await expect(page.getByText('Folios: 2 × 2M')).toBeVisible();
    await expect(app.events()).toContainText('kvm_gmem_zero_range');
    await expect(app.events()).toContainText('part of a block: zeroed in place, nothing freed');
    await expect(app.inspectorRow('Content')).toHaveText('zero');
    await expect(app.violatedInvariants()).toHaveCount(0);
  });

  test('the page data row shows the guest data the punch zeroes, where the window has room for it', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const app = new AppPage(page);
    await app.goto();
    await app.newScenario({ size: '4M', pageSize: '2M', mmap: true });
    const labels = page.locator('.row-labels');
    await expect(labels).toContainText('page data');
    await app.select('0', '4M');
    await app.op('Allocate');
    // Allocated, never used: nothing uptodate, nothing in the row.
    await expect(app.treeSvg.locator('.page-data rect')).toHaveCount(0);
    await app.select('0', '4K');
    await app.operations.getByRole('checkbox', { name: 'write access' }).check();
    await app.op('Guest access');
    // The first use zeroed the 2M folio, then the guest wrote its first page.
    await expect(app.shape('Page data guest data at 0x0+4K: last written by the guest')).toHaveCount(1);
    await expect(app.shape(/^Page data zero at 0x1000\+/)).toHaveCount(1);
    const legend = page.getByRole('group', { name: 'Legend' });
    await expect(legend.getByRole('listitem').filter({ hasText: /^page data:/ })).toContainText(
      'zero guest data host data ciphertext',
    );
    await app.select('0', '1M');
    await app.op('Punch hole');
    await expect(app.stepStatus()).toContainText('ok, via kvm_gmem_punch_hole');
    await expect(app.shape(/^Page data guest data/)).toHaveCount(0);
    await expect(app.shape(/^Page data zero at 0x0\+2M/)).toHaveCount(1);
    // A 720 px window keeps its one screen: no row, no legend entries for it.
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(labels).not.toContainText('page data');
    await expect(app.treeSvg.locator('.page-data')).toHaveCount(0);
    await expect(legend).not.toContainText('page data');
  });

  test('right after fallocate the folio stays too (nothing uptodate to zero)', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.newScenario({ size: '4M', pageSize: '2M', mmap: true });
    await app.select('0', '4M');
    await app.op('Allocate');
    await app.select('0', '1M');
    await app.op('Punch hole');
    await expect(app.stepStatus()).toContainText('ok, via kvm_gmem_punch_hole');
    await expect(app.inspectorRow('Folio')).toHaveText('2M at 0x0');
    await expect(page.getByText('Folios: 2 × 2M')).toBeVisible();
  });
});

test('a punch hole over a pinned page says what it left behind: the orphaned folio', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto();
  await app.newScenario({ size: '2M', pageSize: '4K', mmap: true });
  await app.select('0x3000', '4K');
  for (const op of ['Share', 'Host map', 'Host access', 'Pin']) await app.op(op);
  await expect(app.stepStatus()).not.toContainText('Left behind');
  await app.op('Punch hole');
  await expect(app.stepStatus()).toContainText('ok, via kvm_gmem_punch_hole');
  const left = app.stepStatus().getByRole('list', { name: 'What the step left behind' });
  await expect(left).toContainText(
    'truncate_inode_folio 0x3000+4K: still referenced: out of the file, alive until the last reference drops',
  );
});

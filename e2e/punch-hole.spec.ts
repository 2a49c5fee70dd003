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

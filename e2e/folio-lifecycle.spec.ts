import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app.ts';

test.describe('a shared page in a 1G HugeTLB file', () => {
  test('splits the folio, refuses conversion while pinned, merges back after unpin', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = new AppPage(page);
    await app.goto();

    // The dialog validates with the core's parser before anything is created.
    const d = await app.openNewScenario();
    await d.getByRole('textbox', { name: 'File size' }).fill('two gigs');
    await expect(d.getByRole('status')).toContainText('gmem.size');
    await expect(d.getByRole('button', { name: 'Create' })).toBeDisabled();
    await d.getByRole('button', { name: 'Cancel' }).click();
    await app.newScenario({ size: '2G', pageSize: '1G', mmap: true });
    await expect(page.getByRole('banner')).toContainText('guest_memfd 2G of 1G HugeTLB pages, mmap');

    await app.select('0', '4K');
    await app.op('Allocate');
    await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');

    await app.op('Share');
    await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
    await expect(app.inspectorRow('HugeTLB block')).toContainText('split');
    await expect(app.events()).toContainText('kvm_gmem_split_folio_in_filemap');
    // 262,144 folios of 4K, yet the page stays light: runs are drawn as single shapes.
    expect(await page.evaluate(() => document.querySelectorAll('#root *').length)).toBeLessThanOrEqual(3000);

    await app.op('Host map');
    await app.op('Pin');
    await expect(app.inspectorRow('Holders')).toContainText('gup (pin, long-term)');
    await expect(app.inspectorRow('Page state')).toContainText('shared-pinned');

    await app.op('Make private');
    const refusal = app.refusal();
    await expect(refusal).toContainText('EAGAIN');
    await expect(refusal).toContainText('kvm_gmem_is_safe_for_conversion');
    await expect(refusal).toContainText('long-term pin');
    // ...and what the kernel did before refusing: the VMM's PTE is gone (spec v2).
    await expect(refusal).toContainText('VMM PTEs zapped in [0x0, 0x1000) (unmap_mapping_pages)');
    await expect(app.steps().last()).toContainText('EAGAIN');
    await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');

    await app.op('Unpin');
    await expect(app.refusal()).toHaveCount(0);
    await app.op('Make private');
    await expect(app.stepStatus()).toContainText('ok');
    await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
    await expect(app.inspectorRow('HugeTLB block')).toContainText('huge');
    await expect(app.events()).toContainText('kvm_gmem_try_merge_folio_in_filemap');
    // The inspector lists what last happened to the selected block.
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('listitem').first()).toContainText(
      'kvm_gmem_try_merge_folio_in_filemap',
    );
    // The refused conversion had zapped the VMM's PTE before its refcount check (spec v2), so
    // the page was no longer mapped when it turned private.
    await expect(app.diagram).toContainText('Last step: shared → private');
    await expect(app.violatedInvariants()).toHaveCount(0);

    // Stepping back is replay: the refusal comes back with the state it refused in.
    await app.timelineButton('Step back');
    await app.timelineButton('Step back');
    await expect(app.refusal()).toContainText('EAGAIN');
    await app.timelineButton('Step forward');
    await app.timelineButton('Step forward');
    await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
    await app.timelineButton('Undo');
    await expect(app.steps()).toHaveCount(7);
    await app.timelineButton('Redo');
    await expect(app.steps()).toHaveCount(8);

    await page.getByRole('button', { name: 'Zoom to selection' }).click();
    await page.screenshot({ path: 'test-results/main-screen.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  test('has no serious or critical accessibility violations', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.select('0', '4K');
    await app.op('Allocate');
    await app.op('Share');
    await app.op('Host map');
    await app.op('Pin');
    await app.op('Make private');
    await expect(app.refusal()).toBeVisible();
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    await app.openNewScenario();
    expect(await serious()).toEqual([]);
  });
});

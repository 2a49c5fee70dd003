import { expect, test } from '@playwright/test';
import { at, SHARE_MID_STEPWISE } from './fixtures/scenarios.ts';
import { longHistoryLink } from './fixtures/longHistory.ts';
import { AppPage } from './pages/app.ts';

test('share, pin, refused conversion, unpin and merge with the keyboard only', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.goto();

  // "/" jumps to the selection fields; Enter selects and goes back to the folio tree. The panels
  // beside the tree render a moment after it (app/animation/Following.tsx): wait for the field.
  await expect(app.operations.getByRole('textbox', { name: 'Offset' })).toBeVisible();
  await app.keys('/');
  await expect(app.operations.getByRole('textbox', { name: 'Offset' })).toBeFocused();
  await page.keyboard.type('0');
  await app.keys('Tab', 'Control+a');
  await page.keyboard.type('4K');
  await app.keys('Enter');
  await expect(app.folioTree).toBeFocused();
  await expect(app.inspectorRow('Selection')).toHaveText('0x0–0x1000 (4K, 1 page)');

  // A shortcut that cannot act says why instead of acting.
  await app.keys('Escape', 'a');
  await expect(app.outcome).toContainText('Allocate: Select pages first');
  await expect(app.steps()).toHaveCount(1);
  await app.keys('ArrowRight', 'ArrowLeft');
  await expect(app.inspectorRow('Selection')).toHaveText('0x0–0x1000 (4K, 1 page)');

  await app.keys('a');
  await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
  await app.keys('s');
  await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
  await app.keys('m', 'i');
  await expect(app.inspectorRow('Holders')).toContainText('gup (pin, long-term)');

  await app.keys('p');
  await expect(app.refusal()).toContainText('EAGAIN');
  await expect(app.refusal()).toContainText('kvm_gmem_is_safe_for_conversion');

  // The refused conversion had already zapped the VMM's PTE (spec v2, refusals with side
  // effects): after the unpin the page is shared and no longer mapped.
  await app.keys('o');
  await expect(app.refusal()).toHaveCount(0);
  await expect(app.inspectorRow('Page state')).toHaveText('shared (shared)');

  // The merge, from the state diagram: "d" focuses its edge buttons, Tab walks them, Enter acts.
  await app.keys('d');
  await app.tabTo(app.edgeButton(/^convert → private: shared → private/));
  await app.keys('Enter');
  await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
  await expect(app.inspectorRow('HugeTLB block')).toContainText('huge');
  await expect(app.events()).toContainText('kvm_gmem_try_merge_folio_in_filemap');
  // The edge went with the state it left: the focus is on the new state's first edge.
  await expect(page.locator('.diagram .edge-action').first()).toBeFocused();

  // Help lists the shortcuts; Esc closes it.
  await app.keys('?');
  const help = app.helpDialog();
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: 's Share' })).toBeVisible();
  await expect(help.getByRole('row', { name: '[ Step back (the step plays in reverse)' })).toBeVisible();
  await app.keys('Escape');
  await expect(help).toBeHidden();

  // Timeline: step back to the refusal, forward again, undo and redo.
  await app.keys('[', '[');
  await expect(app.stepCounter()).toHaveText('step 5 of 7');
  await expect(app.refusal()).toContainText('EAGAIN');
  await app.keys(']', ']');
  await expect(app.stepCounter()).toHaveText('step 7 of 7');
  await app.keys('z');
  await expect(app.steps()).toHaveCount(7);
  await app.keys('y');
  await expect(app.steps()).toHaveCount(8);
  await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
  expect(errors).toEqual([]);
});

test('a step chosen in the list with the keyboard keeps the focus when the list moves with it', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(longHistoryLink(100), 50));
  const list = app.timeline.getByRole('list', { name: 'Steps' });
  await list.locator('li[data-step="60"] button').focus();
  await page.keyboard.press('Enter');
  // The list shows the steps around the cursor, its rows reused in place: the rows moved by
  // ten, the focus stayed with step 60.
  await expect(list.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '60');
  await expect(list.locator('li[data-step="90"]')).toBeAttached();
  await expect(list.locator('li[data-step="60"] button')).toBeFocused();
});

test('in the folio tree Up widens the selection, Down narrows it, the sides step by it, period and comma find the next change', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await app.select('0x601c2000', '4K');
  await expect(app.folioTree).toBeFocused();
  // Each press and the selection it leaves.
  const presses: [string[], string][] = [
    [['ArrowUp'], '0x60000000–0x60200000 (2M, 512 pages)'],
    [['ArrowRight'], '0x60200000–0x60400000 (2M, 512 pages)'],
    [['ArrowUp'], '0x40000000–0x80000000 (1G, 262,144 pages)'],
    [['ArrowLeft'], '0x0–0x40000000 (1G, 262,144 pages)'],
    [['ArrowDown', 'ArrowDown'], '0x0–0x1000 (4K, 1 page)'],
    [['ArrowRight'], '0x1000–0x2000 (4K, 1 page)'],
  ];
  for (const [keys, selection] of presses) {
    await app.keys(...keys);
    await expect(app.inspectorRow('Selection')).toHaveText(selection);
  }
  // Period and comma: the next and the previous page whose state differs. The one shared page
  // of the 2G file is one press away from the first page.
  await app.keys('Home', '.');
  await expect(app.inspectorRow('Selection')).toHaveText('0x601c2000–0x601c3000 (4K, 1 page)');
  await expect(app.inspectorRow('Page state')).toContainText('shared');
  await app.keys(',');
  await expect(app.inspectorRow('Selection')).toHaveText('0x601c1000–0x601c2000 (4K, 1 page)');
});

test('the first Tab shows "Skip to the folio tree", which takes the focus there and leaves the address alone', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE, 2));
  await expect(app.folioTree).toBeVisible();
  const address = page.url();
  const skip = page.getByRole('button', { name: 'Skip to the folio tree' });
  await expect(skip).not.toBeInViewport();
  // A page just opened: the focus is on its body.
  await expect(page.locator('body')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(app.folioTree).toBeFocused();
  await expect(skip).not.toBeInViewport();
  expect(page.url()).toBe(address);
});

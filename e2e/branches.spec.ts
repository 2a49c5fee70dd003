import { expect, test } from '@playwright/test';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

test('stepping back and acting keeps the old future as a branch; switch back, undo, redo', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK));
  await app.select('0', '4K');
  await expect(app.steps()).toHaveCount(4);
  await expect(app.stepCounter()).toHaveText('step 3 of 3');

  await app.timelineButton('Step back');
  await app.timelineButton('Step back');
  await expect(app.stepCounter()).toHaveText('step 1 of 3');
  await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');

  // Acting here replaces the future: split the block explicitly instead of sharing.
  await app.operations.getByRole('combobox', { name: 'Split to' }).selectOption('2M');
  await app.op('Split');
  await expect(app.stepCounter()).toHaveText('step 2 of 2');
  await expect(app.inspectorRow('Folio')).toHaveText('2M at 0x0');
  const branches = app.timeline.getByRole('list', { name: 'Other branches' });
  await expect(branches).toContainText('3 steps, parted after step 1');

  // The old future is one click away, whole.
  await branches.getByRole('button', { name: 'Switch to branch 1' }).click();
  await expect(app.stepCounter()).toHaveText('step 1 of 3');
  await expect(app.steps().nth(2)).toContainText('convert 0x0+4K to shared');
  await app.timelineButton('Step forward');
  await expect(app.inspectorRow('Folio')).toHaveText('4K at 0x0');
  await expect(branches).toContainText('2 steps, parted after step 1');

  // Switching entered history: undo returns to the split line, redo to the old future.
  await app.timelineButton('Undo');
  await expect(app.stepCounter()).toHaveText('step 2 of 2');
  await expect(app.inspectorRow('Folio')).toHaveText('2M at 0x0');
  await app.timelineButton('Redo');
  await expect(app.steps()).toHaveCount(4);
  await expect(app.steps().nth(3)).toContainText('convert 0x0+4K to private');
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  await app.timelineButton('Step forward');
  await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
});

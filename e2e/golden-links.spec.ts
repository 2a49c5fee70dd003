import { expect, test } from '@playwright/test';
import { GOLDEN_LINKS } from './fixtures/golden-links.ts';
import { AppPage } from './pages/app.ts';

test('a golden link opens at its title and step', async ({ page }) => {
  const g = GOLDEN_LINKS.find((l) => l.name === 'snp2m');
  if (g === undefined) throw new Error('golden link missing');
  const app = new AppPage(page);
  await app.goto(`/#s=${g.link}&step=2`);
  await expect(app.header).toContainText('golden: 2M SNP split ✂');
  await expect(app.stepCounter()).toHaveText('step 2 of 4');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

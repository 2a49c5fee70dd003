import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BOOLEAN_KNOBS, POLICY_CHOICES, TOURS, encodeScenario, parseScenario } from '../core/index.ts';
import { at, SHARE_MID_STEPWISE } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/** axe's serious and critical findings, one line each. */
async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What a newcomer sees, at the size of a common laptop screen. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/** 60 steps on a 4K file: one allocation per page. */
const SIXTY = (() => {
  const r = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    title: 'sixty steps',
    gmem: { size: '2M', pageSize: '4K', mmap: true },
    steps: Array.from({ length: 60 }, (_, i) => ({ op: 'allocate', offset: i * 4096, length: '4K' })),
  });
  if (!r.ok) throw new Error('the sixty-step fixture does not parse');
  return encodeScenario(r.scenario);
})();

const KNOBS = [...Object.keys(POLICY_CHOICES), ...BOOLEAN_KNOBS, 'hostHugePages'];

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('the first five minutes', () => {
  test('a fresh profile sees the welcome, and one key starts a tour', async ({ page }) => {
    const app = new AppPage(page);
    await app.gotoFirstVisit();
    const w = app.welcome();
    await expect(w).toContainText('guest_memfd is the Linux KVM file');
    await expect(w.getByRole('heading', { name: 'Take a guided tour' })).toBeVisible();
    await expect(w.getByRole('heading', { name: 'Explore a ready-made VM' })).toBeVisible();
    await expect(w.getByRole('heading', { name: 'Open a scenario file or link' })).toBeVisible();
    await expect(
      w
        .getByRole('region', { name: 'Take a guided tour' })
        .getByRole('button', { name: /steps · about \d+ min$/ }),
    ).toHaveCount(TOURS.length);
    expect(await serious(page)).toEqual([]);
    await shoot(page, 'welcome');

    const first = TOURS[0];
    if (first === undefined) throw new Error('no tours');
    // The suggested first tour has the focus: Enter starts it, and its Next button takes the focus.
    await expect(w.getByRole('button', { name: new RegExp(`^${first.title}`) })).toBeFocused();
    await app.keys('Enter');
    await expect(w).toBeHidden();
    const narration = page.getByRole('region', { name: `Tour: ${first.title}` });
    await expect(narration).toContainText('Introduction');
    await expect(narration.getByRole('button', { name: 'Next' })).toBeFocused();

    // Used once, it does not come back by itself, not even on a plain address.
    await page.goto('/');
    await expect(app.heading).toBeVisible();
    await expect(app.welcome()).toBeHidden();
  });

  test('the ready-made VM opens with its first page selected; Help brings the welcome back', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.gotoFirstVisit();
    await app.welcome().getByRole('button', { name: 'Explore the 2 GiB VM' }).click();
    await expect(app.welcome()).toBeHidden();
    await expect(app.inspectorRow('Selection')).toHaveText('0x0–0x1000 (4K, 1 page)');
    await expect(app.folioTree).toBeFocused();
    await app.keys('a');
    await expect(app.inspectorRow('Folio')).toHaveText('1G at 0x0');
    await app.header.getByRole('button', { name: 'Help' }).click();
    await app.helpDialog().getByRole('button', { name: 'Show the welcome' }).click();
    await expect(app.welcome()).toBeVisible();
    // Closed from its top, without scrolling to the footer.
    await app.welcome().getByRole('button', { name: 'Close', exact: true }).click();
    await expect(app.welcome()).toBeHidden();
  });

  test('the welcome opens a shared link, and says in place why a bad one cannot open', async ({ page }) => {
    const app = new AppPage(page);
    await app.gotoFirstVisit();
    const w = app.welcome();
    const link = w.getByRole('form', { name: 'Open a link' });
    await link.getByRole('textbox', { name: 'Link' }).fill('https://example.org/#s=1.not-a-link');
    await link.getByRole('button', { name: 'Open link' }).click();
    await expect(w.getByRole('alert')).toContainText('This link could not be opened');
    await link.getByRole('textbox', { name: 'Link' }).fill(`https://example.org/#s=${SIXTY}&step=7`);
    await link.getByRole('button', { name: 'Open link' }).click();
    await expect(w).toBeHidden();
    await expect(app.stepCounter()).toHaveText('step 7 of 60');
  });

  test('no welcome when the address carries a link or a tour', async ({ page }) => {
    const app = new AppPage(page);
    await page.goto(at(SIXTY, 3));
    await expect(app.stepCounter()).toHaveText('step 3 of 60');
    await expect(app.welcome()).toBeHidden();
    await page.goto('about:blank');
    await page.goto('/#tour=share-4k-in-2m&step=0');
    await expect(page.getByRole('region', { name: /^Tour: / })).toBeVisible();
    await expect(app.welcome()).toBeHidden();
  });

  test('Help opens on the concepts: the glossary', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.header.getByRole('button', { name: 'Help' }).click();
    const help = app.helpDialog();
    await expect(help.getByRole('tab', { name: 'Concepts' })).toHaveAttribute('aria-selected', 'true');
    // The list loads on first use: the screenshot shows it, not its loading line.
    await expect(help.getByRole('searchbox', { name: 'Search the glossary' })).toBeVisible();
    await shoot(page, 'help-concepts');
    await help.getByRole('searchbox', { name: 'Search the glossary' }).fill('FOLL_LONGTERM');
    await expect(help.getByRole('article')).toHaveCount(1);
    await expect(help.getByRole('article')).toContainText('GUP pin');
    await help.getByRole('tab', { name: 'Keyboard shortcuts' }).click();
    await expect(help.getByRole('row', { name: 's Share' })).toBeVisible();
  });

  test('a lane’s name beside the folio tree opens its glossary entry', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await page
      .getByRole('region', { name: /^guest_memfd file/ })
      .getByRole('button', { name: 'stage-2', exact: true })
      .click();
    const entry = app.glossary().getByRole('article', { name: /^stage-2 · also/ });
    await expect(entry).toBeFocused();
    await expect(entry).toContainText('EPT');
    await app.keys('Escape');
    // Clicked, not tabbed to: the Tab order from the zoom tools to the tree stays as it was.
    await expect(
      page
        .getByRole('region', { name: /^guest_memfd file/ })
        .getByRole('button', { name: 'orphans', exact: true }),
    ).toHaveAttribute('tabindex', '-1');
  });

  test('a knob opens the glossary at its entry, on top of the dialog; Esc closes only the glossary', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.goto();
    const d = await app.openNewScenario();
    await d.getByRole('button', { name: 'Glossary: split' }).first().click();
    const g = app.glossary();
    await expect(g).toBeVisible();
    const entry = g.getByRole('article', { name: 'split', exact: true });
    await expect(entry).toBeFocused();
    await expect(entry).toBeInViewport();
    await expect(entry).toContainText('guestmem_hugetlb_split_folio');
    expect(await serious(page)).toEqual([]);
    await shoot(page, 'glossary');
    await app.keys('Escape');
    await expect(g).toBeHidden();
    await expect(d).toBeVisible();
    await expect(d.getByRole('button', { name: 'Glossary: split' }).first()).toBeFocused();
  });

  test('every knob of the New scenario dialog says what it changes; an unsafe one says what it breaks', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.goto();
    const d = await app.openNewScenario();
    for (const k of KNOBS) {
      const control = d.getByRole(
        (BOOLEAN_KNOBS as readonly string[]).includes(k)
          ? 'checkbox'
          : k === 'hostHugePages'
            ? 'textbox'
            : 'combobox',
        { name: k },
      );
      await expect(control).toHaveAccessibleDescription(/\w.{40,}/);
    }
    await d.getByRole('combobox', { name: 'splitPath' }).selectOption('stepwise');
    await expect(d.getByRole('combobox', { name: 'splitPath' })).toHaveAccessibleDescription(
      /stepwise \(chosen\): 1G → 2M/,
    );
    await d.getByRole('checkbox', { name: 'unsafeSkipRefCheck' }).check();
    await expect(d).toContainText('Unsafe: Breaks invariant 1');
    expect(await serious(page)).toEqual([]);
    await shoot(page, 'new-scenario-knobs');
  });

  test('a legend term opens the glossary', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await page
      .getByRole('group', { name: 'Legend' })
      .getByRole('button', { name: 'shared', exact: true })
      .click();
    await expect(app.glossary().getByRole('article', { name: 'shared', exact: true })).toBeFocused();
  });

  test('a shortcut with nothing selected says so where the eyes are', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await expect(app.operations).toContainText('Nothing is selected. Select pages first');
    await app.keys('a');
    await expect(app.noticeToast()).toBeVisible();
    await expect(app.noticeToast()).toContainText('Allocate: Select pages first');
    await shoot(page, 'notice');
    await expect(app.steps()).toHaveCount(1);
    await app.select('0', '4K');
    await expect(app.noticeToast()).toBeHidden();
  });

  test('an offset outside the file is refused visibly, an unaligned one corrected visibly', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.select('3G', '4K');
    const form = app.operations.getByRole('form', { name: 'Selection' });
    await expect(form).toContainText('EINVAL: offset 0xc0000000 is past the end of the 2G file');
    await expect(form.getByRole('textbox', { name: 'Offset' })).toHaveAccessibleDescription(/past the end/);
    await expect(form.getByRole('textbox', { name: 'Offset' })).toHaveAttribute('aria-invalid', 'true');
    await expect(app.inspectorRow('Selection')).toHaveCount(0);
    // A bad length marks the length, not the offset, and says why.
    await app.select('0', '-1');
    await expect(form).toContainText('The length (“-1”) is negative');
    await expect(form.getByRole('textbox', { name: 'Length' })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('textbox', { name: 'Offset' })).not.toHaveAttribute('aria-invalid');
    await app.select('0x1001', '4K');
    await expect(form).toContainText(
      'offset 0x1001 is not 4K-aligned (the kernel would answer EINVAL): rounded down to 0x1000',
    );
    await expect(app.inspectorRow('Selection')).toHaveText('0x1000–0x3000 (8K, 2 pages)');
  });

  test('the step list keeps the current step in view after a jump to step 40 of 60', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto(at(SIXTY, 0));
    const list = app.timeline.getByRole('list', { name: 'Steps' });
    await list.scrollIntoViewIfNeeded();
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#s=${SIXTY}&step=40`);
    await expect(app.stepCounter()).toHaveText('step 40 of 60');
    const current = list.locator('li[aria-current="step"]');
    await expect(current).toContainText('40.');
    await expect(current).toBeInViewport();
    // Same numbers everywhere: the text trace calls the first op step 1, like the list.
    await app.header.getByRole('button', { name: 'Copy trace as text' }).click();
    const text = page.getByRole('dialog', { name: 'Trace as text' }).getByRole('textbox');
    await expect(text).toHaveValue(/\n\[1\] allocate 0x0\+4K +ok\n/);
    await expect(text).toHaveValue(/\n\[40\] allocate 0x27000\+4K +ok\n/);
  });
});

// The events list used to grow and shrink with each step, moving the Operations panel below
// it by up to 235 px between two steps.
test('the Operations panel stays put from step to step, whatever the number of events', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new AppPage(page);
  const top = async (step: number) => {
    await app.goto(at(SHARE_MID_STEPWISE, step));
    await expect(app.stepCounter()).toHaveText(`step ${step} of 3`);
    return (await app.operations.boundingBox())?.y;
  };
  const first = await top(3);
  expect(first).toBeDefined();
  expect([await top(0), await top(1), await top(2)]).toEqual([first, first, first]);
});

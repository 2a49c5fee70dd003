/**
 * Race share links (codec v4, `#s=4.…`) and race tours in the browser (issue 15): a link opens
 * the race workspace at its schedule and cursor, Share link round-trips, a garbled link names
 * the part that is wrong, and a race tour played by keyboard ends on its violation.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  encodeRaceLink,
  parseRace,
  raceJson,
  RACE_TOURS,
  WORKED_EXAMPLES,
  type RaceScenario,
} from '../core/index.ts';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';
import { scheduleLabels, serious, VIOLATION_A } from './pages/race.ts';

// A race tour played to its end, a link opened in a second page, axe: on a busy machine these
// ran past the default 30 s budget while every step still passed.
test.describe.configure({ timeout: 90_000 });

/** Worked example (a) with its GUP-fast PTE re-check off. */
function exampleA(): RaceScenario {
  const r = parseRace(raceJson(WORKED_EXAMPLES['a']!));
  if (!r.ok) throw new Error('example (a) does not parse');
  return { ...r.race, knobs: { ...r.race.knobs, gupFastRecheck: false } };
}
const linkA = (cursor?: number) =>
  encodeRaceLink({
    race: exampleA(),
    schedule: [...'CCGCCCCGG'],
    ...(cursor === undefined ? {} : { cursor }),
  });

const selected = (page: Page) =>
  page.getByRole('region', { name: /^Schedule/ }).locator('button[aria-pressed="true"]');

test('a race link opens the workspace at its schedule: 9 steps and the invariant banner', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(`/#s=${linkA()}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Folioscope · Races' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Schedule/ })).toContainText('9 micro-steps');
  expect(await scheduleLabels(page)).toBe(VIOLATION_A);
  await expect(page.getByRole('alert')).toContainText('Invariant 1 violated after G3');
  await expect(page.getByLabel('gupFastRecheck')).toHaveValue('false');
  // The address keeps the link; leaving the races drops it.
  await expect(page).toHaveURL(new RegExp(`#s=${linkA().replace(/[.]/g, '\\.')}$`));
  await page.getByRole('button', { name: 'Back to the file view' }).click();
  await expect(app.folioTree).toBeVisible();
  await expect(page).not.toHaveURL(/#s=4\./);
});

test('Share link in the workspace round-trips the schedule and the cursor', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new AppPage(page);
  await app.goto(`/#s=${linkA()}`);
  await page.getByRole('button', { name: /^step 5: C C4/ }).click();
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const url = await page.evaluate('navigator.clipboard.readText()');
  expect(url).toBe(await page.getByLabel('Share link URL').inputValue());
  expect(url).toContain(`#s=${linkA(5)}`);

  const other = await context.newPage();
  await new AppPage(other).goto(String(url));
  expect(await scheduleLabels(other)).toBe(VIOLATION_A);
  await expect(selected(other)).toHaveAccessibleName(/^step 5: C C4/);
  await expect(other.getByRole('alert')).toHaveCount(0);
  await expect(other.getByLabel('Locks and counters after the selected step')).toHaveText(
    (await page.getByLabel('Locks and counters after the selected step').textContent()) ?? '',
  );
});

test('a garbled race link says which part is wrong; nothing crashes', async ({ page }) => {
  const app = new AppPage(page);
  const link = linkA();
  await app.goto(`/#s=${link.slice(0, -4)}`);
  await expect(page.getByRole('alert')).toContainText(
    /This race link could not be opened: .*in its (schedule|cursor)/,
  );
  await expect(page.getByRole('heading', { name: 'Worked examples' })).toBeVisible();
  // A good link pasted into the address bar opens.
  await page.evaluate(`window.location.hash = '#s=${link}'`);
  await expect.poll(() => scheduleLabels(page)).toBe(VIOLATION_A);
});

test('a race tour from the Tours menu, played to its last step by keyboard, shows the violation', async ({
  page,
}) => {
  const tour = RACE_TOURS.find((t) => t.name === 'race-gup-fast-recheck')!;
  const app = new AppPage(page);
  await app.goto();
  await app.header.getByRole('button', { name: 'Tours' }).click();
  await page.getByRole('menuitem', { name: `Race tour: ${tour.title}` }).click();
  const bar = page.getByRole('region', { name: /^Race tour:/ });
  await expect(bar).toContainText(`Step 1 of ${tour.steps.length}`);
  await expect(bar).toContainText(tour.steps[0]!.source);
  expect(await serious(page)).toEqual([]);
  for (let i = 1; i < tour.steps.length; i++) {
    await page.keyboard.press(']');
    await expect(bar).toContainText(`Step ${i + 1} of ${tour.steps.length}`);
  }
  const last = tour.steps[tour.steps.length - 1]!;
  await expect(bar).toContainText(last.note);
  await expect(bar.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expect(page.getByRole('alert')).toContainText(
    `Invariant ${tour.breaks} violated after ${last.focus.step}`,
  );
  // The focus: an outlined lane and chip with a "Look here" label, and the sentence in the bar.
  const chip = page.locator(
    `.race-lane[data-actor="${last.focus.actor}"] .race-chip[data-step="${last.focus.step}"]`,
  );
  expect(await chip.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('dashed');
  expect(await chip.evaluate((e) => getComputedStyle(e, '::after').content)).toBe('"Look here"');
  await expect(bar).toContainText(
    `Look here: actor ${last.focus.actor}'s lane, its micro-step ${last.focus.step}`,
  );
  expect(await serious(page)).toEqual([]);
  await expect(page).toHaveURL(new RegExp(`\\?race=${tour.name}\\.${tour.steps.length}$`));
  await page.keyboard.press('[');
  await expect(bar).toContainText(`Step ${tour.steps.length - 1} of ${tour.steps.length}`);
});

test('a cut race link opens the races with the reason; the autosaved work is not touched', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK));
  // A change is autosaved (within ~120 ms).
  await app.timelineButton('Step back');
  await expect
    .poll(() => page.evaluate('localStorage.getItem("folioscope.autosave.v1")'))
    .toMatch(/"step":2/);
  const saved = await page.evaluate('localStorage.getItem("folioscope.autosave.v1")');
  await page.goto('about:blank');
  await app.goto('/#s=4.AAAA&step=1');
  await expect(page.getByRole('alert')).toHaveText(
    /^This race link could not be opened: the link is cut short \(in its configuration\)\. What was open is kept\./,
  );
  await page.getByRole('button', { name: 'Back to the file view' }).click();
  await expect(app.header).toContainText('share and back');
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  await expect(app.header.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate('localStorage.getItem("folioscope.autosave.v1")')).toBe(saved);
});

test('the race picker lists the guided race tours; a reload keeps the tour step', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/?race');
  const tours = page.getByRole('region', { name: 'Guided race tours' });
  await expect(tours.getByRole('button')).toHaveCount(RACE_TOURS.length);
  await tours.getByRole('button', { name: RACE_TOURS[1]!.title }).click();
  const bar = page.getByRole('region', { name: /^Race tour:/ });
  await bar.getByRole('button', { name: 'Next' }).click();
  await expect(bar).toContainText(`Step 2 of ${RACE_TOURS[1]!.steps.length}`);
  await page.reload();
  await expect(bar).toContainText(`Step 2 of ${RACE_TOURS[1]!.steps.length}`);
  await expect(bar).toContainText(RACE_TOURS[1]!.steps[1]!.note);
});

test('the first-visit welcome offers the race tours as their own group, by keyboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.gotoFirstVisit();
  const group = app.welcome().getByRole('region', { name: 'Take a race tour' });
  const tours = group.getByRole('button', { name: /steps · about \d+ min$/ });
  await expect(tours).toHaveCount(RACE_TOURS.length);
  await expect(group).toContainText(`${RACE_TOURS.length} tours of the race explorer`);
  expect(await serious(page)).toEqual([]);
  const tour = RACE_TOURS[0]!;
  const first = group.getByRole('button', { name: new RegExp(`^${tour.title}`) });
  for (let i = 0; i < 60 && !(await first.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.welcome()).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`\\?race=${tour.name}\\.1$`));
  await expect(page.getByRole('region', { name: /^Race tour:/ })).toContainText(
    `Step 1 of ${tour.steps.length}`,
  );
});

import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { FOCUS_PANEL_NAME, TOURS, tourFocus } from '../core/index.ts';
import { AppPage } from './pages/app.ts';
import { StagePage } from './pages/stage.ts';

const tour = TOURS.find((t) => t.name === 'vfio-pin-blocks-conversion');
if (tour === undefined) throw new Error('tour missing');
const steps = tour.scenario.steps;
const REFUSED = 4;

/** The projector sizes of the issue, and the smallest text each must keep. */
const SCREENS = [
  { width: 1920, height: 1080, minPx: 20 },
  { width: 1280, height: 720, minPx: 16 },
] as const;

for (const screen of SCREENS) {
  test.describe(`on a ${screen.width}x${screen.height} projector`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height } });

    test('the clicker steps a tour: big text, the camera frames each focus, diagram and refusal on stage', async ({
      page,
    }) => {
      const stage = new StagePage(page);
      const app = await stage.open(tour.name, 0);
      await expect(page.getByRole('button', { name: 'Tours' })).toHaveCount(0);
      await expect(app.operations).toHaveCount(0);
      let least = { px: Infinity, text: '' };
      for (let i = 0; i <= steps.length; i++) {
        if (i > 0) await app.keys(i % 2 === 0 ? 'PageDown' : 'ArrowRight');
        await expect(stage.step()).toHaveText(`step ${i} of ${steps.length}`);
        const focus = tourFocus(tour, i);
        if (focus === undefined) throw new Error(`no focus at step ${i}`);
        if (i > 0) await expect(page.getByText(steps[i - 1]?.note ?? '', { exact: true })).toBeVisible();
        // The introduction: its first sentence alone (the sources are in the speaker view).
        else
          await expect(page.getByText(/^A page pinned while shared cannot become private/)).toHaveText(
            /error_offset\.$/,
          );
        await expect(page.getByText(`Look at ${FOCUS_PANEL_NAME[focus.panel]}:`)).toBeVisible();
        await expect(page.getByText(`Look here: ${FOCUS_PANEL_NAME[focus.panel]}`)).toBeVisible();
        await stage.expectFramed(0.3);
        await expect(stage.diagram.getByRole('group', { name: 'State diagram' })).toBeVisible();
        const smallest = await stage.smallestText();
        expect(smallest.px, `smallest text at step ${i}: “${smallest.text}”`).toBeGreaterThanOrEqual(
          screen.minPx,
        );
        if (smallest.px < least.px) least = smallest;
      }
      // The figure for the record (the report reads it from the JSON reporter).
      test.info().annotations.push({
        type: 'smallest text',
        description: `${least.px.toFixed(2)} px (“${least.text}”) at ${screen.width}x${screen.height}`,
      });
      // The refused step: errno, kernel function and reason on stage, and the edge it bounced on.
      await app.keys('Home');
      for (let i = 0; i < REFUSED; i++) await app.keys(' ');
      await expect(stage.step()).toHaveText(`step ${REFUSED} of ${steps.length}`);
      const refusal = stage.outcome.getByRole('alert');
      await expect(refusal).toContainText('Refused: EAGAIN');
      await expect(refusal).toContainText('kvm_gmem_is_safe_for_conversion');
      await expect(refusal).toContainText('long-term pin (vfio)');
      await expect(stage.diagram.getByText('convert → private ⊘ EAGAIN')).toBeVisible();
      await expect(stage.diagram).toContainText('refused (EAGAIN)');
      expect((await stage.smallestText()).px).toBeGreaterThanOrEqual(screen.minPx);
    });
  });
}

test.describe('presentation keys and the speaker view', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('clicker keys go back and forth, blank the screen and leave', async ({ page }) => {
    const stage = new StagePage(page);
    const note = (i: number) => steps[i - 1]?.note ?? '';
    const app = await stage.open(tour.name, 0);
    await app.keys('PageDown', 'ArrowRight', ' ', 'ArrowDown');
    await expect(page.getByText(note(4), { exact: true })).toBeVisible();
    await app.keys('PageUp', 'ArrowLeft', 'ArrowUp');
    await expect(page.getByText(note(1), { exact: true })).toBeVisible();
    // Served from this machine (localhost): no link the audience could open (audienceLink.ts).
    await expect(page.getByRole('link', { name: 'Link to this step' })).toHaveCount(0);
    await app.keys('.');
    await expect(page.getByRole('status').filter({ hasText: 'Screen blanked' })).toBeVisible();
    await app.keys('b');
    await expect(page.getByRole('status').filter({ hasText: 'Screen blanked' })).toHaveCount(0);
    await app.keys('End');
    await expect(page.getByText('End of the tour', { exact: true })).toBeVisible();
    await app.keys('Escape');
    await expect(stage.exit).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Tours' })).toBeVisible();
    // The focus comes back to the button that went to the stage.
    await expect(page.getByRole('button', { name: 'Present' })).toBeFocused();
    await expect(app.stepCounter()).toHaveText(`step ${steps.length} of ${steps.length}`);
  });

  test('outside a tour the stage says nothing of a tour, and a blanked screen is all black', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.goto();
    await app.newScenario({ size: '2M', pageSize: '4K', mmap: true });
    await app.select('0x0', '4K');
    await app.op('Share');
    await app.keys('v');
    const stage = new StagePage(page);
    await expect(stage.step()).toHaveText('step 1 of 1');
    await expect(page.getByText('End of the tour', { exact: true })).toHaveCount(0);
    // The camera frames the one page the step was about with 96K around it (camera.ts), not
    // the 2M of context the desk shows: the page reads from the back of the room.
    await expect
      .poll(async () => Math.max(...(await stage.tree.locator('g.axis text').allTextContents()).map(Number)))
      .toBeLessThanOrEqual(0x20000);
    await app.keys('b');
    const blank = page.getByRole('status').filter({ hasText: 'Screen blanked' });
    await expect(blank).toBeVisible();
    // Nothing drawn on it: the hint is for screen readers alone.
    const hint = await blank.evaluate((el) => {
      const r = (el.firstElementChild as HTMLElement).getBoundingClientRect();
      return { width: r.width, height: r.height, background: getComputedStyle(el).backgroundColor };
    });
    expect(hint).toEqual({ width: 1, height: 1, background: 'rgb(0, 0, 0)' });
  });

  test('on the stage the wheel and a drag leave the picture to the tour (no zoom landing off by the magnification)', async ({
    page,
  }) => {
    const stage = new StagePage(page);
    await stage.open(tour.name, 4);
    const axis = () => stage.tree.locator('g.axis text').allTextContents();
    await expect.poll(async () => (await axis()).length).toBeGreaterThan(1);
    const before = await axis();
    const box = await stage.tree.boundingBox();
    if (box === null) throw new Error('no tree on stage');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    // Two frames: a zoom the gestures caused would be drawn by then.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
    );
    expect(await axis()).toEqual(before);
  });

  test('the speaker view and the audience window stay on the same step, whichever is driven', async ({
    page,
  }) => {
    const stage = new StagePage(page);
    const app = await stage.open(tour.name, 2);
    const [speaker] = await Promise.all([page.waitForEvent('popup'), stage.speakerButton.click()]);
    await speaker.setViewportSize({ width: 1280, height: 800 });
    await expect(speaker.getByRole('heading', { name: 'Speaker view' })).toBeVisible();
    const speakerStep = speaker.getByText(/^step \d+ of \d+$/);
    await expect(speakerStep).toHaveText(`step 2 of ${steps.length}`);
    await expect(speaker.getByRole('region', { name: 'Now: Step 2 of 6' })).toContainText(
      steps[1]?.note ?? '',
    );
    await expect(speaker.getByRole('region', { name: 'Next' })).toContainText(steps[2]?.note ?? '');
    await expect(speaker.getByRole('timer')).toHaveText(/^\d+:\d\d$/);
    const axe = await new AxeBuilder({ page: speaker }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    // Driven from the speaker view: the audience follows.
    await speaker.getByRole('button', { name: 'Next step' }).click();
    await expect(speakerStep).toHaveText(`step 3 of ${steps.length}`);
    await expect(stage.step()).toHaveText(`step 3 of ${steps.length}`);
    await speaker.keyboard.press('PageDown');
    await expect(stage.step()).toHaveText(`step 4 of ${steps.length}`);
    await expect(speaker.getByRole('region', { name: 'Notes' })).toContainText('Refused: EAGAIN');
    // Driven from the audience window (the clicker): the speaker view follows.
    await page.bringToFront();
    await app.keys('PageUp', 'PageUp', 'PageUp');
    await expect(stage.step()).toHaveText(`step 1 of ${steps.length}`);
    await expect(speakerStep).toHaveText(`step 1 of ${steps.length}`);
    await speaker.getByRole('button', { name: 'Last step' }).click();
    await expect(stage.step()).toHaveText(`step ${steps.length} of ${steps.length}`);
    // The key opens it too.
    await speaker.close();
    await page.bringToFront();
    // Chromium may keep the closed window's name a moment: a key pressed then reuses it and no
    // new window opens (seen once in CI); the key is pressed again until one does.
    await expect(async () => {
      const [again] = await Promise.all([page.waitForEvent('popup', { timeout: 3_000 }), app.keys('s')]);
      await expect(again.getByText(/^step \d+ of \d+$/)).toHaveText(
        `step ${steps.length} of ${steps.length}`,
      );
    }).toPass({ timeout: 20_000 });
  });
});

test('the projector theme draws heavier lines and stripes, not only other colours', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(`/#tour=${tour.name}&step=3`);
  const weights = () =>
    app.treeSvg.evaluate((svg) => ({
      outline: Number.parseFloat(
        getComputedStyle(svg.querySelector('.tree-node rect') as Element).strokeWidth,
      ),
      stripes: Number.parseFloat(getComputedStyle(svg.querySelector('pattern line') as Element).strokeWidth),
    }));
  await app.header.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  const light = await weights();
  await app.header.getByRole('combobox', { name: 'Theme' }).selectOption('projector');
  const projector = await weights();
  expect(projector.outline).toBeGreaterThanOrEqual(2 * light.outline);
  expect(projector.stripes).toBeGreaterThan(light.stripes);
});

import { expect, test } from '@playwright/test';
import { at, SHARE_AND_BACK } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

// This spec wants the real clock: the e2e project otherwise runs with reduced motion.
test.use({ reducedMotion: 'no-preference' });

test('a step plays its events, and scrubbing backwards redraws the same frames', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.goto(at(SHARE_AND_BACK, 1));
  const slider = app.scrubber();
  await expect(slider).toHaveValue('1');

  // Stepping forward animates: the slider runs from 1 to 2 on the frame clock.
  await app.timelineButton('Step forward');
  await expect(slider).toHaveValue('2');
  await expect(app.events().getByRole('listitem').first()).toContainText('KVM_SET_MEMORY_ATTRIBUTES2');

  // Scrub into the middle of step 2: one event is being played, later ones are pending.
  await slider.fill('1.3');
  await expect(app.stepCounter()).toHaveText('step 2 of 3');
  const playing = app.timeline.getByText(/^Event \d+ of \d+: /);
  await expect(playing).toBeVisible();
  const early = await playing.textContent();
  await slider.fill('1.8');
  await expect(playing).not.toHaveText(early ?? '');
  // Backwards again: the same frame as before.
  await slider.fill('1.3');
  await expect(playing).toHaveText(early ?? '');
  await slider.fill('0.5');
  await expect(app.stepCounter()).toHaveText('step 1 of 3');
  await slider.fill('3');
  await expect(playing).toHaveCount(0);
  await expect(
    app.timeline.getByText(/events, first the entry point KVM_SET_MEMORY_ATTRIBUTES2/),
  ).toBeVisible();
  await expect(app.stepCounter()).toHaveText('step 3 of 3');
  expect(errors).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { longHistoryLink } from './fixtures/longHistory.ts';
import { at, PINS_COME_AND_GO, SHARE_AND_BACK } from './fixtures/scenarios.ts';
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

test('a scrub that never rests still moves the panels several times, and they land where it stops', async ({
  page,
}) => {
  const steps = 400;
  const app = new AppPage(page);
  await app.goto(at(longHistoryLink(steps), steps));
  await expect(app.stepCounter()).toHaveText(`step ${steps} of ${steps}`);
  // A seek every frame for three seconds, as dragging the thumb gives, while the step counter
  // (a panel that follows the picture, app/store/follower.ts) is watched for what it shows.
  const { shown, seeks, last } = await page.evaluate(async (total) => {
    const input = document.querySelector<HTMLInputElement>('.scrubber input');
    const counter = [...document.querySelectorAll('span[aria-live="polite"]')].find((e) =>
      /^step \d+ of \d+$/.test(e.textContent ?? ''),
    );
    if (input === null || counter === undefined) throw new Error('no scrubber or step counter');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const seen = new Set<string>();
    const watch = new MutationObserver(() => seen.add(counter.textContent ?? ''));
    watch.observe(counter, { subtree: true, characterData: true, childList: true });
    const t0 = performance.now();
    let k = total;
    let n = 0;
    while (performance.now() - t0 < 3000) {
      k = (k + 37) % (total + 1);
      setValue?.call(input, String(k));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      n++;
      await new Promise((r) => requestAnimationFrame(r));
    }
    watch.disconnect();
    return { shown: [...seen], seeks: n, last: k };
  }, steps);
  console.log(`scrub: ${seeks} seeks, the step counter showed ${shown.length} of them`);
  // The panels wait for the cursor to rest, 200 ms at most: a three-second scrub moves them
  // several times (6-10 here), not never (a flush stopped by each new seek left them unrendered).
  expect(shown.length).toBeGreaterThanOrEqual(3);
  // Once it stops, everything shows the step it stopped at.
  await expect(app.stepCounter()).toHaveText(`step ${last} of ${steps}`);
  await expect(page.getByRole('list', { name: 'Steps' }).locator('[aria-current="step"]')).toHaveAttribute(
    'data-step',
    String(last),
  );
});

test('a reference a step takes fades in, one it drops fades out, the ones it keeps stay', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(PINS_COME_AND_GO, 3));
  // The view stays on the whole file: the camera, left to follow, flies to each step's 2M
  // window in real time, and a pin outside it would leave the picture mid-check.
  await page.getByRole('button', { name: 'Pin view', pressed: false }).click();
  await expect(page.getByRole('button', { name: 'Pin view' })).toHaveAttribute('aria-pressed', 'true');
  // Each reference is one shape of the references row, titled with its holder.
  const ref = (holder: string) =>
    page.locator('.lanes g[opacity]').filter({ has: page.locator('title', { hasText: `by ${holder} on` }) });
  const opacity = async (holder: string) => Number(await ref(holder).getAttribute('opacity'));
  /** The opacity of a reference mid-fade: drawn, but not whole. */
  const fading = async (holder: string) => {
    await expect(ref(holder)).toHaveCount(1);
    const o = await opacity(holder);
    expect(o).toBeGreaterThan(0);
    expect(o).toBeLessThan(1);
    return o;
  };
  const slider = app.scrubber();
  await expect(ref('vfio')).toHaveCount(1);
  await expect(ref('rdma')).toHaveCount(0);
  // Mid-way through step 4 (the rdma pin): the new pin is part-drawn, the others whole.
  await slider.fill('3.5');
  const rising = await fading('rdma');
  expect(await opacity('vfio')).toBe(1);
  expect(await opacity('io_uring')).toBe(1);
  // Further on, more of it; at the step's end, all of it.
  await slider.fill('3.8');
  await expect.poll(() => opacity('rdma')).toBeGreaterThan(rising);
  await slider.fill('4');
  await expect.poll(() => opacity('rdma')).toBe(1);
  // Mid-way through step 5 (vfio's unpin): the dropped pin is fading, the others stay.
  await slider.fill('4.5');
  await fading('vfio');
  expect(await opacity('rdma')).toBe(1);
  await slider.fill('5');
  await expect(ref('vfio')).toHaveCount(0);
  await expect(ref('io_uring')).toHaveCount(1);
});

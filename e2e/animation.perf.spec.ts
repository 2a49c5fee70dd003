import { expect, test, type Page } from '@playwright/test';
import { at, FULL_1G_SPLIT, SPLIT_1G } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/**
 * Frame times while a step animates, on a 1G file fully split into 262,144 4K folios (the
 * "perf" project: run alone, after the functional specs, with motion on). Figures are
 * printed; the assertions are loose on purpose (two shared cores, software rendering).
 */

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const r = { frames: [] as number[], on: true };
    (window as unknown as { folioscopeFrames: typeof r }).folioscopeFrames = r;
    let last = performance.now();
    const tick = (t: number) => {
      r.frames.push(t - last);
      last = t;
      if (r.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const r = (window as unknown as { folioscopeFrames: { frames: number[]; on: boolean } }).folioscopeFrames;
    r.on = false;
    return r.frames.slice(1);
  });
}

const pct = (xs: readonly number[], p: number): number => {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const nodes = (page: Page) => page.evaluate(() => document.querySelectorAll('*').length);

/** Animates one step forward and back (from step `from`), returning the frame deltas. */
async function animateStep(app: AppPage, from = 2): Promise<number[]> {
  await startFrames(app.page);
  await app.timelineButton('Step forward');
  await expect(app.scrubber()).toHaveValue(String(from + 1));
  await app.timelineButton('Step back');
  await expect(app.scrubber()).toHaveValue(String(from));
  return stopFrames(app.page);
}

const line = (name: string, xs: number[], n: number) =>
  `${name}: ${xs.length} frames, p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms; DOM ${n} nodes`;

test('animating a step on a fully split 1G file stays smooth and light', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SPLIT_1G, 2));
  await expect(page.getByText('Folios: 262,144 × 4K')).toBeVisible();
  const wholeNodes = await nodes(page);
  const whole = await animateStep(app);

  await app.select('0', '4K');
  await page.getByRole('button', { name: 'Zoom to selection' }).click();
  await expect(page.getByText(/^×\d{5,}/)).toBeVisible();
  // Pinned: the camera must not zoom out to frame the step, the deepest zoom is what is measured.
  await page.getByRole('button', { name: 'Pin view' }).click();
  const deepNodes = await nodes(page);
  const deep = await animateStep(app);

  console.log(`[perf] ${line('whole file', whole, wholeNodes)}`);
  console.log(`[perf] ${line('deepest zoom', deep, deepNodes)}`);
  test.info().annotations.push({
    type: 'perf',
    description: `${line('whole file', whole, wholeNodes)} | ${line('deepest zoom', deep, deepNodes)}`,
  });

  expect(wholeNodes).toBeLessThanOrEqual(3000);
  expect(deepNodes).toBeLessThanOrEqual(3000);
  // Two steps of ~700 ms each really animated frame by frame...
  expect(whole.length).toBeGreaterThan(10);
  expect(deep.length).toBeGreaterThan(10);
  // ...and no frame froze the page (loose: software rendering on two shared cores).
  expect(pct(whole, 95)).toBeLessThan(250);
  expect(pct(deep, 95)).toBeLessThan(250);
});

test('animating the split of a fully used 1G folio (1G -> 2M -> 4K) at the whole-file view', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(FULL_1G_SPLIT, 1));
  await expect(page.getByText('Folios: 1 × 1G')).toBeVisible();
  await page.getByRole('button', { name: 'Pin view' }).click();
  const n = await nodes(page);
  const split = await animateStep(app, 1);
  const afterNodes = await nodes(page);
  console.log(`[perf] ${line('split of a full 1G folio', split, Math.max(n, afterNodes))}`);
  test
    .info()
    .annotations.push({ type: 'perf', description: line('split of a full 1G folio', split, afterNodes) });
  expect(Math.max(n, afterNodes)).toBeLessThanOrEqual(3000);
  expect(split.length).toBeGreaterThan(10);
  expect(pct(split, 95)).toBeLessThan(250);
});

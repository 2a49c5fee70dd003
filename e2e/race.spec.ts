/**
 * The race workspace (spec/races.md §9, acceptance check §10.8): preset (a) explored, the
 * unsafe knob, a violation loaded into the scheduler, the same state reached by keyboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app.ts';
import { scheduleLabels, serious, VIOLATION_A } from './pages/race.ts';

// Each test walks a whole race (explore, knobs, loading a schedule, axe): on a busy machine
// they ran past the default 30 s budget while every step still passed.
test.describe.configure({ timeout: 90_000 });

/** What the view shows after the selected step: locks, lanes and the inspector, as text. */
const shownState = async (page: Page) => [
  await page.getByLabel('Locks and counters after the selected step').textContent(),
  await page.getByRole('region', { name: 'Actor C' }).textContent(),
  await page.getByRole('region', { name: 'Actor G' }).textContent(),
  await page.getByRole('region', { name: 'Inspector' }).textContent(),
];

test('preset (a): explore, the unsafe knob, a violation loaded into the scheduler', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto();
  await app.header.getByRole('button', { name: 'Races' }).click();
  await expect(page).toHaveURL(/\?race(#|$)/);
  await page.getByRole('button', { name: '(a) Conversion to private vs GUP-fast pin' }).click();
  await expect(page).toHaveURL(/\?race=a/);
  await expect(page.getByRole('region', { name: 'Actor C' })).toContainText('convert 0x0 (4K) to private');
  await expect(page.getByRole('region', { name: 'Actor G' })).toContainText('GUP FOLL_PIN 0x0 by odirect');

  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.getByTestId('race-interleavings')).toHaveText('217');
  await expect(page.getByTestId('race-violating')).toHaveText('✓ 0 of 217');
  await expect(page.getByTestId('race-outcome-count')).toHaveText('3');
  await expect(page.getByRole('table', { name: /^Outcomes/ }).getByRole('row')).toHaveCount(4);
  expect(await serious(page)).toEqual([]);

  await page.getByLabel('gupFastRecheck').selectOption('false');
  await expect(page.getByText('gupFastRecheck: true → false: 0 → 45 of 103 violate')).toBeVisible();
  await expect(page.getByTestId('race-violating')).toHaveText('✗ 45 of 103');

  await page.getByRole('button', { name: /^Load violation 1: invariant 1 at G3, 9 steps/ }).click();
  expect(await scheduleLabels(page)).toBe(VIOLATION_A);
  await expect(page.getByRole('button', { name: /^step 9: G G3/ })).toHaveAttribute('aria-pressed', 'true');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('Invariant 1 violated after G3');
  await expect(banner).toContainText('No VMM PTE or GUP pin on a private index.');
  // The state diagram shows the page after G3 (its speculative grab at G2 already made the page
  // referenced) and the move G2 made when its chip is chosen; its edges are not buttons.
  const diagram = page.getByRole('region', { name: 'State diagram' });
  await expect(diagram).toContainText('Selected page: private, referenced. The last step moved no page.');
  await expect(diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  await expect(diagram.locator('svg').first()).toBeVisible();
  await expect(diagram.getByRole('group', { name: 'Diagram drawing' }).getByRole('button')).toHaveCount(0);
  expect(await serious(page)).toEqual([]);

  await page.getByRole('button', { name: /^step 8: G G2/ }).click();
  await expect(diagram).toContainText('Last step: private → private, referenced.');
  // A chip selects its micro-step: the state after C2 has no violation and C holds the lock.
  await page.getByRole('button', { name: /^step 2: C C2/ }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Locks and counters after the selected step')).toContainText('X held by C');

  await page.getByRole('button', { name: 'Back to the file view' }).click();
  await expect(page).not.toHaveURL(/race/);
  await expect(app.folioTree).toBeVisible();
});

test('scheduling by keyboard (keys 1–3, Tab/Enter) reaches the violation the explorer found', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto('/?race=pin-private');
  await expect(page.getByText('Goal: Make G hold a pin on a private page')).toBeVisible();
  // The first step with Tab and Enter on C's button, the rest with the keys 1 (C) and 2 (G).
  const stepC = page.getByRole('button', { name: /Step C$/ });
  for (let i = 0; i < 40 && !(await stepC.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(stepC).toBeFocused();
  await page.keyboard.press('Enter');
  for (const k of '12111122') await page.keyboard.press(k);
  expect(await scheduleLabels(page)).toBe(VIOLATION_A);
  await expect(page.getByRole('alert')).toContainText('Invariant 1 violated after G3');
  await expect(page.getByText('✓ Goal reached')).toBeVisible();
  const byHand = await shownState(page);

  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.getByRole('button', { name: /^Load violation 1:/ }).click();
  expect(await scheduleLabels(page)).toBe(VIOLATION_A);
  expect(await shownState(page)).toEqual(byHand);

  // Backspace steps back: G3 is undone, the banner goes.
  await page.keyboard.press('Backspace');
  expect(await scheduleLabels(page)).toBe('C1 C2 G1 C3 C4 C5 C6 G2');
});

test('a waiting actor cannot be scheduled and says what it waits for', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/?race=b');
  await page.keyboard.press('1');
  const stepH = page.getByRole('button', { name: /Step H$/ });
  await expect(stepH).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Actor H' })).toContainText(
    'waits for invalidate_lock (X, held by C)',
  );
  await page.keyboard.press('2');
  await expect(page.getByRole('alert')).toContainText(
    'H cannot move: waits for invalidate_lock (X, held by C).',
  );
  expect(await scheduleLabels(page)).toBe('C1');
});

test('a bad preset name or a malformed race file gives a message, never a crash', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/?race=nope');
  await expect(page.getByRole('alert')).toHaveText(/There is no race preset "nope"\./);
  await page.getByLabel('Open a race file (folioscope-race JSON)…').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'folioscope-race',
        version: 1,
        vm: { type: 'sw_protected' },
        gmem: { size: '16K', pageSize: '4K', mmap: true },
        actors: [{ id: 'C', op: 'fly' }],
      }),
    ),
  });
  await expect(page.getByRole('alert')).toContainText('bad.json');
  await expect(page.getByRole('alert')).toContainText('actors[0].op');
  await expect(page.getByRole('heading', { name: 'Worked examples' })).toBeVisible();
});

/** Three actors with both fault locks off: 1,152 states. */
const HEAVY_RACE = {
  format: 'folioscope-race',
  version: 1,
  title: 'Conversion vs GUP vs host fault, fault locks off',
  vm: { type: 'sw_protected' },
  gmem: { size: '16K', pageSize: '4K', mmap: true, initShared: true },
  setup: [
    { op: 'hostMap', offset: 0, length: '16K' },
    { op: 'hostAccess', offset: 0, write: true },
  ],
  actors: [
    { id: 'C', op: 'convert', offset: 0, length: '4K', to: 'private' },
    { id: 'G', op: 'pin', offset: 0, length: '4K', holder: 'odirect' },
    { id: 'H', op: 'hostAccess', offset: 0 },
  ],
  knobs: { vcpuFaultLock: false, hostFaultLock: false },
};

test('a race file opens; Cancel stops its exploration in the worker', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/?race');
  await page.getByLabel('Open a race file (folioscope-race JSON)…').setInputFiles({
    name: 'heavy.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(HEAVY_RACE)),
  });
  await expect(page.getByRole('heading', { name: HEAVY_RACE.title })).toBeVisible();
  // The worker's script is held back until Cancel was clicked: the exploration cannot end first.
  const gate: { open?: () => void } = {};
  const held = new Promise<void>((r) => (gate.open = r));
  let asked = false;
  await page.route(/explore\.worker-[^/]*\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.getByText(/^Exploring… 0 states so far$/)).toBeVisible();
  await expect.poll(() => asked).toBe(true);
  await page.getByRole('button', { name: 'Cancel' }).click();
  gate.open?.();
  await expect(page.getByText('Exploration cancelled.')).toBeVisible();
  await expect(page.getByTestId('race-interleavings')).toHaveCount(0);
  await page.unrouteAll();
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.getByTestId('race-interleavings')).toHaveText('14,656,281');
});

test("lanes show only the micro-steps the actor's program can run on this file", async ({ page }) => {
  const app = new AppPage(page);
  const chips = (actor: string) =>
    page
      .getByRole('list', { name: `${actor}'s micro-steps` })
      .locator('[data-step]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-step')).join(' '));
  // A 4K file: no HugeTLB restructuring step.
  await app.goto('/?race=a');
  await expect(page.getByRole('region', { name: 'Actor C' })).toBeVisible();
  expect(await chips('C')).toBe('C1 C2 C3 C4 C5 C6 C7 C8');
  // A 2M HugeTLB file, converted to shared: the split C6s, and no unmap or refcount check.
  await app.goto('/?race=g');
  await expect(page.getByRole('region', { name: 'Actor C' })).toBeVisible();
  expect(await chips('C')).toBe('C1 C2 C5 C6 C6s C7 C8');
});

test('the outcome table marks an outcome reached through a violation and loads its schedule', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto('/?race=map-private');
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  const table = page.getByRole('table', { name: /^Outcomes/ });
  await expect(table).toContainText(
    'Violates invariant 1 (no-host-access-to-private) on every one of its interleavings',
  );
  await expect(table.locator('tbody.violating')).toHaveCount(1);
  await expect(table.locator('tbody:not(.violating)')).not.toHaveCount(0);
  await expect(table.locator('tbody.violating .warn-icon')).toBeVisible();
  expect(await serious(page)).toEqual([]);
  // A real button, by keyboard: focus it and press Enter.
  const load = table.getByRole('button', {
    name: /^Load a violating schedule of outcome \d: invariant 1 \(no-host-access-to-private\), 13 steps$/,
  });
  await load.focus();
  await page.keyboard.press('Enter');
  expect(await scheduleLabels(page)).toBe('C1 C2 C3 C4 C5 H2 C6 C7 C8 H3 H4 H6 H7');
  // Paused where the invariant breaks (H6 installs the PTE), not at the schedule's end.
  await expect(page.getByRole('button', { name: /^step 12: H H6/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('alert')).toContainText('Invariant 1 violated after H6');
  // The exploration stays on screen.
  await expect(table).toBeVisible();
});

test("a step that leaves an actor waiting says so in the inspector's last events", async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/?race=b');
  await page.keyboard.press('1');
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.locator('.recent-events')).toContainText(
    'filemap_invalidate_lock_shared 0x0+4K: H waits at H1 for invalidate_lock (X, held by C)',
  );
});

test('chips show whole function names and the source tags are spelled out', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.goto('/?race=a');
  await expect(page.getByRole('region', { name: 'Actor C' })).toBeVisible();
  // No chip's function name is cut: each fits its box (wrapped at underscores if need be).
  const cut = await page
    .locator('.race-chip .chip-fn')
    .evaluateAll((xs) => xs.filter((x) => x.scrollWidth > x.clientWidth + 1).map((x) => x.textContent));
  expect(cut).toEqual([]);
  await expect(page.locator('.race-sources')).toContainText('[IPC] in-place conversion series v8 (unmerged)');
  await expect(page.locator('.race-sources')).toContainText('[ML] mainline Linux');
});

import { expect, test, type Locator, type Page } from '@playwright/test';
import { DIAGRAM_CASES } from './fixtures/diagram.ts';
import { AppPage } from './pages/app.ts';

interface Rect {
  what: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Screen boxes of every state box, edge label and badge of the drawing, and of the drawing. */
async function boxes(svg: Locator): Promise<{ svg: Rect; parts: Rect[]; unfit: string[] }> {
  return svg.evaluate((el) => {
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page: must be self-contained
    const r = (what: string, e: Element) => {
      const b = e.getBoundingClientRect();
      return { what, x: b.x, y: b.y, w: b.width, h: b.height };
    };
    const parts = [...el.querySelectorAll('.dg-state, .dg-label, .dg-badge')].map((g) =>
      r(`${g.getAttribute('class') ?? ''} ${g.textContent ?? ''}`, g.querySelector('rect:not(.dg-lit)') ?? g),
    );
    // Every text must fit inside its own box.
    const unfit = [...el.querySelectorAll('.dg-state, .dg-label, .dg-badge')].flatMap((g) => {
      const box = (g.querySelector('rect:not(.dg-lit):not(.dg-plate)') ?? g).getBoundingClientRect();
      const t = g.querySelector('text')?.getBoundingClientRect();
      if (t === undefined) return [];
      const inside =
        t.left >= box.left - 0.5 &&
        t.right <= box.right + 0.5 &&
        t.top >= box.top - 0.5 &&
        t.bottom <= box.bottom + 0.5;
      return inside ? [] : [g.textContent ?? ''];
    });
    return { svg: r('svg', el), parts, unfit };
  });
}

const overlap = (a: Rect, b: Rect) =>
  a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h;

for (const c of DIAGRAM_CASES)
  test(`state diagram for a ${c.name}: readable, truthful, acts`, async ({ page }) => {
    test.setTimeout(90_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = new AppPage(page);
    await app.goto(c.url);
    const asked = Date.now();
    await app.select(c.offset, '4K');
    const box = app.diagram.locator('.diagram-box');
    await expect(box).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    // Reported, not asserted: from the selection to the focus layout on screen (worker start included).
    test.info().annotations.push({ type: 'focus layout ms', description: String(Date.now() - asked) });
    await expect(app.diagram).toContainText(`Selected page: ${c.state}.`);
    const svg = app.diagramSvg();

    // No text box overlaps another; every label lies inside the drawing; every text fits its box.
    const b = await boxes(svg);
    expect(b.parts.length).toBeGreaterThan(3);
    const clashes = b.parts.flatMap((p, i) =>
      b.parts
        .slice(i + 1)
        .filter((q) => overlap(p, q))
        .map((q) => `${p.what} / ${q.what}`),
    );
    expect(clashes).toEqual([]);
    const outside = b.parts.filter(
      (p) =>
        p.x < b.svg.x - 0.5 ||
        p.y < b.svg.y - 0.5 ||
        p.x + p.w > b.svg.x + b.svg.w + 0.5 ||
        p.y + p.h > b.svg.y + b.svg.h + 0.5,
    );
    expect(outside.map((p) => p.what)).toEqual([]);
    expect(b.unfit).toEqual([]);

    // Hovering an edge predicts, in words, what the kernel answers.
    const edges = svg.getByRole('button');
    expect(await edges.count()).toBeGreaterThan(0);
    const prediction = app.diagram.getByRole('status');
    await edges.first().hover();
    await expect(prediction).toContainText(/Would (succeed|be refused)/);

    // Hovering an edge highlights the state it promises; clicking it lands there.
    const move = svg.getByRole('button', { name: c.click });
    await move.hover();
    await expect(svg.locator('.dg-state.target')).toContainText(c.lands);
    await expect(prediction).toContainText(`Lands in “${c.lands}”`);
    await move.click();
    await expect(app.diagram).toContainText(`Selected page: ${c.lands}.`);
    await expect(app.refusal()).toHaveCount(0);
    expect(errors).toEqual([]);
  });

for (const c of DIAGRAM_CASES)
  for (const r of c.refused)
    test(`state diagram for a ${c.name}: the refused edge ${String(r.name)} answers ${r.errno}`, async ({
      page,
    }) => {
      test.setTimeout(90_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const app = new AppPage(page);
      await app.goto(c.url);
      await app.select(c.offset, '4K');
      await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
        timeout: 30_000,
      });
      const edge = app.diagramSvg().getByRole('button', { name: r.name });
      await edge.hover();
      await expect(app.diagram.getByRole('status')).toContainText(`Would be refused: ${r.errno}`);
      await edge.click();
      await expect(app.refusal()).toContainText(r.errno);
      await expect(app.diagram).toContainText(`Selected page: ${c.state}.`);
      // The refused step leaves its mark on the edge it hit.
      await expect(app.diagramSvg().locator('.dg-badge.hit')).toContainText(r.errno);
      expect(errors).toEqual([]);
    });

for (const [w, h] of [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const)
  test(`state diagram screenshots at ${w}x${h}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    const app = new AppPage(page);
    for (const c of DIAGRAM_CASES) {
      await app.goto(c.url);
      await app.select(c.offset, '4K');
      await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
        timeout: 30_000,
      });
      await app.diagram.scrollIntoViewIfNeeded();
      await app.diagram.screenshot({
        path: `test-results/screens/diagram-${w}x${h}-${c.name.split(' ')[0]}-${DIAGRAM_CASES.indexOf(c)}.png`,
      });
    }
    // The block machine of the last fixture on a HugeTLB file (the 1G folio of the first one).
    const first = DIAGRAM_CASES[0];
    if (first === undefined) throw new Error('fixture missing');
    await app.goto(first.url);
    await app.select(first.offset, '4K');
    await app.diagram.getByRole('button', { name: 'Block machine' }).click();
    await expect(app.diagram).toContainText('Selected block: huge folio.');
    await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
      timeout: 30_000,
    });
    await app.diagram.screenshot({ path: `test-results/screens/diagram-${w}x${h}-block.png` });
    await app.diagram.getByRole('checkbox', { name: 'Whole machine' }).check();
    await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
      timeout: 30_000,
    });
    await app.diagram.screenshot({ path: `test-results/screens/diagram-${w}x${h}-whole.png` });
    await page.screenshot({ path: `test-results/screens/diagram-${w}x${h}-page.png` });
  });

// The page layout gives the diagram a region of the screen: it must stay readable at ~600x400.
test('state diagram screenshots in a 600x400 region', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  for (const [i, c] of DIAGRAM_CASES.entries()) {
    await app.goto(c.url);
    await page.addStyleTag({
      content: '.diagram-panel { width: 600px; } .diagram-panel .diagram-box { height: 400px; }',
    });
    await app.select(c.offset, '4K');
    await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
      timeout: 30_000,
    });
    await app.diagram.scrollIntoViewIfNeeded();
    await app.diagram.screenshot({ path: `test-results/screens/diagram-600x400-${i}.png` });
  }
});

test.describe('the step on the diagram', () => {
  // The real clock (the e2e project otherwise runs with reduced motion); frames are chosen by scrubbing.
  test.use({ reducedMotion: 'no-preference' });

  test('a token travels the edge taken; a refused step bounces with its errno', async ({ page }) => {
    test.setTimeout(90_000);
    const app = new AppPage(page);
    const pinned = DIAGRAM_CASES[1];
    if (pinned === undefined) throw new Error('fixture missing');
    await app.goto(pinned.url);
    await app.select('0', '4K');
    const svg = app.diagramSvg();
    // Step 4 (pin) halfway: the diagram stays on the state it left, the token on the edge taken.
    await app.scrubber().fill('3.4');
    await expect(app.stepCounter()).toHaveText('step 4 of 4');
    await expect(svg.locator('.dg-token')).toBeVisible({ timeout: 30_000 });
    await expect(svg.locator('.dg-state.current')).toContainText('shared, mapped');
    await expect(svg.locator('path.dg-route.hot')).toHaveCount(1);
    await app.diagram.screenshot({ path: 'test-results/screens/diagram-token.png' });
    // Settled: the new state is the focus, and it is lit.
    await app.scrubber().fill('4');
    await expect(svg.locator('.dg-token')).toHaveCount(0);
    await expect(svg.locator('.dg-state.current')).toContainText('shared, pinned');
    await expect(svg.locator('.dg-state[data-lit="true"]')).toContainText('shared, pinned');

    // A refused conversion, replayed halfway: the token bounces off its badge showing EAGAIN.
    await svg.getByRole('button', { name: /^convert → private: refused with EAGAIN/ }).click();
    await expect(app.refusal()).toContainText('EAGAIN');
    await app.scrubber().fill('4.5');
    await expect(svg.locator('.dg-token')).toContainText('EAGAIN', { timeout: 30_000 });
    await app.diagram.screenshot({ path: 'test-results/screens/diagram-bounce.png' });
    await app.scrubber().fill('5');
    await expect(svg.locator('.dg-badge.hit')).toContainText('EAGAIN');
  });
});

/** At 1920x1080, the second case's page (shared, pinned) selected and its diagram laid out. */
async function pinnedPageAt1080(page: Page): Promise<AppPage> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  const c = DIAGRAM_CASES[1];
  if (c === undefined) throw new Error('fixture missing');
  await app.goto(c.url);
  await app.select(c.offset, '4K');
  await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
    timeout: 30_000,
  });
  return app;
}

test('state diagram screenshots in the dark and projector themes', async ({ page }) => {
  test.setTimeout(90_000);
  const app = await pinnedPageAt1080(page);
  for (const theme of ['dark', 'projector']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await app.diagram.getByRole('button', { name: /^convert → private: refused/ }).hover();
    await app.diagram.screenshot({ path: `test-results/screens/diagram-theme-${theme}.png` });
  }
});

// Hovering an edge writes the kernel's answer under the drawing; in the projector theme at
// 1920x1080 the longer text shrank the box, the refitted drawing moved the edge from under the
// pointer, the answer went, the box grew back: the diagram flickered for as long as it was hovered.
test('an edge under the pointer stays there while its answer is shown', async ({ page }) => {
  const app = await pinnedPageAt1080(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'projector'));
  const edge = app.diagram.getByRole('button', { name: /^convert → private: refused/ });
  const b = await edge.boundingBox();
  if (b === null) throw new Error('the edge is not drawn');
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await expect(app.diagram.locator('.diagram-prediction')).toContainText('EAGAIN');
  const places: { x: number; y: number }[] = [];
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(60);
    const now = await edge.boundingBox();
    places.push({ x: now?.x ?? NaN, y: now?.y ?? NaN });
  }
  // Where it was before the pointer came (a hovered edge is drawn a pixel wider), every time.
  for (const p of places) {
    expect(Math.abs(p.x - b.x)).toBeLessThanOrEqual(2);
    expect(Math.abs(p.y - b.y)).toBeLessThanOrEqual(2);
  }
  await expect(app.diagram.locator('.diagram-prediction')).toContainText('EAGAIN');
});

// With nothing selected the panel used to draw the whole machine at its own size (8 px labels,
// one state in view at 1280x720): it now previews the first page, readable, and acting selects it.
test('with nothing selected the diagram previews the first page, readable, and an edge selects it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.goto('/');
  await expect(app.diagram).toContainText(
    'No page selected: showing the first page (0x0), private, no memory.',
  );
  const box = app.diagram.locator('.diagram-box');
  await expect(box).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  const smallest = await app
    .diagramSvg()
    .evaluate((el) =>
      Math.min(...[...el.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height)),
    );
  expect(smallest).toBeGreaterThanOrEqual(11);
  const b = await boxes(app.diagramSvg());
  const states = b.parts.filter((p) => p.what.startsWith('dg-state'));
  expect(states.length).toBeGreaterThan(1);
  for (const s of states) expect(s.x + s.w).toBeLessThanOrEqual(b.svg.x + b.svg.w + 0.5);
  await app.diagram.getByRole('button', { name: /^allocate: private, no memory → private / }).click();
  await expect(app.diagram).toContainText('Selected page: private.');
  await expect(page.getByLabel('Offset')).toHaveValue('0x0');
});

// The layout runs in elkjs's worker: while its script is on its way the panel says so instead
// of standing empty (seen on a busy machine: a blank panel for seconds).
test('while the first layout is computed the diagram panel says it is laying out', async ({ page }) => {
  const gate: { open?: () => void } = {};
  const held = new Promise<void>((r) => {
    gate.open = r;
  });
  await page.route(/elk-worker\.min.*\.js/, async (route) => {
    await held;
    await route.continue();
  });
  const app = new AppPage(page);
  await app.goto('/');
  await expect(app.diagram).toContainText('Laying out the diagram…');
  await expect(app.diagramSvg()).toHaveCount(0);
  gate.open?.();
  await expect(app.diagramSvg()).toBeVisible({ timeout: 30_000 });
  await expect(app.diagram).not.toContainText('Laying out the diagram…');
});

test('on a 1280x720 screen the answer for the edge under the pointer stays in view, at the foot of the diagram', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.goto('/#tour=share-4k-in-1g&step=3');
  const prediction = app.diagram.getByRole('status');
  // The lowest edge of the drawing: hovering it scrolls the diagram's area down to it.
  const edge = app.diagramSvg().getByRole('button', { name: /^memoryFailure/ });
  await edge.hover();
  await expect(prediction).toContainText('Would succeed');
  await expect(edge).toBeInViewport();
  await expect(prediction).toBeInViewport({ ratio: 0.9 });
});

// At 1280x720 the list of the machine's other states slid under the sticky answer at the foot
// of the diagram's area: its second line was cut. The drawing, which scales, gives up the room.
test('on a 1280x720 screen the other states of the machine are all in view above the answer', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.goto('/#tour=vfio-pin-blocks-conversion&step=4');
  await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
    timeout: 30_000,
  });
  const others = app.diagram.getByRole('list', { name: 'Other states of the machine' });
  const last = others.getByRole('listitem').last();
  await expect(last).toBeInViewport();
  const item = await last.boundingBox();
  const answer = await app.diagram.getByRole('status').boundingBox();
  if (item === null || answer === null) throw new Error('not drawn');
  expect(item.y + item.height).toBeLessThanOrEqual(answer.y);
});

test("a step's transitions are listed in the colour of the diagram's edges, not as errors", async ({
  page,
}) => {
  const app = new AppPage(page);
  // Step 6 of the tour: a private fault maps a page (private → private, guest-mapped).
  await app.goto('/#tour=share-4k-in-1g&step=6');
  const line = page
    .getByRole('list', { name: 'Events of this step' })
    .getByRole('listitem')
    .filter({ hasText: 'page: private → private, guest-mapped' });
  await expect(line).toHaveCount(1);
  const colours = await line.evaluate((li) => {
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page: must be self-contained
    const colourOf = (value: string) => {
      const probe = document.createElement('span');
      probe.style.color = value;
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    };
    return {
      line: getComputedStyle(li).color,
      accent: colourOf('var(--accent)'),
      err: colourOf('var(--err-fg)'),
    };
  });
  expect(colours.line).toBe(colours.accent);
  expect(colours.line).not.toBe(colours.err);
});

test('the Outcome names the step’s op and the states it changed, in the diagram’s words, or that none did', async ({
  page,
}) => {
  const app = new AppPage(page);
  // A screen of 900 px: at 720 the op gives its line to the refusal (the timeline names it).
  await page.setViewportSize({ width: 1440, height: 900 });
  // Step 6 of the tour: a private fault maps the page at 0x200000.
  await app.goto('/#tour=share-4k-in-1g&step=6');
  // The cause above its effect: the op, as the timeline spells it.
  await expect(app.outcome.getByText('guestAccess 0x200000', { exact: true })).toBeVisible();
  const changes = app.stepStatus().getByRole('list', { name: 'State changes' });
  await expect(changes.getByRole('listitem')).toHaveText([
    'page 0x200000+4K: private → private, guest-mapped',
  ]);
  // The same words as the diagram's state boxes.
  await expect(app.diagram).toContainText('private, guest-mapped');
  // Step 3: the VMM's mmap changes no page's state.
  await app.goto('/#tour=share-4k-in-1g&step=3');
  await expect(app.stepStatus()).toContainText('ok, via kvm_gmem_mmap');
  await expect(app.stepStatus()).toContainText('No page or block changed state.');
  await expect(app.stepStatus().getByRole('list', { name: 'State changes' })).toHaveCount(0);
});

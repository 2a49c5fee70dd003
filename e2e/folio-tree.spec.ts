import { expect, test, type Locator, type Page } from '@playwright/test';
import { PAGE_STATE_COLOR } from '../app/features/theme.ts';
import { manyPinsLink } from './fixtures/manyPins.ts';
import { at, MID_PAGE, SHARE_MID_DIRECT, SHARE_MID_STEPWISE } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

/**
 * The folio tree is a tree, on one screen, with its subject always visible (issue 7): a 4K page
 * shared in the middle of a 1G folio of a 2G file, at the three screen sizes people use.
 */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

const G = 2 ** 30;
const M2 = 2 ** 21;
const MID_2M = MID_PAGE - (MID_PAGE % M2);
const hex = (n: number) => `0x${n.toString(16)}`;

/** The element's box lies wholly inside the window (no scrolling needed to see it). */
async function expectInViewport(page: Page, l: Locator, what: string): Promise<void> {
  const box = await l.boundingBox();
  const vp = page.viewportSize();
  expect(box, `${what} is drawn`).not.toBeNull();
  if (box === null || vp === null) return;
  expect(box.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what} top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} right edge`).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height, `${what} bottom edge`).toBeLessThanOrEqual(vp.height);
}

/** Pairs of texts (SVG texts of the tree and lanes, and the row labels) whose boxes overlap. */
async function overlappingTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const els = [
      ...document.querySelectorAll('#folio-tree svg text'),
      ...document.querySelectorAll('.file-view .row-labels div'),
    ].filter((e) => (e.textContent ?? '').trim() !== '');
    const boxes = els.map((e) => ({ t: e.textContent ?? '', r: e.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a === undefined || b === undefined) continue;
        const ox = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const oy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (ox > 0.5 && oy > 0.5) out.push(`"${a.t}" overlaps "${b.t}"`);
      }
    return out;
  });
}

/** Tree nodes drawn at `level` bytes, of `kind`, starting in [from, to). */
const nodes = (app: AppPage, kind: string, level: number) =>
  app.treeSvg.locator(`g.tree-node[data-kind="${kind}"][data-level="${level}"]`);

for (const size of SIZES) {
  const name = `${size.width}x${size.height}`;

  test(`stepwise split at ${name}: the tree, the page, the refusal and the diagram on one screen`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(size);
    const app = new AppPage(page);
    await app.goto(at(SHARE_MID_STEPWISE));
    await page.getByRole('button', { name: 'Whole file' }).click();
    await expect(page.getByText(/^×1\.0 · 0x0$/)).toBeVisible();

    // The end-of-file offset is labelled, and not clipped.
    const eof = app.treeSvg.locator('text', { hasText: /^0x80000000$/ });
    await expectInViewport(page, eof, 'the end-of-file label');
    const svgBox = await app.treeSvg.boundingBox();
    const eofBox = await eof.boundingBox();
    expect((eofBox?.x ?? Infinity) + (eofBox?.width ?? 0)).toBeLessThanOrEqual(
      (svgBox?.x ?? 0) + (svgBox?.width ?? 0),
    );

    // The shared page is at least 8 px wide at the whole-file view, and on screen.
    const shared = app.shape(`${hex(MID_PAGE)}–${hex(MID_PAGE + 4096)}: shared`);
    await expect(shared).toHaveCount(1);
    const box = await shared.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(8);
    await expectInViewport(page, shared, 'the shared page');

    // The second 1G block has 2M children; the split 2M has 4K children, under its range.
    const block = nodes(app, 'split', G);
    await expect(block).toHaveAttribute('data-start', String(G));
    await expect(nodes(app, 'folio', M2)).toHaveCount(2);
    await expect(nodes(app, 'folio', M2).first()).toContainText('256 × 2M folio, private');
    const split2M = nodes(app, 'split', M2);
    await expect(split2M).toHaveAttribute('data-start', String(MID_2M));
    const kids = nodes(app, 'folio', 4096);
    await expect(kids.first()).toBeVisible();
    const parentBox = await split2M.locator('rect').boundingBox();
    const kidsBox = await kids.first().locator('rect').boundingBox();
    expect(kidsBox?.x ?? -1).toBeGreaterThanOrEqual((parentBox?.x ?? 0) - 0.5);
    expect((kidsBox?.x ?? 0) + (kidsBox?.width ?? 0)).toBeLessThanOrEqual(
      (parentBox?.x ?? 0) + (parentBox?.width ?? 0) + 0.5,
    );
    expect(kidsBox?.y ?? 0).toBeGreaterThan(parentBox?.y ?? 0);
    await expect(kids.first().locator('title')).toHaveText(/4K folio at 0x6/);

    // Act where you point: the page's menu pins it, then making it private is refused.
    await shared.click();
    await app.contextMenu().getByRole('menuitem', { name: /^Pin/ }).click();
    await expect(app.stepStatus()).toContainText('ok, via pin_user_pages');
    await page.getByRole('button', { name: 'Whole file' }).click();
    await app.shape(new RegExp(`^${hex(MID_PAGE)}–${hex(MID_PAGE + 4096)}: shared`)).click();
    const privat = app.contextMenu().getByRole('menuitem', { name: /^Make private/ });
    await expect(privat).toContainText('refused: EAGAIN from kvm_gmem_is_safe_for_conversion');
    await expect(privat).toHaveAccessibleName(/^Make private: convert .*Would be refused: EAGAIN/);
    await privat.click();
    await expect(app.refusal()).toContainText('EAGAIN');
    await expect(app.refusal()).toContainText('kvm_gmem_is_safe_for_conversion');

    // Cause and effect on one screen: nothing scrolled, nothing below the fold.
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
    await expectInViewport(page, app.refusal(), 'the refusal');
    await expectInViewport(page, app.treeSvg, 'the folio tree');
    await expectInViewport(
      page,
      app.diagram.getByRole('heading', { name: 'State diagram' }),
      'the diagram title',
    );
    await expectInViewport(
      page,
      app.timeline.getByRole('toolbar', { name: 'Timeline controls' }),
      'the step controls',
    );
    // The whole drawing, not just its top: the selected state and every outcome from it.
    await expectInViewport(page, app.diagramSvg(), 'the diagram');
    expect(await overlappingTexts(page)).toEqual([]);
    // Readable from the back of the room: no text of the tree, its lanes or the outcome under 12 px.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('.file-view *, .outcome *')]
        .filter((e) => e.childElementCount === 0 && (e.textContent ?? '').trim() !== '')
        .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12)
        .map((e) => e.textContent),
    );
    expect(small).toEqual([]);
    await app.screenshot(`tree-stepwise-refused-${name}`);
  });

  test(`direct split at ${name}: the 1G block's 4K children are one labelled run`, async ({ page }) => {
    await page.setViewportSize(size);
    const app = new AppPage(page);
    await app.goto(at(SHARE_MID_DIRECT));
    await page.getByRole('button', { name: 'Whole file' }).click();
    await expect(nodes(app, 'split', G)).toHaveAttribute('data-start', String(G));
    await expect(nodes(app, 'folio', M2)).toHaveCount(0);
    const run = nodes(app, 'folio', 4096);
    await expect(run).toHaveCount(1);
    await expect(run).toContainText('262,144 × 4K');
    await expect(run.locator('title')).toHaveText(
      /^262,144 × 4K folio at 0x40000000–0x80000000: shared and private/,
    );
    const shared = app.shape(`${hex(MID_PAGE)}–${hex(MID_PAGE + 4096)}: shared`);
    expect((await shared.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(8);
    await expectInViewport(page, shared, 'the shared page');
    expect(await overlappingTexts(page)).toEqual([]);
    await app.screenshot(`tree-direct-${name}`);
  });
}

test('the camera frames what a step touched, unless the view is pinned', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await app.select(hex(MID_PAGE), '4K');
  await app.op('Host access');
  // A 4K step: the camera zooms in around it, with context on both sides.
  await expect(page.getByText(/^×\d{3,}/)).toBeVisible();
  const page4k = app.shape(`${hex(MID_PAGE)}–${hex(MID_PAGE + 4096)}: shared-mapped`);
  await expectInViewport(page, page4k, 'the mapped page');
  await page.getByRole('button', { name: 'Whole file' }).click();
  await page.getByRole('button', { name: 'Pin view', pressed: false }).click();
  await expect(page.getByRole('button', { name: 'Pin view' })).toHaveAttribute('aria-pressed', 'true');
  await app.op('Host unmap');
  await expect(app.steps()).toHaveCount(6);
  await expect(page.getByText(/^×1\.0 · 0x0$/)).toBeVisible();
});

test('the VMM mmap lane names the VMA it draws, from its mmap to its munmap', async ({ page }) => {
  const app = new AppPage(page);
  // Step 1: allocated, not yet mapped; step 2: the VMM maps the whole file.
  await app.goto(at(SHARE_MID_STEPWISE, 1));
  await page.getByRole('button', { name: 'Whole file' }).click();
  const label = page.locator('svg text', { hasText: /^mmap 0x0\+2G, MAP_SHARED$/ });
  await expect(label).toHaveCount(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(label).toBeVisible();
  await expectInViewport(page, label, 'the VMA label');
  // munmap of the whole file: no VMA, no label.
  await app.select('0x0', '2G');
  await app.op('Host unmap');
  await expect(app.steps()).toHaveCount(4);
  await expect(page.locator('svg text', { hasText: /^mmap / })).toHaveCount(0);
});

test('the zoom buttons are disabled at the ends of the zoom range', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await page.getByRole('button', { name: 'Pin view', pressed: false }).click();
  await page.getByRole('button', { name: 'Whole file' }).click();
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  const zoomOut = page.getByRole('button', { name: 'Zoom out' });
  await expect(zoomOut).toBeDisabled();
  // A 2G file at ×4 a click: the deepest zoom (a 4K page 160 px wide) in about ten clicks.
  for (let i = 0; i < 20 && (await zoomIn.isEnabled()); i++) await zoomIn.click();
  await expect(zoomIn).toBeDisabled();
  await expect(page.getByText(/^×\d{5,}/)).toBeVisible();
  await zoomOut.click();
  await expect(zoomIn).toBeEnabled();
});

test('the context menu opens from the keyboard and acts on the selection', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await app.select(hex(MID_PAGE), '4K');
  await app.folioTree.focus();
  await app.keys('Enter');
  const menu = app.contextMenu();
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await app.keys('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await app.keys('Escape');
  await expect(menu).toHaveCount(0);
  await expect(app.folioTree).toBeFocused();
  await app.keys('Enter');
  await menu.getByRole('menuitem', { name: /^Get reference/ }).click();
  await expect(menu).toHaveCount(0);
  await expect(app.folioTree).toBeFocused();
  await expect(app.steps()).toHaveCount(5);
  await expect(app.stepStatus()).toContainText('ok');
  // An operation's key while the menu is open acts, and the menu gives way to its Outcome.
  await app.keys('Enter');
  await expect(menu).toBeVisible();
  await app.keys('g');
  await expect(menu).toHaveCount(0);
  await expect(app.steps()).toHaveCount(6);
});

test('dragging across the tree selects a range', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await page.getByRole('button', { name: 'Whole file' }).click();
  const box = await app.treeSvg.boundingBox();
  const pagesRow = await app
    .shape(/: private$/)
    .first()
    .boundingBox();
  if (box === null || pagesRow === null) throw new Error('tree not drawn');
  const y = pagesRow.y + pagesRow.height / 2;
  await page.mouse.move(box.x + 10, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, y, { steps: 5 });
  await page.mouse.move(box.x + 120, y, { steps: 5 });
  await page.mouse.up();
  // About 110 px of a 2G file: tens of thousands of pages, from where the press was.
  await expect(app.inspectorRow('Selection')).toHaveText(
    /^0x[0-9a-f]+–0x[0-9a-f]+ \(\d+[KM], \d{2,3},\d{3} pages\)$/,
  );
  await expect(app.contextMenu()).toHaveCount(0);
});

test('a right click opens the menu of the folio under the pointer', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(SHARE_MID_STEPWISE));
  await page.getByRole('button', { name: 'Whole file' }).click();
  const run = nodes(app, 'folio', M2).first();
  await run.locator('rect').click({ button: 'right', position: { x: 1, y: 5 } });
  // One 2M folio of the run (a 2M folio is under 2 px at this zoom: which one depends on rounding).
  const menu = app.contextMenu();
  await expect(menu).toHaveAccessibleName(/^Operations on 2M folio at 0x40[0-9a-f]{6}$/);
  const name = (await menu.getAttribute('aria-label')) ?? '';
  const start = Number(name.slice(name.lastIndexOf(' ') + 1));
  await expect(app.inspectorRow('Selection')).toHaveText(`${hex(start)}–${hex(start + M2)} (2M, 512 pages)`);
  await expect(menu.getByRole('menuitem', { name: /^Split: / })).toContainText('ok via');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
});

test('pages too thin to tell apart keep the colour of most of them, and a pinned one among them shows', async ({
  page,
}) => {
  const { link, steps } = manyPinsLink(2_000);
  const app = new AppPage(page);
  await app.goto(at(link, steps));
  await page.getByRole('button', { name: 'Whole file' }).click();
  const tree = page.getByRole('group', { name: 'Folio tree' });
  // 2,000 pins spread over 262,144 pages: at the whole-file view, groups of free pages with
  // pins among them. Each group is drawn as its free pages, with a strip of the pinned colour.
  const merged = tree.locator('rect').filter({
    has: page.locator('title', {
      hasText: /runs too thin to tell apart at this zoom, among them .*: shared-pinned: zoom in$/,
    }),
  });
  await expect(merged.first()).toBeVisible();
  expect(await merged.first().getAttribute('fill')).toBe(PAGE_STATE_COLOR['shared-hole']);
  const marks = tree.locator('rect.band-mark');
  expect(await marks.count()).toBeGreaterThan(10);
  expect(await marks.first().getAttribute('fill')).toBe(PAGE_STATE_COLOR['shared-pinned']);
  // Zoomed in far enough, the pins are pages of their own: no group, no strip over them.
  await app.select('0x' + (0x10000000).toString(16), '4K');
  await page.getByRole('button', { name: 'Zoom to selection' }).click();
  await expect(marks).toHaveCount(0);
});

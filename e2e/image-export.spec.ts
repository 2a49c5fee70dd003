import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { BAD_CREATE, REFUSED_PIN } from './fixtures/refused.ts';
import { at } from './fixtures/scenarios.ts';
import { AppPage } from './pages/app.ts';

test.use({ viewport: { width: 1440, height: 900 } });

/** Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian). */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** What a reader of the SVG file finds in it, parsed as a stand-alone document. */
function inspect(page: Page, svg: string) {
  return page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, 'image/svg+xml');
    const root = d.documentElement;
    const all = [...root.querySelectorAll('*')];
    const ids = new Set(all.map((e) => e.id).filter((id) => id !== ''));
    const refs = [...t.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1] ?? '');
    return {
      errors: d.getElementsByTagName('parsererror').length,
      width: root.getAttribute('width'),
      height: root.getAttribute('height'),
      viewBox: root.getAttribute('viewBox'),
      texts: [...root.querySelectorAll('text')].map((e) => e.textContent ?? ''),
      controls: root.querySelectorAll(
        'button, foreignObject, title, [role], [tabindex], [aria-label], [class]',
      ).length,
      unresolved: refs.filter((r) => !ids.has(r)),
      fonts: [...new Set(all.map((e) => e.getAttribute('font-family') ?? '').filter((f) => f !== ''))],
      styleFonts: [...new Set([...t.matchAll(/font-family:([^;"]+)/g)].map((m) => m[1]))],
      diagramStates: root.querySelectorAll('svg svg, svg > g svg').length,
    };
  }, svg);
}

/** The refused step with its page selected: the diagram shows its focus, edges as buttons. */
async function atRefusalWithFocus(app: AppPage) {
  await app.goto(at(REFUSED_PIN, 5));
  await app.select('0', '4K');
  await expect(app.page.getByRole('group', { name: 'Diagram drawing' })).toHaveAttribute(
    'aria-busy',
    'false',
  );
}

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Export image…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export image' });
  await expect(dialog.getByRole('img', { name: 'Preview of the exported picture' })).toBeVisible();
  return dialog;
}

async function downloaded(page: Page, click: () => Promise<void>) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), data: readFileSync(await dl.path()), dl };
}

test('an exported SVG of a refused step is a self-contained picture with caption and legend', async ({
  page,
}) => {
  const app = new AppPage(page);
  await atRefusalWithFocus(app);
  expect(await app.diagramSvg().getByRole('button').count()).toBeGreaterThan(0);
  const dialog = await openExport(page);
  await expect(dialog.getByRole('checkbox', { name: /Include the state diagram/ })).toBeChecked();
  const svg = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  expect(svg.name).toBe('pinned-page-blocks-conversion-to-private-step-5.svg');
  const text = svg.data.toString('utf8');
  const s = await inspect(page, text);
  expect(s.errors).toBe(0);
  const all = s.texts.join('\n');
  // The caption: title, step, op and verdict, the refusal's sentence, the note.
  expect(s.texts).toContain('Pinned page blocks conversion to private');
  expect(all).toContain('Step 5 of 5: convert 0x0+4K to private → refused: EAGAIN from');
  expect(all).toContain('kvm_gmem_is_safe_for_conversion');
  expect(all).toContain('Folio at 0x0 has 1 long-term pin (vfio); conversion to private');
  expect(all).toContain("the long-term pin keeps the folio's");
  // The legend of what is drawn.
  for (const l of [
    'stripes = shared (plain = private)',
    'red outline = pinned or referenced',
    'shared, pinned',
    '4K folio',
  ])
    expect(s.texts).toContain(l);
  // The tree's row labels and the diagram's state.
  expect(s.texts).toContain('4K pages');
  expect(s.texts).toContain('convert → private ⊘ EAGAIN');
  // A picture, not controls; self-contained: no class, no custom property, every url(#…) inside.
  expect(s.controls).toBe(0);
  expect(text).not.toContain('var(--');
  expect(text).not.toContain('<button');
  expect(s.unresolved).toEqual([]);
  for (const f of [...s.fonts, ...s.styleFonts]) expect(['sans-serif', 'monospace']).toContain(f);

  // Without the diagram: the tree, the caption and the legend only.
  await dialog.getByRole('checkbox', { name: /Include the state diagram/ }).uncheck();
  const bare = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  const b = await inspect(page, bare.data.toString('utf8'));
  expect(b.texts).not.toContain('convert → private ⊘ EAGAIN');
  expect(b.texts).toContain('red outline = pinned or referenced');
  await expect(dialog.getByRole('status')).toHaveText(
    /Saved pinned-page-blocks-conversion-to-private-step-5\.svg/,
  );
});

test('in a window with the page data row the picture has the row and its legend; without it, neither', async ({
  page,
}) => {
  const app = new AppPage(page);
  const legendOf = async () => {
    const dialog = await openExport(page);
    const svg = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
    await page.keyboard.press('Escape');
    return (await inspect(page, svg.data.toString('utf8'))).texts;
  };
  await page.setViewportSize({ width: 1440, height: 900 });
  await atRefusalWithFocus(app);
  // The VMM wrote the shared page before pinning it.
  const tall = await legendOf();
  expect(tall).toContain('page data');
  expect(tall).toContain('data: host data');
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.locator('.row-labels')).not.toContainText('page data');
  const short = await legendOf();
  expect(short).not.toContain('page data');
  expect(short).not.toContain('data: host data');
});

test('PNG exports: at twice the screen size, or 1920x1080 for a 16:9 slide with a matching SVG', async ({
  page,
}) => {
  const app = new AppPage(page);
  await atRefusalWithFocus(app);
  const dialog = await openExport(page);
  const normal = await downloaded(page, () => dialog.getByRole('button', { name: 'Download PNG' }).click());
  const caption = await dialog.locator('figcaption').textContent();
  const [w, h] = (/^(\d+) × (\d+)/.exec(caption ?? '') ?? []).slice(1).map(Number);
  expect(pngSize(normal.data)).toEqual({ width: 2 * (w ?? 0), height: 2 * (h ?? 0) });
  await normal.dl.saveAs('test-results/screens/export-refused.png');

  await dialog.getByRole('radio', { name: '16:9 slide (1920 × 1080)' }).check();
  await expect(dialog.locator('figcaption')).toHaveText(/^1920 × 1080/);
  const slide = await downloaded(page, () => dialog.getByRole('button', { name: 'Download PNG' }).click());
  expect(slide.name).toBe('pinned-page-blocks-conversion-to-private-step-5-16x9.png');
  expect([...slide.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngSize(slide.data)).toEqual({ width: 1920, height: 1080 });
  await slide.dl.saveAs('test-results/screens/export-refused-16x9.png');
  const svg = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  const s = await inspect(page, svg.data.toString('utf8'));
  expect(s).toMatchObject({ width: '1920', height: '1080', viewBox: '0 0 1920 1080' });
  await app.screenshot('export-dialog');
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('the whole machine is left out unless asked for; a focus view (the step’s page by default) is in', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.goto(at(REFUSED_PIN, 5));
  // Nothing selected: the diagram previews the page the step is about (the pinned page the
  // refused unpin names), a focus view a slide can carry.
  await expect(app.diagram).toContainText('No page selected: showing the page the step is about (0x0)');
  await expect(app.diagramSvg()).toBeVisible();
  let dialog = await openExport(page);
  await expect(dialog.getByRole('checkbox', { name: /^Include the state diagram$/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await app.diagram.getByRole('checkbox', { name: 'Whole machine' }).check();
  await expect(app.diagram.locator('.diagram-box')).toHaveAttribute('aria-busy', 'false', {
    timeout: 30_000,
  });
  dialog = await openExport(page);
  const box = dialog.getByRole('checkbox', { name: /Include the state diagram \(the whole machine/ });
  await expect(box).not.toBeChecked();
  const svg = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  const s = await inspect(page, svg.data.toString('utf8'));
  expect(s.texts).not.toContain('private, guest-mapped');
  await box.check();
  const all = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  expect((await inspect(page, all.data.toString('utf8'))).texts).toContain('private, guest-mapped');
});

test('the caption of a file the kernel refused to create says that its step never ran', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto(at(BAD_CREATE, 1));
  const dialog = await openExport(page);
  const svg = await downloaded(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  const s = await inspect(page, svg.data.toString('utf8'));
  expect(s.texts.join(' ')).toContain(
    'Step 1 of 1: allocate 0x0+2M → not run: KVM_CREATE_GUEST_MEMFD refused EINVAL',
  );
  expect(s.texts.join(' ')).not.toContain('→ ok');
});

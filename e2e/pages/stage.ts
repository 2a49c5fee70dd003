import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app.ts';

/** The smallest text on screen: its size in CSS pixels as drawn, and the text itself. */
export interface SmallestText {
  readonly px: number;
  readonly text: string;
}

/** Presentation mode's stage, found by role and accessible name, with the measures a projector needs. */
export class StagePage {
  readonly exit: Locator;
  readonly speakerButton: Locator;
  readonly outcome: Locator;
  readonly diagram: Locator;
  readonly tree: Locator;

  constructor(readonly page: Page) {
    this.exit = page.getByRole('button', { name: 'Exit presentation' });
    this.speakerButton = page.getByRole('button', { name: 'Speaker view' });
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.diagram = page.getByRole('region', { name: 'State diagram' });
    this.tree = page.getByRole('group', { name: 'Folio tree', exact: true });
  }

  /** Opens a tour at a step in the app and enters presentation mode with the clicker's key. */
  async open(tour: string, step: number): Promise<AppPage> {
    const app = new AppPage(this.page);
    await app.goto(`/#tour=${tour}&step=${step}`);
    await app.keys('v');
    await expect(this.exit).toBeVisible();
    return app;
  }

  /** The step counter in the stage's bar ("step 3 of 6"). */
  step(): Locator {
    return this.page.getByText(/^step \d+ of \d+$/);
  }

  /**
   * Walks every visible text node (HTML and SVG) and returns the smallest as drawn: the
   * computed font size, times the SVG's screen scale (a viewBox magnifies its text).
   */
  async smallestText(): Promise<SmallestText> {
    return this.page.evaluate(() => {
      let best = { px: Infinity, text: '' };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
        const text = n.textContent?.trim() ?? '';
        const el = n.parentElement;
        if (text === '' || el === null || el.closest('title, desc, script, style') !== null) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const onScreen = [...range.getClientRects()].some(
          (r) =>
            r.width > 0 &&
            r.height > 0 &&
            r.bottom > 0 &&
            r.right > 0 &&
            r.top < innerHeight &&
            r.left < innerWidth,
        );
        const style = getComputedStyle(el);
        if (!onScreen || style.visibility === 'hidden' || style.opacity === '0') continue;
        let px = Number.parseFloat(style.fontSize);
        if (el instanceof SVGGraphicsElement) {
          const m = el.getScreenCTM();
          if (m !== null) px *= Math.hypot(m.a, m.b);
        }
        if (px < best.px) best = { px, text };
      }
      return best;
    });
  }

  /**
   * The share of the folio tree's width the step's focus takes: the focus outline (or, when
   * the step points at another panel, the selection, which the tour set to its focus).
   */
  async focusShare(): Promise<number> {
    return this.tree.evaluate((svg) => {
      const mark = svg.querySelector('.focus-outline') ?? svg.querySelector('.svg-sel');
      if (mark === null) return 0;
      return mark.getBoundingClientRect().width / svg.getBoundingClientRect().width;
    });
  }

  /** Waits until the camera has framed the focus: at least `share` of the tree's width. */
  async expectFramed(share: number): Promise<void> {
    await expect.poll(() => this.focusShare()).toBeGreaterThanOrEqual(share);
  }
}

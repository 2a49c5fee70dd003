import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export interface NewScenarioOptions {
  size: string;
  pageSize: '4K' | '2M' | '1G';
  mmap: boolean;
  vmType?: string;
}

/** Folioscope's main screen, found by role and accessible name only. */
export class AppPage {
  readonly heading: Locator;
  readonly operations: Locator;
  readonly inspector: Locator;
  readonly timeline: Locator;
  readonly invariants: Locator;
  readonly diagram: Locator;
  readonly folioTree: Locator;
  /** The tree's drawing (an SVG labelled "Folio tree"), for its shapes and texts. */
  readonly treeSvg: Locator;
  /** Where the last step's answer is shown: ok, or the refusal. */
  readonly outcome: Locator;
  readonly header: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Folioscope' });
    this.operations = page.getByRole('region', { name: 'Operations' });
    this.inspector = page.getByRole('region', { name: 'Inspector' });
    this.timeline = page.getByRole('region', { name: 'Timeline' });
    this.invariants = page.getByRole('region', { name: 'Invariants' });
    this.diagram = page.getByRole('region', { name: 'State diagram' });
    this.folioTree = page.getByRole('application', { name: /^Folio tree/ });
    this.treeSvg = page.getByRole('group', { name: 'Folio tree', exact: true });
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.header = page.getByRole('banner');
  }

  private welcomed = false;

  /**
   * Opens the app, at `path` (a fixture link from fixtures/scenarios.ts) or the default scenario,
   * as a returning user: the first-visit welcome is marked as seen, so it does not cover the app.
   */
  async goto(path = '/'): Promise<void> {
    if (!this.welcomed) {
      this.welcomed = true;
      // The key of app/features/welcome/firstVisit.ts. about:blank has no storage: skip it there.
      await this.page.addInitScript(() => {
        try {
          window.localStorage.setItem('folioscope.welcomed.v1', '1');
        } catch {
          // No storage on this document.
        }
      });
    }
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  /** Opens the app as a first-time visitor (fresh profile): the welcome is expected. */
  async gotoFirstVisit(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.welcome()).toBeVisible();
  }

  welcome(): Locator {
    return this.page.getByRole('dialog', { name: 'Welcome to Folioscope' });
  }

  glossary(): Locator {
    return this.page.getByRole('dialog', { name: 'Glossary' });
  }

  /** The floating copy of the last notice (why a shortcut did nothing). */
  noticeToast(): Locator {
    return this.page.getByTestId('notice-toast');
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'New scenario' });
  }

  helpDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Help' });
  }

  async openNewScenario(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New scenario…' }).click();
    await expect(this.dialog()).toBeVisible();
    return this.dialog();
  }

  async newScenario(o: NewScenarioOptions): Promise<void> {
    const d = await this.openNewScenario();
    if (o.vmType !== undefined) await d.getByRole('combobox', { name: 'VM type' }).selectOption(o.vmType);
    await d.getByRole('textbox', { name: 'File size' }).fill(o.size);
    await d.getByRole('combobox', { name: 'Page size' }).selectOption(o.pageSize);
    await d.getByRole('checkbox', { name: /^mmap/ }).setChecked(o.mmap);
    await d.getByRole('button', { name: 'Create' }).click();
    await expect(d).toBeHidden();
  }

  /** Selects [offset, offset + length) through the selection form. */
  async select(offset: string, length: string): Promise<void> {
    const form = this.operations.getByRole('form', { name: 'Selection' });
    await form.getByRole('textbox', { name: 'Offset' }).fill(offset);
    await form.getByRole('textbox', { name: 'Length' }).fill(length);
    await form.getByRole('button', { name: 'Select', exact: true }).click();
  }

  opButton(name: string): Locator {
    return this.operations.getByRole('button', { name, exact: true });
  }

  async op(name: string): Promise<void> {
    await this.opButton(name).click();
  }

  /** The state diagram's drawing (an SVG group named "State diagram"). */
  diagramSvg(): Locator {
    return this.diagram.getByRole('group', { name: 'State diagram', exact: true });
  }

  /** A button on an edge of the state diagram (name: "op: from → to (condition)"). */
  edgeButton(name: string | RegExp): Locator {
    return this.diagramSvg().getByRole('button', { name });
  }

  refusal(): Locator {
    return this.outcome.getByRole('alert');
  }

  stepStatus(): Locator {
    return this.outcome.getByRole('status');
  }

  /** The context menu opened on the folio tree (its name says what it acts on). */
  contextMenu(): Locator {
    return this.page.getByRole('menu', { name: /^Operations on / });
  }

  /** A drawn shape of the tree or the lanes, found by its tooltip (SVG <title>). */
  shape(title: string | RegExp): Locator {
    return this.treeSvg.locator('rect').filter({ has: this.page.locator('title', { hasText: title }) });
  }

  /** The inspector's value for a row label ("Folio", "Holders"…). */
  inspectorRow(label: string): Locator {
    return this.inspector.getByRole('row', { name: new RegExp(`^${label} `) }).getByRole('cell');
  }

  events(): Locator {
    return this.timeline.getByRole('list', { name: 'Events of this step' });
  }

  steps(): Locator {
    return this.timeline.getByRole('list', { name: 'Steps' }).getByRole('listitem');
  }

  scrubber(): Locator {
    return this.timeline.getByRole('slider', { name: 'Scrub' });
  }

  stepCounter(): Locator {
    return this.timeline.getByText(/^step \d+ of \d+$/);
  }

  async timelineButton(name: string): Promise<void> {
    await this.timeline.getByRole('button', { name, exact: true }).click();
  }

  violatedInvariants(): Locator {
    return this.invariants.getByRole('listitem').filter({ hasText: 'VIOLATED' });
  }

  /** Presses keys one after another, as a keyboard-only user would. */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  /** Tabs forward until `target` has focus (at most `max` presses). */
  async tabTo(target: Locator, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  }

  /** Saves a full-page screenshot under test-results/screens/. */
  async screenshot(name: string): Promise<void> {
    mkdirSync('test-results/screens', { recursive: true });
    await this.page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  }
}

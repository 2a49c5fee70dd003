/** What the race specs read off the race workspace, and its accessibility check. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe's serious and critical findings, one line each. */
export async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Worked example (a)'s violating schedule with gupFastRecheck off. */
export const VIOLATION_A = 'C1 C2 G1 C3 C4 C5 C6 G2 G3';

/** The schedule's micro-step chips (the "start" chip excluded), as their labels. */
export const scheduleLabels = (page: Page) =>
  page
    .getByRole('region', { name: /^Schedule/ })
    .getByRole('button', { name: /^step \d+:/ })
    .allTextContents()
    .then((xs) => xs.map((x) => x.replace('⚠ ', '')).join(' '));

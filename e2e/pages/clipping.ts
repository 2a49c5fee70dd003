import type { Page } from '@playwright/test';

/**
 * Every visible piece of text that the page cuts: outside the viewport, outside an ancestor
 * that clips or scrolls (overflow other than visible, SVG viewports included), or a block
 * whose text is wider than its box (scrollWidth > clientWidth). One line per finding, naming
 * the element and its text, so a failure says what to fix.
 */
export function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const slack = 1;
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page: must be self-contained
    const name = (el: Element) =>
      `${el.localName}${el.id === '' ? '' : `#${el.id}`}${typeof el.className === 'string' && el.className !== '' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const inside = (r: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
      r.left >= b.left - slack &&
      r.top >= b.top - slack &&
      r.right <= b.right + slack &&
      r.bottom <= b.bottom + slack;
    const texts = [...document.body.querySelectorAll('*')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''),
    );
    for (const el of texts) {
      if (el.closest('title, style, script') !== null) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (!inside(r, { left: 0, top: 0, right: innerWidth, bottom: innerHeight }))
        out.push(`${name(el)} leaves the viewport`);
      for (let a = el.parentElement; a !== null && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible' && s.contain !== 'strict') continue;
        if (!inside(r, a.getBoundingClientRect())) out.push(`${name(el)} is cut by ${name(a)}`);
      }
      const display = getComputedStyle(el).display;
      if (!(el instanceof SVGElement) && display !== 'inline' && el.scrollWidth > el.clientWidth + slack)
        out.push(`${name(el)} is wider than its box (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  });
}

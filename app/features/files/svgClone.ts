/**
 * A drawing of the page, copied for a file that must look the same anywhere: every computed
 * colour and stroke inlined (theme custom properties resolved, no stylesheet needed), fonts
 * reduced to generic families, and everything interactive taken out (buttons and their names,
 * focus order, tooltips, hover and animation markers), so a slide shows a picture, not controls.
 */

const PROPS = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'fill-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'paint-order',
  'visibility',
] as const;

/** Attributes that make an element a control or feed assistive technology about one. */
const INTERACTIVE = /^(role|tabindex|focusable|aria-.*|on.*|class|data-.*)$/;

/** A CSS font list as a generic family: the fonts of the app's machine may not exist elsewhere. */
export function genericFont(family: string): string {
  return /mono|courier|consolas|menlo/i.test(family) ? 'monospace' : 'sans-serif';
}

/** `var(--name)` (or a colour) as the value the theme gives it on `root`. */
export function resolveVar(value: string, root: Element): string {
  const m = /^var\((--[\w-]+)\)$/.exec(value.trim());
  if (m === null) return value;
  return (
    window
      .getComputedStyle(root)
      .getPropertyValue(m[1] as string)
      .trim() || 'currentColor'
  );
}

/**
 * Not part of a picture: tooltips, embedded HTML, the token of a step still playing, the
 * selection's dashed frame (where the pointer is, not what the kernel did).
 */
const DROP = 'title, desc, foreignObject, .dg-token, .svg-sel';

function inline(from: Element, to: Element, drop: Element[]): void {
  if (from.matches(DROP)) {
    drop.push(to);
    return;
  }
  const cs = window.getComputedStyle(from);
  const style: string[] = [];
  for (const p of PROPS) {
    let v = cs.getPropertyValue(p);
    if (v === '') continue;
    if (p === 'font-family') v = genericFont(v);
    // A paint server (url(#…)) stays the attribute: the pattern is cloned along with it.
    if (v.startsWith('url(')) continue;
    style.push(`${p}:${v}`);
    // The attribute may hold var(--…): outside the app nothing defines it.
    if (to.getAttribute(p)?.includes('var(') === true) to.setAttribute(p, v);
  }
  // Names first: removing from the live attribute list while walking it would skip some.
  const names = Array.from(to.attributes, (a) => a.name);
  for (const n of names) if (INTERACTIVE.test(n)) to.removeAttribute(n);
  if (style.length > 0) to.setAttribute('style', style.join(';'));
  else to.removeAttribute('style');
  for (let i = 0; i < from.children.length; i++) {
    const a = from.children[i];
    const b = to.children[i];
    if (a !== undefined && b !== undefined) inline(a, b, drop);
  }
}

/** A self-contained, non-interactive copy of `svg` (the original is left untouched). */
export function pictureOf(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const drop: Element[] = [];
  inline(svg, copy, drop);
  // Removed only now: the walk goes through the original and the copy in step.
  for (const el of drop) el.remove();
  return copy;
}

/**
 * "Export SVG / PNG": the folio tree and the state diagrams as one stand-alone SVG, in the
 * current theme. Computed styles are inlined (CSS custom properties resolved), so the file
 * needs no stylesheet; the PNG is that SVG drawn onto a canvas at twice the size.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

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

/** Copies the computed presentation of `from` (and its subtree) onto `to`, a clone of it. */
function inlineStyles(from: Element, to: Element): void {
  const cs = window.getComputedStyle(from);
  const style = PROPS.map((p) => [p, cs.getPropertyValue(p)] as const)
    // A paint server (url(#…)) stays the attribute: the pattern is cloned along with it.
    .filter(([, v]) => v !== '' && !v.startsWith('url('))
    .map(([p, v]) => `${p}:${v}`)
    .join(';');
  if (style !== '') to.setAttribute('style', style);
  to.removeAttribute('class');
  to.removeAttribute('tabindex');
  for (let i = 0; i < from.children.length; i++) {
    const a = from.children[i];
    const b = to.children[i];
    if (a !== undefined && b !== undefined) inlineStyles(a, b);
  }
}

/** The SVGs of the current view: the folio tree first, then the state diagrams. */
export function viewSvgs(doc: Document): SVGSVGElement[] {
  return [...doc.querySelectorAll<SVGSVGElement>('#folio-tree svg, svg.diagram')];
}

/** The folio tree's row labels (HTML beside its SVG) as SVG text, right-aligned at `right`. */
function rowLabels(
  part: SVGSVGElement,
  doc: Document,
  right: number,
  top: number,
  ink: string,
  font: string,
): { width: number; texts: Element[] } {
  const box = part.closest('.file-grid')?.querySelector('.row-labels');
  if (box === null || box === undefined) return { width: 0, texts: [] };
  const origin = part.getBoundingClientRect();
  const texts: Element[] = [];
  for (const d of box.querySelectorAll('div')) {
    const label = d.textContent?.trim() ?? '';
    if (label === '') continue;
    const r = d.getBoundingClientRect();
    const t = doc.createElementNS(SVG_NS, 'text');
    const y = top + r.top - origin.top + r.height / 2 + 4;
    for (const [k, v] of [
      ['x', String(right)],
      ['y', String(y)],
      ['text-anchor', 'end'],
      ['font-size', '11'],
      ['fill', ink],
      ['font-family', font],
    ])
      t.setAttribute(k as string, v as string);
    t.textContent = label;
    texts.push(t);
  }
  return { width: box.getBoundingClientRect().width, texts };
}

/** One stand-alone SVG document stacking `parts` under a caption, on the theme's background. */
export function composeSvg(
  parts: SVGSVGElement[],
  caption: string,
  doc: Document,
): { text: string; width: number; height: number } {
  const root = doc.createElementNS(SVG_NS, 'svg');
  const body = window.getComputedStyle(doc.body);
  const bg = window.getComputedStyle(doc.documentElement).getPropertyValue('--panel').trim() || '#ffffff';
  const ink = window.getComputedStyle(doc.documentElement).getPropertyValue('--fg').trim() || '#111827';
  const pad = 12;
  let y = 34;
  let width = 0;
  const placed: Element[] = [];
  for (const p of parts) {
    const r = p.getBoundingClientRect();
    const clone = p.cloneNode(true) as SVGSVGElement;
    inlineStyles(p, clone);
    const labels = rowLabels(p, doc, pad + 90, y, ink, body.fontFamily);
    placed.push(...labels.texts);
    const x = pad + (labels.width > 0 ? 96 : 0);
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', String(y));
    clone.setAttribute('width', String(r.width));
    clone.setAttribute('height', String(r.height));
    clone.removeAttribute('aria-hidden');
    placed.push(clone);
    y += r.height + pad;
    width = Math.max(width, x - pad + r.width);
  }
  width = Math.ceil(width + 2 * pad);
  const height = Math.ceil(y);
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const rect = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of [
    ['width', '100%'],
    ['height', '100%'],
    ['fill', bg],
  ])
    rect.setAttribute(k as string, v as string);
  const title = doc.createElementNS(SVG_NS, 'text');
  for (const [k, v] of [
    ['x', String(pad)],
    ['y', '22'],
    ['fill', ink],
    ['font-size', '15'],
    ['font-weight', '700'],
    ['font-family', body.fontFamily],
  ])
    title.setAttribute(k as string, v as string);
  title.textContent = caption;
  root.append(rect, title, ...placed);
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`,
    width,
    height,
  };
}

/** Draws an SVG document onto a canvas at `scale` and returns it as a PNG. */
export async function svgToPng(
  svg: { text: string; width: number; height: number },
  scale = 2,
): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(svg.width * scale);
  canvas.height = Math.ceil(svg.height * scale);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('this browser gave no canvas to draw on');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, svg.width, svg.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b === null ? reject(new Error('the canvas could not be encoded as PNG')) : resolve(b)),
      'image/png',
    ),
  );
}

/** Offers `blob` as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

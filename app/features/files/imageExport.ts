/**
 * "Export image": the folio tree (and, if asked, the state diagram) as one stand-alone SVG in
 * the current theme, with a caption (scenario, step, operation, the kernel's answer, the
 * refusal's sentence, the note) and a legend of what the picture shows. The drawings are
 * copied as pictures (svgClone.ts: colours inlined, generic fonts, no controls). The 16:9
 * option lays the same parts out for a slide: an SVG of viewBox 1920x1080, a PNG of that size.
 */
import type { LegendItem } from '../folio-tree/legendItems.ts';
import { INK, SHARED_PATTERN_ID } from '../theme.ts';
import { genericFont, pictureOf, resolveVar } from './svgClone.ts';
import { flowLegend, wrapText, type Measure } from './svgText.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** A 1080p slide. */
export const SLIDE = { width: 1920, height: 1080 } as const;
const PAD = 16;
const GAP = 14;
/** The row labels' column left of the tree (the app's is 84 px). */
const LABELS = 92;
/** A diagram never grows taller than this in the stacked layout (the whole machine is huge). */
const DIAGRAM_MAX_H = 560;

export interface ViewParts {
  readonly tree: SVGSVGElement;
  readonly diagram?: SVGSVGElement;
}

/** The drawings on screen: the folio tree's, and the state diagram's when one is drawn. */
export function viewParts(doc: Document): ViewParts | undefined {
  const tree = doc.querySelector<SVGSVGElement>('#folio-tree svg');
  if (tree === null) return undefined;
  const diagram = doc.querySelector<SVGSVGElement>('.diagram-panel svg.diagram');
  return diagram === null ? { tree } : { tree, diagram };
}

export interface ExportText {
  /** Title, step line, then the refusal's sentence and the note when there are. */
  readonly caption: readonly string[];
  readonly refused: boolean;
  readonly legend: readonly LegendItem[];
}

export interface ComposedSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

/** A placed piece of the picture: an element drawn from (0,0) and its size. */
interface Block {
  readonly el: Element;
  readonly w: number;
  readonly h: number;
}

function el(doc: Document, name: string, attrs: Record<string, string | number>): Element {
  const e = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function group(doc: Document, x: number, y: number, children: Element[]): Element {
  const g = el(doc, 'g', { transform: `translate(${x},${y})` });
  g.append(...children);
  return g;
}

/** Text widths from a canvas in the export's generic font (a generous estimate without one). */
function canvasMeasure(doc: Document): Measure {
  const ctx = doc.createElement('canvas').getContext('2d');
  return (t, size) => {
    if (ctx === null) return t.length * size * 0.62;
    ctx.font = `${size}px sans-serif`;
    return ctx.measureText(t).width;
  };
}

interface Theme {
  readonly root: Element;
  readonly bg: string;
  readonly ink: string;
  readonly sub: string;
  readonly err: string;
  readonly font: string;
  readonly measure: Measure;
}

function themeOf(doc: Document): Theme {
  const root = doc.documentElement;
  const v = (name: string, fallback: string) =>
    resolveVar(`var(${name})`, root).replace('currentColor', fallback);
  return {
    root,
    bg: v('--panel', '#ffffff'),
    ink: v('--fg', '#111827'),
    sub: v('--sub', '#374151'),
    err: v('--err', '#b91c1c'),
    font: genericFont(window.getComputedStyle(doc.body).fontFamily),
    measure: canvasMeasure(doc),
  };
}

/** The caption, wrapped to `width`: the title large, the step, the refusal in the error colour, the note. */
function captionBlock(doc: Document, t: Theme, text: ExportText, width: number): Block {
  const texts: Element[] = [];
  let y = 0;
  text.caption.forEach((line, i) => {
    const size = i === 0 ? 22 : i === 1 ? 16 : 15;
    const refusal = text.refused && i === 2;
    const note = i >= 2 && !refusal;
    const fill = refusal ? t.err : note ? t.sub : t.ink;
    // Bold text runs wider than the canvas measures in the regular weight.
    const room = i <= 1 ? width / 1.08 : width;
    for (const l of wrapText(line, room, size, t.measure)) {
      y += size * 1.35;
      const e = el(doc, 'text', { x: 0, y: y - size * 0.3, fill, 'font-size': size, 'font-family': t.font });
      if (i <= 1) e.setAttribute('font-weight', i === 0 ? '700' : '600');
      if (note) e.setAttribute('font-style', 'italic');
      e.textContent = l;
      texts.push(e);
    }
  });
  return { el: group(doc, 0, 0, texts), w: width, h: y };
}

/** The folio tree with its row labels (HTML beside its SVG on screen) drawn as SVG text. */
function treeBlock(doc: Document, t: Theme, tree: SVGSVGElement): Block {
  const r = tree.getBoundingClientRect();
  const pic = pictureOf(tree);
  for (const [k, v] of [
    ['x', LABELS],
    ['y', 0],
    ['width', r.width],
    ['height', r.height],
  ] as const)
    pic.setAttribute(k, String(v));
  pic.removeAttribute('aria-hidden');
  const texts: Element[] = [];
  const labels = tree.closest('.file-grid')?.querySelector('.row-labels');
  for (const d of labels?.querySelectorAll('div') ?? []) {
    const label = d.textContent?.trim() ?? '';
    if (label === '') continue;
    const b = d.getBoundingClientRect();
    const e = el(doc, 'text', {
      x: LABELS - 6,
      y: b.top - r.top + b.height / 2 + 4,
      'text-anchor': 'end',
      'font-size': 12,
      fill: t.sub,
      'font-family': t.font,
    });
    e.textContent = label;
    texts.push(e);
  }
  return { el: group(doc, 0, 0, [...texts, pic]), w: LABELS + r.width, h: r.height };
}

/** The legend of what the picture shows, flowed into rows of `width`. */
function legendBlock(doc: Document, t: Theme, items: readonly LegendItem[], width: number): Block {
  const size = 13;
  const sw = 14;
  const flow = flowLegend(items, width, { size, swatch: sw, gap: 18, rowHeight: 22, measure: t.measure });
  const out: Element[] = [];
  for (const { item, x, y } of flow.placed) {
    const held = item.outline !== undefined;
    out.push(
      el(doc, 'rect', {
        x,
        y,
        width: sw,
        height: sw,
        fill: resolveVar(item.fill, t.root),
        stroke: resolveVar(item.outline ?? INK.frame, t.root),
        'stroke-width': held ? 2.5 : item.dashed === true ? 1.5 : 0.75,
        ...(item.dashed === true ? { 'stroke-dasharray': '3 2' } : {}),
      }),
    );
    // The stripes pattern travels with the tree's copy (its <defs>).
    if (item.striped === true)
      out.push(el(doc, 'rect', { x, y, width: sw, height: sw, fill: `url(#${SHARED_PATTERN_ID})` }));
    const label = el(doc, 'text', {
      x: x + sw + 5,
      y: y + sw - 2,
      'font-size': size,
      fill: t.ink,
      'font-family': t.font,
    });
    label.textContent = item.label;
    out.push(label);
  }
  return { el: group(doc, 0, 0, out), w: width, h: flow.height };
}

/**
 * The state diagram as a picture, scaled to fit `w` x `h` but never enlarged (its type would
 * outgrow the tree's). Sized by its viewBox, not its box on screen: the blank margins of the
 * fitted drawing are left out.
 */
function diagramBlock(diagram: SVGSVGElement, w: number, h: number): Block {
  const vb = diagram.viewBox.baseVal;
  const r = diagram.getBoundingClientRect();
  const screen = Math.min(r.width / vb.width, r.height / vb.height);
  const k = Math.min(w / vb.width, h / vb.height, screen > 0 ? screen : 1, 1);
  const pic = pictureOf(diagram);
  pic.setAttribute('width', String(vb.width * k));
  pic.setAttribute('height', String(vb.height * k));
  return { el: pic, w: vb.width * k, h: vb.height * k };
}

/** Places blocks at their offsets in a new group (a nested <svg> takes x/y, a group a translate). */
function place(doc: Document, items: readonly { b: Block; x: number; y: number }[]): Element[] {
  return items.map(({ b, x, y }) => {
    if (b.el.localName === 'svg') {
      b.el.setAttribute('x', String(x));
      b.el.setAttribute('y', String(y));
      return b.el;
    }
    return group(doc, x, y, [b.el]);
  });
}

interface Arranged {
  readonly items: { b: Block; x: number; y: number }[];
  readonly w: number;
  readonly h: number;
}

/** Caption over the tree over the legend over the diagram. */
function stacked(doc: Document, t: Theme, parts: ViewParts, text: ExportText): Arranged {
  const tree = treeBlock(doc, t, parts.tree);
  const w = tree.w;
  const cap = captionBlock(doc, t, text, w);
  const legend = legendBlock(doc, t, text.legend, w);
  const items = [
    { b: cap, x: 0, y: 0 },
    { b: tree, x: 0, y: cap.h + GAP },
    { b: legend, x: 0, y: cap.h + GAP + tree.h + GAP },
  ];
  let h = cap.h + GAP + tree.h + GAP + legend.h;
  if (parts.diagram !== undefined) {
    const d = diagramBlock(parts.diagram, w, DIAGRAM_MAX_H);
    items.push({ b: d, x: 0, y: h + GAP });
    h += GAP + d.h;
  }
  return { items, w, h };
}

/** For a slide: caption over [tree and legend | diagram], the diagram as tall as the left column. */
function sideBySide(
  doc: Document,
  t: Theme,
  parts: ViewParts & { diagram: SVGSVGElement },
  text: ExportText,
): Arranged {
  const tree = treeBlock(doc, t, parts.tree);
  const legend = legendBlock(doc, t, text.legend, tree.w);
  const left = tree.h + GAP + legend.h;
  const d = diagramBlock(parts.diagram, tree.w * 0.8, Math.max(left, 320));
  const w = tree.w + 2 * GAP + d.w;
  const cap = captionBlock(doc, t, text, w);
  const top = cap.h + GAP;
  return {
    items: [
      { b: cap, x: 0, y: 0 },
      { b: tree, x: 0, y: top },
      { b: legend, x: 0, y: top + tree.h + GAP },
      { b: d, x: tree.w + 2 * GAP, y: top },
    ],
    w,
    h: top + Math.max(left, d.h),
  };
}

/**
 * One stand-alone SVG document of the view's drawings with caption and legend, on the theme's
 * panel colour: at its natural size, or (`slide`) scaled and centred in 1920x1080.
 */
export function composeSvg(parts: ViewParts, text: ExportText, slide: boolean, doc: Document): ComposedSvg {
  const t = themeOf(doc);
  const fits = (a: Arranged) =>
    Math.min((SLIDE.width - 2 * PAD * 3) / a.w, (SLIDE.height - 2 * PAD * 3) / a.h);
  let a = stacked(doc, t, parts, text);
  // On a slide the diagram may sit beside the tree instead of under it: whichever is larger.
  if (slide && parts.diagram !== undefined) {
    const b = sideBySide(doc, t, { tree: parts.tree, diagram: parts.diagram }, text);
    if (fits(b) > fits(a)) a = b;
  }
  const root = el(doc, 'svg', {});
  root.setAttribute('xmlns', SVG_NS);
  const width = slide ? SLIDE.width : Math.ceil(a.w + 2 * PAD);
  const height = slide ? SLIDE.height : Math.ceil(a.h + 2 * PAD);
  for (const [k, v] of [
    ['width', width],
    ['height', height],
    ['viewBox', `0 0 ${width} ${height}`],
    ['font-family', t.font],
  ] as const)
    root.setAttribute(k, String(v));
  const content = el(doc, 'g', {});
  if (slide) {
    const s = fits(a);
    content.setAttribute(
      'transform',
      `translate(${((width - a.w * s) / 2).toFixed(1)},${((height - a.h * s) / 2).toFixed(1)}) scale(${s.toFixed(4)})`,
    );
  } else content.setAttribute('transform', `translate(${PAD},${PAD})`);
  content.append(...place(doc, a.items));
  root.append(el(doc, 'rect', { width: '100%', height: '100%', fill: t.bg }), content);
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`,
    width,
    height,
  };
}

/** Draws an SVG document onto a canvas at `scale` and returns it as a PNG. */
export async function svgToPng(svg: ComposedSvg, scale: number): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
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

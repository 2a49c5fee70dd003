/**
 * The HTML that embeds the current view in an article or a slide deck: an iframe on the app in
 * embed mode (`?embed=1`, the flag app/share/embed.ts reads) at the scenario and step of the
 * fragment, with a title for screen readers. Pure: the dialog passes in the location.
 */

export interface EmbedSize {
  readonly width: number;
  readonly height: number;
  readonly label: string;
}

/**
 * 16:9 frames, article-sized first: what blog layouts and slide decks leave for a figure. The
 * embed's layout is made for 800x450 and does not grow its type beyond that (a larger frame
 * gains empty space), so no larger size is offered: for a full slide, export a 16:9 image.
 */
export const EMBED_SIZES: readonly EmbedSize[] = [
  { width: 800, height: 450, label: '800 × 450 (article)' },
  { width: 640, height: 360, label: '640 × 360 (narrow column)' },
  { width: 960, height: 540, label: '960 × 540 (wide article)' },
];

/**
 * The smallest frame that still shows the state diagram; below it the diagram gives way
 * (the media query in embed.css says the same: max-width 719px, max-height 419px).
 */
const ROOMY = { width: 720, height: 420 } as const;

/** What an embed of this size shows, in words (the dialog's size note). */
export function sizeNote(size: { width: number; height: number }): string {
  return size.width >= ROOMY.width && size.height >= ROOMY.height
    ? 'the folio tree with its legend, the step’s outcome and the state diagram’s edge'
    : 'the folio tree with its legend and the step’s outcome; at this size the state diagram gives way';
}

/** The embed's address: the app at `pathname` in embed mode, opened at `fragment` (`#s=…&step=N`). */
export function embedSrc(origin: string, pathname: string, fragment: string): string {
  const hash = fragment === '' || fragment.startsWith('#') ? fragment : `#${fragment}`;
  return `${origin}${pathname}?embed=1${hash}`;
}

/** Text made safe inside a double-quoted HTML attribute. */
export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The iframe element to paste, one line. */
export function embedSnippet(o: {
  readonly src: string;
  readonly size: { width: number; height: number };
  readonly title: string | undefined;
  readonly step: number;
  readonly total: number;
}): string {
  const title = `Folioscope: ${o.title ?? 'Untitled scenario'}, step ${o.step} of ${o.total}`;
  return (
    `<iframe src="${escapeAttr(o.src)}" width="${o.size.width}" height="${o.size.height}"` +
    ` title="${escapeAttr(title)}" style="border: 0; max-width: 100%" loading="lazy"></iframe>`
  );
}

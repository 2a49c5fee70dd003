/**
 * The view a link carries after `&step=N` (issue 9): the selection, the folio tree's zoom
 * window and the theme, in that order: `&sel=START-END&zoom=K@START&theme=NAME`. Offsets are
 * lowercase hex without `0x`. Each is written only when it is not the default (nothing
 * selected, the whole file, the light theme), and read back only in the form written, so one
 * view has one link. Without `theme` the viewer keeps their own, as links made before did.
 */
import { PAGE } from '../../core/index.ts';

/** The zoom window: d3-zoom's factor and the first byte shown at the left edge. */
export interface ZoomWindow {
  readonly k: number;
  readonly start: number;
}

/** A selected byte range, [start, end). */
export interface LinkRange {
  readonly start: number;
  readonly end: number;
}

export interface LinkView {
  readonly selection?: LinkRange;
  readonly zoom?: ZoomWindow;
  /** A theme other than the default light one (themeChoice.ts). */
  readonly theme?: 'dark' | 'projector';
}

const hexOf = (n: number): string => n.toString(16);
const HEX = /^(0|[1-9a-f][0-9a-f]{0,13})$/;
/** The largest zoom factor a link may name (d3's own limit for a 1 TiB file is far below). */
const MAX_K = 2 ** 40;

/** `&sel=…&zoom=…&theme=…` for a view (empty for the default view). */
export function viewParams(view: LinkView): string {
  let out = '';
  if (view.selection !== undefined) out += `&sel=${hexOf(view.selection.start)}-${hexOf(view.selection.end)}`;
  if (view.zoom !== undefined && view.zoom.k !== 1)
    out += `&zoom=${String(view.zoom.k)}@${hexOf(view.zoom.start)}`;
  if (view.theme !== undefined) out += `&theme=${view.theme}`;
  return out;
}

const readHex = (s: string | undefined): number | undefined =>
  s !== undefined && HEX.test(s) ? parseInt(s, 16) : undefined;

/** `sel`: a page-aligned, non-empty range inside the file. */
function readSelection(v: string, size: number): LinkRange | string {
  const [a, b, extra] = v.split('-');
  const start = readHex(a);
  const end = readHex(b);
  if (extra !== undefined || start === undefined || end === undefined)
    return 'the selection is not written as START-END in lowercase hex';
  if (start % PAGE !== 0 || end % PAGE !== 0 || start >= end || end > size)
    return 'the selection is not a page-aligned range inside the file';
  return { start, end };
}

/** `zoom`: a factor above 1 in its shortest decimal form, and a first byte inside the file. */
function readZoom(v: string, size: number): ZoomWindow | string {
  const [k, at, extra] = v.split('@');
  const factor = k === undefined || !/^[0-9.e+]{1,24}$/.test(k) ? NaN : Number(k);
  const start = readHex(at);
  if (extra !== undefined || start === undefined || !Number.isFinite(factor) || String(factor) !== k)
    return 'the zoom is not written as FACTOR@START';
  if (factor <= 1 || factor > MAX_K || start >= size) return 'the zoom is outside the file';
  return { k: factor, start };
}

/**
 * The view named by a fragment's parameters, for a file of `size` bytes. A field that is not
 * what Folioscope writes is left out and said in `problems`: the scenario still opens.
 */
export function readView(
  params: Pick<URLSearchParams, 'get'>,
  size: number,
): { view: LinkView; problems: string[] } {
  const problems: string[] = [];
  const view: { -readonly [K in keyof LinkView]: LinkView[K] } = {};
  const sel = params.get('sel');
  if (sel !== null) {
    const r = readSelection(sel, size);
    if (typeof r === 'string') problems.push(r);
    else view.selection = r;
  }
  const zoom = params.get('zoom');
  if (zoom !== null) {
    const r = readZoom(zoom, size);
    if (typeof r === 'string') problems.push(r);
    else view.zoom = r;
  }
  const theme = params.get('theme');
  if (theme === 'dark' || theme === 'projector') view.theme = theme;
  else if (theme !== null)
    problems.push('the theme is neither dark nor projector (light, the default, is not written)');
  return { view, problems };
}

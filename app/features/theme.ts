/**
 * Colours, keyed by the core's own vocabulary (page and block states, folio sizes, attributes).
 * The app invents no categories: every key here is a value the core produces.
 */
import { PAGE, SIZE_1G, SIZE_2M } from '../../core/index.ts';
import type { Attr, BlockStateId, Content, PageStateId } from '../../core/index.ts';

export const PAGE_STATE_COLOR: Record<PageStateId, string> = {
  'private-hole': '#e8ebf1',
  'shared-hole': '#f6ecd9',
  private: '#8fb3e0',
  'private-mapped': '#4a7fc1',
  'private-referenced': '#8a6cc4',
  shared: '#f2bd6b',
  'shared-mapped': '#de8a2c',
  'shared-pinned': '#c8382e',
  'shared-referenced': '#a35bb0',
  poisoned: '#2d2d2d',
  leaked: '#7b4b22',
};

export const BLOCK_STATE_COLOR: Record<BlockStateId, string> = {
  absent: '#f3f4f7',
  huge: '#a9c1e6',
  split: '#e9cfa1',
};

export const FOLIO_SIZE_COLOR: Record<number, string> = {
  [SIZE_1G]: '#b8cbe9',
  [SIZE_2M]: '#c6dfb4',
  [PAGE]: '#eddcb4',
};

export const ATTR_COLOR: Record<Attr, string> = { private: '#4a7fc1', shared: '#de8a2c' };

/**
 * What an uptodate page holds (the page data row; a page never used since its allocation
 * holds nothing yet and is drawn blank). Hues the page states do not use, light enough for the
 * row's dark labels; ciphertext darkest, as it reads to the host.
 */
export const CONTENT_COLOR: Record<Content, string> = {
  zero: '#dfe3ea',
  host: '#d6c36a',
  guest: '#7cc4b4',
  ciphertext: '#8b8fa8',
};

/** The page data row's values, in the order a page's life meets them (the legends' order). */
export const CONTENTS: readonly Content[] = ['zero', 'guest', 'host', 'ciphertext'];

/** The page data row's words for what a page holds (labels, legend, tooltips). */
export const CONTENT_NAME: Record<Content, string> = {
  zero: 'zero',
  host: 'host data',
  guest: 'guest data',
  ciphertext: 'ciphertext',
};

/** The legends' entries for the page data row, in CONTENTS order. */
export const DATA_LEGEND: readonly { content: Content; label: string; fill: string }[] = CONTENTS.map(
  (c) => ({
    content: c,
    label: `data: ${CONTENT_NAME[c]}`,
    fill: CONTENT_COLOR[c],
  }),
);

/** Holders of references: pins red, transient references violet, architecture brown. */
export const REF_KIND_COLOR: Record<'pin' | 'transient' | 'arch', string> = {
  pin: '#c8382e',
  transient: '#8a6cc4',
  arch: '#7b4b22',
};

/** The VMM's mmap ranges: 3:1 against a white panel, so the thin lane reads on a projector. */
export const VMA_COLOR = '#8794a8';
export const PTE_COLOR = '#6b7a90';
export const SELECTION_COLOR = '#111827';

/**
 * Ink and strokes of the pictures, as theme custom properties (styles.css), so the light, dark
 * and projector themes can each tune them; the SVG export resolves them (computed styles).
 */
export const INK = {
  /** Text beside a shape, on the panel. */
  text: 'var(--svg-ink)',
  /** Outlines of shapes and the axis. */
  frame: 'var(--frame)',
  /** Separators drawn over coloured fills (leaf and folio boundaries). */
  boundary: 'var(--boundary)',
  /** Text on a dark fill (stage-2 leaves). */
  onDarkFill: 'var(--ink-on-dark-fill)',
  /** Outline of an orphaned piece. */
  orphan: 'var(--orphan-stroke)',
  /** The stripes that mark shared memory. */
  stripes: 'var(--stripe-ink)',
  /** A folio of a size the palette has no colour for. */
  blank: 'var(--blank-fill)',
} as const;

/** The SVG pattern id that marks shared memory (stripes) on top of its colour. */
export const SHARED_PATTERN_ID = 'fs-shared-stripes';

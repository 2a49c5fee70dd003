/**
 * Each row of the file view as bands (see app/animation/morph.ts), computed once per state
 * while it is among the few last looked at (recentMemo.ts).
 */
import { hex, sizeName } from '../../../core/index.ts';
import type { Content, GmemState, Observation, PageStateId } from '../../../core/index.ts';
import { phase, PHASES, type Frame } from '../../animation/frame.ts';
import { titleOf, type Band } from '../../animation/morph.ts';
import { recentMemo } from '../../store/recentMemo.ts';
import { observation } from '../../store/selectors.ts';
import {
  ATTR_COLOR,
  CONTENT_COLOR,
  CONTENT_NAME,
  PTE_COLOR,
  SHARED_PATTERN_ID,
  VMA_COLOR,
} from '../theme.ts';
import { pageBands } from './pageBands.ts';

/** The rows drawn as bands (the blocks and folios are the tree's: TreeRows draws them). */
export interface RowBands {
  readonly pages: readonly Band[];
  /** Stripes over the pages row where the index is shared. */
  readonly shared: readonly Band[];
  readonly vma: readonly Band[];
  readonly ptes: readonly Band[];
  readonly stage2: readonly Band[];
  readonly stage2Shared: readonly Band[];
}

const STRIPES = `url(#${SHARED_PATTERN_ID})`;

// One title function per row, shared by its bands (see Band.title).
const vmaTitle = titleOf(
  (m: Observation['vmas'][number]) => `VMM mmap of ${hex(m.offset)}+${sizeName(m.length)}`,
);
const DATA_MEANING: Record<Content, string> = {
  zero: 'zeroed on first use (or by a punch hole, or TDX on conversion) and not written since',
  host: 'last written by the host (VMM)',
  guest: 'last written by the guest',
  ciphertext: "ciphertext: the guest's data as the host reads it on SEV-SNP",
};
const dataTitle = titleOf(
  (c: Observation['contents'][number]) =>
    `Page data ${CONTENT_NAME[c.content as Content]} at ${hex(c.offset)}+${sizeName(c.length)}: ${DATA_MEANING[c.content as Content]}`,
);
const pteTitle = titleOf(
  (m: Observation['hostMappings'][number]) =>
    `${sizeName(m.level)} PTEs at ${hex(m.offset)}+${sizeName(m.length)}`,
);
const stage2Title = titleOf(
  (m: Observation['guestMappings'][number]) =>
    `${m.kind} stage-2 leaves of ${sizeName(m.level)} at ${hex(m.offset)}+${sizeName(m.length)}`,
);

export const rowBands: (s: GmemState) => RowBands = recentMemo(bandsOf);

/**
 * What the uptodate pages hold (none: never used since allocated, or no memory), as bands of
 * the page data row: apart from the other rows, so a window that does not draw the row (a
 * seek among thousands of pages made uptodate one by one) does not derive them.
 */
export const dataBands: (s: GmemState) => readonly Band[] = recentMemo((s) =>
  observation(s).contents.map((c) => ({
    start: c.offset,
    end: c.offset + c.length,
    fill: CONTENT_COLOR[c.content as Content],
    title: dataTitle,
    about: c,
  })),
);

/**
 * How notable a page state is where pages are too thin to tell apart (BandRow's salience):
 * what blocks or breaks a conversion first (poison, a leak, a pin), then references, then
 * mappings, then memory; holes last. At the whole-file view of a VMM's thousands of pins,
 * the widest page of each group was a free one, and the pins vanished from the pages row.
 */
const PAGE_SALIENCE: Record<PageStateId, number> = {
  poisoned: 6,
  leaked: 6,
  'shared-pinned': 5,
  'shared-referenced': 4,
  'private-referenced': 4,
  'shared-mapped': 3,
  'private-mapped': 3,
  shared: 2,
  private: 2,
  'shared-hole': 1,
  'private-hole': 1,
};

/** A pages-row band's salience (its page state's); other bands 0. */
export const pageSalience = (b: Band): number => PAGE_SALIENCE[b.about as PageStateId] ?? 0;

/** Data written (or turned to ciphertext) shows among zeroed pages too thin to tell apart. */
const DATA_SALIENCE: Record<Content, number> = { ciphertext: 3, guest: 2, host: 2, zero: 1 };

/** What a data-row band's pages hold (undefined: not a data-row band). */
const contentOf = (b: Band): Content | undefined =>
  (b.about as Observation['contents'][number] | undefined)?.content as Content | undefined;

/** A data-row band's word: what its pages hold. */
export const dataLabel = (b: Band): string | undefined => {
  const c = contentOf(b);
  return c === undefined ? undefined : CONTENT_NAME[c];
};

/** A data-row band's salience, by what its pages hold. */
export const dataSalience = (b: Band): number => {
  const c = contentOf(b);
  return c === undefined ? 0 : DATA_SALIENCE[c];
};

function bandsOf(s: GmemState): RowBands {
  const obs = observation(s);
  const out: RowBands = {
    pages: pageBands(s),
    shared: obs.shareability
      .filter((r) => r.state === 'shared')
      .map((r) => ({ start: r.offset, end: r.offset + r.length, fill: STRIPES })),
    vma: obs.vmas.map((m) => ({
      start: m.offset,
      end: m.offset + m.length,
      fill: VMA_COLOR,
      title: vmaTitle,
      about: m,
    })),
    ptes: obs.hostMappings.map((m) => ({
      start: m.offset,
      end: m.offset + m.length,
      fill: PTE_COLOR,
      title: pteTitle,
      about: m,
    })),
    stage2: obs.guestMappings.map((m) => ({
      start: m.offset,
      end: m.offset + m.length,
      fill: ATTR_COLOR[m.kind],
      title: stage2Title,
      about: m,
    })),
    stage2Shared: obs.guestMappings
      .filter((m) => m.kind === 'shared')
      .map((m) => ({ start: m.offset, end: m.offset + m.length, fill: STRIPES })),
  };
  return out;
}

/** What a row component needs to draw one animation frame: the bands before and after, and progress. */
export interface FrameBands {
  readonly prev: GmemState;
  readonly next: GmemState;
  readonly t: number;
  readonly a: RowBands;
  readonly b: RowBands;
  readonly obs: ReturnType<typeof observation>;
}

/** The bands of the frame's two states and the shapes phase's progress (undefined: nothing to draw). */
export function frameBands(frame: Frame): FrameBands | undefined {
  const next = frame.next;
  if (next === undefined) return undefined;
  const t = phase(frame.t, PHASES.shapes);
  // Once the shapes have morphed, only the new state is drawn: the one before is not looked
  // at, so a seek (which lands settled) computes the bands of one state, not two.
  const prev = t >= 1 ? next : (frame.prev ?? next);
  return {
    prev,
    next,
    t,
    a: rowBands(prev),
    b: rowBands(next),
    obs: observation(next),
  };
}

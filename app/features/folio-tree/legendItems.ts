/**
 * The legend of one picture: only what the state on screen contains (the stripes when a page
 * is shared, the red outline when something holds a folio, the dashed outline when something
 * is split, the folio sizes and page states present). A small frame or a slide has no room
 * for the eleven page states a state never shows at once; the main screen keeps its full
 * Legend. Shared by the embed (HTML) and the image export (SVG).
 */
import { allRefs, LEVELS, PAGE_MACHINE, sizeName } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { observation, pageRuns } from '../../store/selectors.ts';
import {
  BLOCK_STATE_COLOR,
  DATA_LEGEND,
  FOLIO_SIZE_COLOR,
  INK,
  PAGE_STATE_COLOR,
  REF_KIND_COLOR,
} from '../theme.ts';

export interface LegendItem {
  readonly key: string;
  readonly label: string;
  /** The swatch's fill: a colour or a theme custom property (`var(--…)`). */
  readonly fill: string;
  readonly striped?: boolean;
  readonly dashed?: boolean;
  /** An outline colour other than the frame's (the red of a held folio). */
  readonly outline?: string;
}

/** The legend entries for `state`, in the main legend's order (`data`: the page data row is drawn). */
export function legendItems(state: GmemState, hugetlb: boolean, data = false): LegendItem[] {
  const obs = observation(state);
  const states = new Set(pageRuns(state).map((r) => r.value));
  const sizes = new Set(obs.folios.map((f) => f.size));
  const items: LegendItem[] = [];
  if ([...states].some((s) => s.startsWith('shared')))
    items.push({
      key: 'stripes',
      label: 'stripes = shared (plain = private)',
      fill: INK.boundary,
      striped: true,
    });
  if (allRefs(state.refs).length > 0 || state.orphans.length > 0)
    items.push({
      key: 'held',
      label: 'red outline = pinned or referenced',
      fill: INK.boundary,
      outline: REF_KIND_COLOR.pin,
    });
  // Folios smaller than the file's page size exist only where a block or range was split.
  if ([...sizes].some((s) => s < state.config.pageSize) || (!hugetlb && sizes.size > 1))
    items.push({
      key: 'split',
      label: `dashed = ${hugetlb ? 'block' : 'range'} split into the row below`,
      fill: BLOCK_STATE_COLOR.split,
      dashed: true,
    });
  for (const l of LEVELS)
    if (sizes.has(l))
      items.push({ key: `size-${l}`, label: `${sizeName(l)} folio`, fill: FOLIO_SIZE_COLOR[l] ?? INK.blank });
  for (const s of PAGE_MACHINE.states)
    if (states.has(s.id)) items.push({ key: `state-${s.id}`, label: s.label, fill: PAGE_STATE_COLOR[s.id] });
  const held = new Set(data ? obs.contents.map((c) => c.content) : []);
  for (const d of DATA_LEGEND)
    if (held.has(d.content)) items.push({ key: `data-${d.content}`, label: d.label, fill: d.fill });
  return items;
}

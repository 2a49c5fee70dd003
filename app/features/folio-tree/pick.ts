/** What is under a point of the file view: a folio, a page, a mapping or a reference, and its range. */
import { PAGE, alignDown, hex, sizeName } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { observation } from '../../store/selectors.ts';
import type { Selection } from '../../store/store.ts';
import type { TargetKind } from '../context-menu/ContextMenu.tsx';
import { refLanes } from '../mappings/refLanes.ts';
import { pageAtPx, type XScale } from './geometry.ts';
import type { Row } from './rows.ts';
import { nodeAt, type FolioTree } from './treeLayout.ts';

export interface Picked {
  readonly kind: TargetKind;
  readonly selection: Selection;
  readonly what: string;
}

const sel = (start: number, end: number): Selection => ({ start, end, anchor: start });

/** The row at y, if any. */
export const rowAt = (rows: readonly Row[], y: number): Row | undefined =>
  rows.find((r) => y >= r.y && y < r.y + r.h + 3);

export function pickAt(
  s: GmemState,
  tree: FolioTree,
  rows: readonly Row[],
  x: XScale,
  px: number,
  py: number,
): Picked {
  const size = s.config.size;
  const page = pageAtPx(x, px, size);
  const row = rowAt(rows, py);
  const id = row?.id ?? 'pages';
  const pageOnly: Picked = {
    kind: 'page',
    selection: sel(page, page + PAGE),
    what: `4K page at ${hex(page)}`,
  };
  if (id.startsWith('tree')) {
    const depth = Number(id.slice(4));
    const n = nodeAt(tree.rows[depth - 1] ?? [], page)?.data;
    if (n === undefined) return pageOnly;
    const start = alignDown(page - n.start, n.level) + n.start;
    const what = n.kind === 'split' ? `split ${sizeName(n.level)} range` : `${sizeName(n.level)} folio`;
    return { kind: 'folio', selection: sel(start, start + n.level), what: `${what} at ${hex(start)}` };
  }
  const obs = observation(s);
  if (id === 'stage2') {
    const m = obs.guestMappings.find((g) => g.offset <= page && page < g.offset + g.length);
    if (m === undefined) return pageOnly;
    const start = alignDown(page - m.offset, m.level) + m.offset;
    return {
      kind: 'mapping',
      selection: sel(start, start + m.level),
      what: `${m.kind} stage-2 ${sizeName(m.level)} leaf at ${hex(start)}`,
    };
  }
  if (id === 'ptes' || id === 'vma') {
    const list = id === 'ptes' ? obs.hostMappings : obs.vmas;
    const m = list.find((g) => g.offset <= page && page < g.offset + g.length);
    if (m === undefined) return pageOnly;
    return id === 'ptes'
      ? { kind: 'mapping', selection: sel(page, page + PAGE), what: `host PTE at ${hex(page)}` }
      : {
          kind: 'mapping',
          selection: sel(m.offset, m.offset + m.length),
          what: `VMM mmap at ${hex(m.offset)}`,
        };
  }
  if (id === 'refs' && row !== undefined) {
    const lane = Math.floor((py - row.y) / 17);
    const r = refLanes(s).placed.find(
      (p) => p.lane === lane && p.item.start <= page && page < p.item.end,
    )?.item;
    if (r !== undefined)
      return {
        kind: 'reference',
        selection: sel(r.start, r.end),
        what: `${r.holder} ${r.kind} at ${hex(r.start)}`,
      };
  }
  return pageOnly;
}

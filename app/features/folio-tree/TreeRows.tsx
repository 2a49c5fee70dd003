/**
 * The file as blocks -> folios -> 4K pages. Each run of identical folios or pages is one
 * shape; boundaries inside a run are one path drawn only when zoomed in far enough to see.
 */
import { PAGE, hex, sizeName } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { blockRuns, observation, pageRuns, selectCurrent } from '../../store/selectors.ts';
import { BLOCK_STATE_COLOR, FOLIO_SIZE_COLOR, PAGE_STATE_COLOR, SHARED_PATTERN_ID } from '../theme.ts';
import { boundaryPath, span, visibleUnits, type XScale } from './geometry.ts';
import { rowOf, type Row } from './rows.ts';

interface Props {
  x: XScale;
  width: number;
  rows: readonly Row[];
}

export function TreeRows({ x, width, rows }: Props) {
  const state = useSim(selectCurrent);
  if (state === undefined) return null;
  const obs = observation(state);
  const blocks = rowOf(rows, 'blocks');
  const folios = rowOf(rows, 'folios') as Row;
  const pages = rowOf(rows, 'pages') as Row;
  const P = state.config.pageSize;
  return (
    <g className="tree">
      {blocks !== undefined &&
        blockRuns(state).map((r) => {
          const s = span(x, width, r.start, r.end);
          if (s === null) return null;
          const labels = x(r.start + P) - x(r.start) >= 70 ? visibleUnits(x, width, r.start, r.end, P, 24) : [];
          return (
            <g key={r.start}>
              <rect x={s.x0} y={blocks.y} width={s.x1 - s.x0} height={blocks.h} fill={BLOCK_STATE_COLOR[r.value]} stroke="#9ca3af" strokeWidth="0.5">
                <title>{`${sizeName(P)} blocks ${hex(r.start)}–${hex(r.end)}: ${r.value}`}</title>
              </rect>
              <path d={boundaryPath(x, width, r.start, r.end, P, blocks.y, blocks.y + blocks.h)} stroke="#6b7280" />
              {labels.map((o) => (
                <text key={o} x={Math.max(x(o), 0) + 4} y={blocks.y + 14} fontSize="11" fill="#111827">{`${sizeName(P)} block: ${r.value}`}</text>
              ))}
            </g>
          );
        })}
      {obs.folios.map((f) => {
        const end = f.offset + f.count * f.size;
        const s = span(x, width, f.offset, end);
        if (s === null) return null;
        const px = x(f.offset + f.size) - x(f.offset);
        const labels = px >= 40 ? visibleUnits(x, width, f.offset, end, f.size, 32) : [];
        const held = f.pincount + f.transient + f.arch > 0;
        return (
          <g key={f.offset}>
            <rect x={s.x0} y={folios.y} width={Math.max(1, s.x1 - s.x0)} height={folios.h} fill={FOLIO_SIZE_COLOR[f.size] ?? '#ddd'} stroke={held ? '#c8382e' : '#6b7280'} strokeWidth={held ? 2 : 0.5}>
              <title>{`${f.count} × ${sizeName(f.size)} folio at ${hex(f.offset)}: mapcount ${f.mapcount}, pincount ${f.pincount}, transient ${f.transient}, refcount ${f.refcount}`}</title>
            </rect>
            <path d={boundaryPath(x, width, f.offset, end, f.size, folios.y, folios.y + folios.h, 4)} stroke="#6b7280" strokeWidth="0.75" />
            {labels.map((o) => (
              <text key={o} x={Math.max(x(o), 0) + 3} y={folios.y + 14} fontSize="11" fill="#111827">
                {sizeName(f.size)}
                {px >= 120 && <tspan x={Math.max(x(o), 0) + 3} dy="14">{`map ${f.mapcount} pin ${f.pincount} tr ${f.transient}`}</tspan>}
                {px >= 120 && <tspan x={Math.max(x(o), 0) + 3} dy="13">{`ref ${f.refcount}`}</tspan>}
              </text>
            ))}
          </g>
        );
      })}
      {pageRuns(state).map((r) => {
        const s = span(x, width, r.start, r.end);
        return s === null ? null : (
          <rect key={r.start} x={s.x0} y={pages.y} width={Math.max(1, s.x1 - s.x0)} height={pages.h} fill={PAGE_STATE_COLOR[r.value]}>
            <title>{`${hex(r.start)}–${hex(r.end)}: ${r.value}`}</title>
          </rect>
        );
      })}
      {obs.shareability
        .filter((r) => r.state === 'shared')
        .map((r) => {
          const s = span(x, width, r.offset, r.offset + r.length);
          return s === null ? null : <rect key={`sh${r.offset}`} x={s.x0} y={pages.y} width={Math.max(1, s.x1 - s.x0)} height={pages.h} fill={`url(#${SHARED_PATTERN_ID})`} pointerEvents="none" />;
        })}
      <path d={boundaryPath(x, width, 0, state.config.size, PAGE, pages.y, pages.y + pages.h, 6)} stroke="#ffffff" strokeOpacity="0.8" />
    </g>
  );
}

/**
 * The file as blocks -> folios -> 4K pages. Each run of identical folios or pages is one
 * shape; boundaries inside a run are one path drawn only when zoomed in far enough to see.
 * During a step the rows morph from the state before it to the state after it.
 */
import { PAGE, sizeName } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import type { Frame } from '../../animation/frame.ts';
import { blockRuns, observation } from '../../store/selectors.ts';
import { holdersIn, holdingText } from '../mappings/refLanes.ts';
import { BandRow } from './BandRow.tsx';
import { frameBands } from './bands.ts';
import { boundaryPath, span, visibleUnits, type XScale } from './geometry.ts';
import { rowOf, type Row } from './rows.ts';

interface Props {
  x: XScale;
  width: number;
  rows: readonly Row[];
  frame: Frame;
}

const HELD = '#c8382e';

function folioBoundaries(s: GmemState, x: XScale, width: number, row: Row): string {
  return observation(s)
    .folios.map((f) =>
      boundaryPath(x, width, f.offset, f.offset + f.count * f.size, f.size, row.y, row.y + row.h, 4),
    )
    .join('');
}

export function TreeRows({ x, width, rows, frame }: Props) {
  const fb = frameBands(frame);
  if (fb === undefined) return null;
  const { prev, next, t, a, b, obs } = fb;
  const blocks = rowOf(rows, 'blocks');
  const folios = rowOf(rows, 'folios') as Row;
  const pages = rowOf(rows, 'pages') as Row;
  const P = next.config.pageSize;
  const oldEdges = t < 1 && a.folios !== b.folios ? folioBoundaries(prev, x, width, folios) : '';
  return (
    <g className="tree">
      {blocks !== undefined && (
        <g>
          <BandRow x={x} width={width} from={a.blocks} to={b.blocks} t={t} y={blocks.y} h={blocks.h} />
          {blockRuns(next).map((r) => {
            const labels =
              x(r.start + P) - x(r.start) >= 70 ? visibleUnits(x, width, r.start, r.end, P, 24) : [];
            return (
              <g key={r.start} pointerEvents="none">
                <path
                  d={boundaryPath(x, width, r.start, r.end, P, blocks.y, blocks.y + blocks.h)}
                  stroke="#6b7280"
                />
                {labels.map((o) => (
                  <text
                    key={o}
                    x={Math.max(x(o), 0) + 4}
                    y={blocks.y + 14}
                    fontSize="11"
                    fill="#111827"
                  >{`${sizeName(P)} block: ${r.value}`}</text>
                ))}
              </g>
            );
          })}
        </g>
      )}
      <BandRow x={x} width={width} from={a.folios} to={b.folios} t={t} y={folios.y} h={folios.h} />
      {oldEdges !== '' && (
        <path d={oldEdges} stroke="#6b7280" strokeWidth="0.75" strokeOpacity={1 - t} pointerEvents="none" />
      )}
      {obs.folios.map((f) => {
        const end = f.offset + f.count * f.size;
        const s = span(x, width, f.offset, end);
        if (s === null) return null;
        const px = x(f.offset + f.size) - x(f.offset);
        const labels = px >= 40 ? visibleUnits(x, width, f.offset, end, f.size, 32) : [];
        const held = f.pincount + f.transient + f.arch > 0;
        const holders = held ? holdingText(holdersIn(next.refs, f.offset, end)) : '';
        return (
          <g key={f.offset}>
            <path
              d={boundaryPath(x, width, f.offset, end, f.size, folios.y, folios.y + folios.h, 4)}
              stroke="#6b7280"
              strokeWidth="0.75"
              strokeOpacity={oldEdges === '' ? 1 : t}
              pointerEvents="none"
            />
            {held && (
              <rect
                x={s.x0 + 1}
                y={folios.y + 1}
                width={Math.max(1, s.x1 - s.x0 - 2)}
                height={folios.h - 2}
                fill="none"
                stroke={HELD}
                strokeWidth="2"
                strokeOpacity={t}
              >
                <title>{`Held: ${holders}`}</title>
              </rect>
            )}
            {labels.map((o) => {
              const lx = Math.max(x(o), 0) + 3;
              const here = held && px >= 120 ? holdingText(holdersIn(next.refs, o, o + f.size)) : '';
              return (
                <text key={o} x={lx} y={folios.y + 14} fontSize="11" fill="#111827" pointerEvents="none">
                  {sizeName(f.size)}
                  {px >= 120 && (
                    <tspan x={lx} dy="14">{`map ${f.mapcount} pin ${f.pincount} tr ${f.transient}`}</tspan>
                  )}
                  {px >= 120 && <tspan x={lx} dy="13">{`ref ${f.refcount}`}</tspan>}
                  {here !== '' && (
                    <tspan x={lx} dy="13" fill={HELD} fontWeight={600}>{`held: ${here}`}</tspan>
                  )}
                </text>
              );
            })}
          </g>
        );
      })}
      <BandRow x={x} width={width} from={a.pages} to={b.pages} t={t} y={pages.y} h={pages.h} />
      <BandRow x={x} width={width} from={a.shared} to={b.shared} t={t} y={pages.y} h={pages.h} decorative />
      <path
        d={boundaryPath(x, width, 0, next.config.size, PAGE, pages.y, pages.y + pages.h, 6)}
        stroke="#ffffff"
        strokeOpacity="0.8"
        pointerEvents="none"
      />
    </g>
  );
}

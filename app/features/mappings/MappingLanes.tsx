/**
 * Lanes under the folio tree, on the same scale: the VMM's mmap and its PTEs, stage-2 leaves
 * (kind and level) and the references with their holders.
 */
import { hex, sizeName } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { observation, selectCurrent } from '../../store/selectors.ts';
import { boundaryPath, span, type XScale } from '../folio-tree/geometry.ts';
import { rowOf, type Row } from '../folio-tree/rows.ts';
import { ATTR_COLOR, PTE_COLOR, REF_KIND_COLOR, SHARED_PATTERN_ID, VMA_COLOR } from '../theme.ts';
import { refLanes } from './refLanes.ts';

interface Props {
  x: XScale;
  width: number;
  rows: readonly Row[];
}

export function MappingLanes({ x, width, rows }: Props) {
  const state = useSim(selectCurrent);
  if (state === undefined) return null;
  const obs = observation(state);
  const vma = rowOf(rows, 'vma') as Row;
  const ptes = rowOf(rows, 'ptes') as Row;
  const s2 = rowOf(rows, 'stage2') as Row;
  const refs = rowOf(rows, 'refs') as Row;
  const bar = (key: string, a: number, b: number, row: Row, fill: string, title: string, y = row.y, h = row.h) => {
    const s = span(x, width, a, b);
    return s === null ? null : (
      <rect key={key} x={s.x0} y={y} width={Math.max(1.5, s.x1 - s.x0)} height={h} fill={fill}>
        <title>{title}</title>
      </rect>
    );
  };
  return (
    <g className="lanes">
      {obs.vmas.map((m) => bar(`v${m.offset}`, m.offset, m.offset + m.length, vma, VMA_COLOR, `VMM mmap of ${hex(m.offset)}+${sizeName(m.length)}`))}
      {obs.hostMappings.map((m) => (
        <g key={`p${m.offset}`}>
          {bar('r', m.offset, m.offset + m.length, ptes, PTE_COLOR, `${sizeName(m.level)} PTEs at ${hex(m.offset)}+${sizeName(m.length)}`)}
          <path d={boundaryPath(x, width, m.offset, m.offset + m.length, m.level, ptes.y, ptes.y + ptes.h, 6)} stroke="#ffffff" />
        </g>
      ))}
      {obs.guestMappings.map((m) => {
        const end = m.offset + m.length;
        const s = span(x, width, m.offset, end);
        const label = s !== null && x(m.offset + m.level) - x(m.offset) >= 70 ? `${sizeName(m.level)} ${m.kind}` : '';
        return (
          <g key={`s${m.offset}`}>
            {bar('r', m.offset, end, s2, ATTR_COLOR[m.kind], `${m.kind} stage-2 leaves of ${sizeName(m.level)} at ${hex(m.offset)}+${sizeName(m.length)}`)}
            {m.kind === 'shared' && bar('pat', m.offset, end, s2, `url(#${SHARED_PATTERN_ID})`, `${m.kind} stage-2`)}
            <path d={boundaryPath(x, width, m.offset, end, m.level, s2.y, s2.y + s2.h, 5)} stroke="#ffffff" />
            {s !== null && label !== '' && (
              <text x={s.x0 + 4} y={s2.y + 15} fontSize="11" fill="#ffffff" pointerEvents="none">
                {label}
              </text>
            )}
          </g>
        );
      })}
      {refLanes(state).placed.map(({ ref, lane }) => {
        const y = refs.y + lane * 16;
        const s = span(x, width, ref.start, ref.end);
        return (
          <g key={`ref${ref.id}`}>
            {bar('r', ref.start, ref.end, refs, REF_KIND_COLOR[ref.kind], `${ref.kind}${ref.longterm ? ' (long-term)' : ''} by ${ref.holder} on ${hex(ref.start)}+${sizeName(ref.end - ref.start)}`, y + 1, 13)}
            {s !== null && (
              <text x={s.x1 + 3} y={y + 11} fontSize="11" fill="#111827" pointerEvents="none">{`${ref.holder} ${ref.kind}`}</text>
            )}
          </g>
        );
      })}
    </g>
  );
}

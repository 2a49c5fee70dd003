/**
 * Lanes under the folio tree, on the same scale: the VMM's mmap and its PTEs, stage-2 leaves
 * (kind and level), the references with their holders, and the orphans: memory truncated
 * while referenced, drawn at the offsets it had in the file. During a step the mapping rows
 * morph; references and orphans that appear fade in, those that go fade out.
 */
import { allRefs, hex, sizeName } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import type { Frame } from '../../animation/frame.ts';
import { BandRow } from '../folio-tree/BandRow.tsx';
import { frameBands } from '../folio-tree/bands.ts';
import { boundaryPath, span, type XScale } from '../folio-tree/geometry.ts';
import { rowOf, type Row } from '../folio-tree/rows.ts';
import { FOLIO_SIZE_COLOR, INK, REF_KIND_COLOR } from '../theme.ts';
import { orphanLanes, orphanPieces, refLanes } from './refLanes.ts';

interface Props {
  x: XScale;
  width: number;
  rows: readonly Row[];
  frame: Frame;
}

interface LaneProps {
  s: GmemState;
  x: XScale;
  width: number;
  row: Row;
  /** Opacity by id; 0 skips the item (the other state draws it). */
  opacity: (id: number) => number;
}

/** References of `s`, each at its lane. */
function Refs({ s, x, width, row, opacity }: LaneProps) {
  return (
    <>
      {refLanes(s).placed.map(({ item: ref, lane }) => {
        if (opacity(ref.id) <= 0) return null;
        const y = row.y + lane * 16;
        const sp = span(x, width, ref.start, ref.end);
        if (sp === null) return null;
        return (
          <g key={`ref${ref.id}`} opacity={opacity(ref.id)}>
            <rect
              x={sp.x0}
              y={y + 1}
              width={Math.max(1.5, sp.x1 - sp.x0)}
              height={13}
              fill={REF_KIND_COLOR[ref.kind]}
            >
              <title>{`${ref.kind}${ref.longterm ? ' (long-term)' : ''} by ${ref.holder} on ${hex(ref.start)}+${sizeName(ref.end - ref.start)}`}</title>
            </rect>
            <text
              className="svg-ink"
              x={sp.x1 + 3}
              y={y + 11}
              fontSize="12"
              fill={INK.text}
              pointerEvents="none"
            >{`${ref.holder} ${ref.kind}`}</text>
          </g>
        );
      })}
    </>
  );
}

function Orphans({ s, x, width, row, opacity }: LaneProps) {
  return (
    <>
      {orphanLanes(s).placed.map(({ item: o, lane }) => {
        if (opacity(o.id) <= 0) return null;
        const whole = span(x, width, o.start, o.end);
        if (whole === null) return null;
        const y = row.y + lane * 18;
        return (
          <g key={`orphan${o.id}`} opacity={opacity(o.id)}>
            {/* The range the memory was truncated from (a whole HugeTLB block keeps its pool page). */}
            <rect
              x={whole.x0}
              y={y + 1}
              width={Math.max(2, whole.x1 - whole.x0)}
              height={15}
              fill="none"
              stroke={INK.orphan}
              strokeOpacity="0.5"
              strokeDasharray="2 3"
            >
              <title>{`Orphan ${o.id}: truncated from ${hex(o.start)}–${hex(o.end)}${o.hugetlbBlock ? '; keeps one HugeTLB pool page until every piece is freed' : ''}`}</title>
            </rect>
            {orphanPieces(s, o).map((p) => {
              const sp = span(x, width, p.start, p.end);
              if (sp === null) return null;
              return (
                <g key={p.start}>
                  <rect
                    x={sp.x0}
                    y={y + 1}
                    width={Math.max(2, sp.x1 - sp.x0)}
                    height={15}
                    fill={FOLIO_SIZE_COLOR[p.size] ?? INK.blank}
                    stroke={INK.orphan}
                    strokeDasharray="3 2"
                  >
                    <title>{`Orphaned ${p.count} × ${sizeName(p.size)} folio at ${hex(p.start)} (out of the file), held by ${p.holders || 'nobody'}`}</title>
                  </rect>
                  <text
                    className="svg-ink"
                    x={Math.max(sp.x1, 0) + 3}
                    y={y + 12}
                    fontSize="12"
                    fill={INK.text}
                    pointerEvents="none"
                  >{`orphan ${p.count > 1 ? `${p.count} × ` : ''}${sizeName(p.size)}${p.holders === '' ? '' : `: ${p.holders}`}`}</text>
                </g>
              );
            })}
          </g>
        );
      })}
    </>
  );
}

export function MappingLanes({ x, width, rows, frame }: Props) {
  const fb = frameBands(frame);
  if (fb === undefined) return null;
  const { prev, next, t, a, b, obs } = fb;
  const vma = rowOf(rows, 'vma') as Row;
  const ptes = rowOf(rows, 'ptes') as Row;
  const s2 = rowOf(rows, 'stage2') as Row;
  const refs = rowOf(rows, 'refs') as Row;
  const orphans = rowOf(rows, 'orphans') as Row;
  const nextRefs = new Set(allRefs(next.refs).map((r) => r.id));
  const oldRefs = new Set(allRefs(prev.refs).map((r) => r.id));
  const nextOrphans = new Set(next.orphans.map((o) => o.id));
  const oldOrphans = new Set(prev.orphans.map((o) => o.id));
  return (
    <g className="lanes">
      <BandRow x={x} width={width} from={a.vma} to={b.vma} t={t} y={vma.y} h={vma.h} minWidth={1.5} />
      <BandRow x={x} width={width} from={a.ptes} to={b.ptes} t={t} y={ptes.y} h={ptes.h} minWidth={1.5} />
      {obs.hostMappings.map((m) => (
        <path
          key={`p${m.offset}`}
          d={boundaryPath(x, width, m.offset, m.offset + m.length, m.level, ptes.y, ptes.y + ptes.h, 6)}
          stroke={INK.boundary}
          pointerEvents="none"
        />
      ))}
      <BandRow x={x} width={width} from={a.stage2} to={b.stage2} t={t} y={s2.y} h={s2.h} minWidth={1.5} />
      <BandRow
        x={x}
        width={width}
        from={a.stage2Shared}
        to={b.stage2Shared}
        t={t}
        y={s2.y}
        h={s2.h}
        minWidth={1.5}
        decorative
      />
      {obs.guestMappings.map((m) => {
        const end = m.offset + m.length;
        const s = span(x, width, m.offset, end);
        const label =
          s !== null && x(m.offset + m.level) - x(m.offset) >= 70 ? `${sizeName(m.level)} ${m.kind}` : '';
        return (
          <g key={`s${m.offset}`} pointerEvents="none">
            <path
              d={boundaryPath(x, width, m.offset, end, m.level, s2.y, s2.y + s2.h, 5)}
              stroke={INK.boundary}
            />
            {s !== null && label !== '' && (
              <text x={s.x0 + 4} y={s2.y + 15} fontSize="12" fill={INK.onDarkFill}>
                {label}
              </text>
            )}
          </g>
        );
      })}
      {/* References and orphans that go fade out; new ones fade in over those that stay. */}
      <Refs s={prev} x={x} width={width} row={refs} opacity={(id) => (nextRefs.has(id) ? 0 : 1 - t)} />
      <Refs s={next} x={x} width={width} row={refs} opacity={(id) => (oldRefs.has(id) ? 1 : t)} />
      <Orphans
        s={prev}
        x={x}
        width={width}
        row={orphans}
        opacity={(id) => (nextOrphans.has(id) ? 0 : 1 - t)}
      />
      <Orphans s={next} x={x} width={width} row={orphans} opacity={(id) => (oldOrphans.has(id) ? 1 : t)} />
    </g>
  );
}

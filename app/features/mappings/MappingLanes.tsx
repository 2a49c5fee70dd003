/**
 * Lanes under the folio tree, on the same scale: the VMM's mmap and its PTEs, stage-2 leaves
 * (kind and level), the references with their holders, and the orphans: memory truncated
 * while referenced, drawn at the offsets it had in the file. During a step the mapping rows
 * morph; references and orphans that appear fade in, those that go fade out.
 */
import { memo, useMemo } from 'react';
import { hex, sizeName } from '../../../core/index.ts';
import type { GmemState, RefRecord } from '../../../core/index.ts';
import type { Frame } from '../../animation/frame.ts';
import { BandRow } from '../folio-tree/BandRow.tsx';
import { frameBands } from '../folio-tree/bands.ts';
import { boundaryPath, span, type XScale } from '../folio-tree/geometry.ts';
import { CHAR_PX } from '../folio-tree/nodeText.ts';
import { labelX } from './labelX.ts';
import { observation } from '../../store/selectors.ts';
import { rowOf, type Row } from '../folio-tree/rows.ts';
import { mergeSubpixel } from '../folio-tree/subpixel.ts';
import { FOLIO_SIZE_COLOR, INK, REF_KIND_COLOR } from '../theme.ts';
import { idsOf, orphanLanes, orphanPieces, refsByLane } from './refLanes.ts';

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

interface RefsProps extends LaneProps {
  /** Draw only the references whose ids are (inIds) or are not (!inIds) in `ids`; null: all. */
  ids: ReadonlySet<number> | null;
  inIds: boolean;
}

const refWord = (ref: RefRecord) => `${ref.holder} ${ref.kind}`;

/** No ids: what a settled picture's sides compare by (nothing). */
const NO_IDS: ReturnType<typeof idsOf> = { refs: new Set(), orphans: new Set() };

/**
 * References of `s`, each at its lane; references too thin to tell apart are one shape (see
 * subpixel.ts), and a label is written only where it fits before the next shape of its lane.
 */
function Refs({ s, x, width, row, opacity, ids, inIds }: RefsProps) {
  // Which references this side draws, and so their shapes on screen, stay the same for the
  // whole step (only opacities move): placed once per step and view, not at every frame (a
  // VMM may hold thousands of pins).
  const lanes = useMemo(() => {
    const shown = (r: RefRecord) =>
      ids !== null && ids.has(r.id) !== inIds ? null : span(x, width, r.start, r.end);
    return [...refsByLane(s)].map(([lane, refs]) => [lane, mergeSubpixel(refs, shown, 1.5)] as const);
  }, [s, x, width, ids, inIds]);
  return (
    <>
      {lanes.flatMap(([lane, groups]) => {
        const y = row.y + lane * 16;
        return groups.map((g, i) => {
          const ref = g.main;
          const one = g.items.length === 1;
          const word = one ? refWord(ref) : `${g.items.length} refs`;
          const room = (groups[i + 1]?.x0 ?? width) - g.x1 - 6;
          return (
            <g key={`ref${ref.id}`} opacity={opacity(ref.id)}>
              <rect
                x={g.x0}
                y={y + 1}
                width={Math.max(1.5, g.x1 - g.x0)}
                height={13}
                fill={REF_KIND_COLOR[ref.kind]}
              >
                <title>
                  {one
                    ? `${ref.kind}${ref.longterm ? ' (long-term)' : ''} by ${ref.holder} on ${hex(ref.start)}+${sizeName(ref.end - ref.start)}`
                    : `${g.items.length} references too close to tell apart at this zoom (${g.items.slice(0, 4).map(refWord).join(', ')}${g.items.length > 4 ? ', …' : ''}): zoom in`}
                </title>
              </rect>
              {word.length * CHAR_PX <= room && (
                <text
                  className="svg-ink"
                  x={g.x1 + 3}
                  y={y + 11}
                  fontSize="12"
                  fill={INK.text}
                  pointerEvents="none"
                >
                  {word}
                </text>
              )}
            </g>
          );
        });
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
              const label = `orphan ${p.count > 1 ? `${p.count} × ` : ''}${sizeName(p.size)}${p.holders === '' ? '' : `: ${p.holders}`}`;
              const at = labelX(sp, label.length * CHAR_PX, width);
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
                    className={at.inside ? 'svg-on-fill' : 'svg-ink'}
                    x={at.x}
                    y={y + 12}
                    fontSize="12"
                    fill={at.inside ? undefined : INK.text}
                    pointerEvents="none"
                  >
                    {label}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </>
  );
}

/** A VMA's label: what the VMM mapped (kvm_gmem_mmap takes MAP_SHARED only). */
const vmaLabel = (offset: number, length: number): string =>
  `mmap ${hex(offset)}+${sizeName(length)}, MAP_SHARED`;

/**
 * The VMAs' labels, inside their bars where one fits (on a projector there is no tooltip to
 * hover): the grey bar alone did not say what it was.
 */
function VmaLabels({ s, x, width, row }: Omit<LaneProps, 'opacity'>) {
  return (
    <>
      {observation(s).vmas.map(({ offset, length }) => {
        const sp = span(x, width, offset, offset + length);
        if (sp === null) return null;
        const x0 = Math.max(sp.x0, 0);
        const label = vmaLabel(offset, length);
        if (Math.min(sp.x1, width) - x0 < label.length * CHAR_PX + 8) return null;
        return (
          <text
            key={offset}
            className="svg-on-fill"
            x={x0 + 4}
            y={row.y + row.h - 3}
            fontSize="12"
            pointerEvents="none"
          >
            {label}
          </text>
        );
      })}
    </>
  );
}

function MappingLanesView({ x, width, rows, frame }: Props) {
  const fb = frameBands(frame);
  if (fb === undefined) return null;
  const { prev, next, t, a, b, obs } = fb;
  const vma = rowOf(rows, 'vma') as Row;
  const ptes = rowOf(rows, 'ptes') as Row;
  const s2 = rowOf(rows, 'stage2') as Row;
  const refs = rowOf(rows, 'refs') as Row;
  const orphans = rowOf(rows, 'orphans') as Row;
  // A settled picture (a seek lands settled) draws one state: nothing fades, and the id sets
  // of 10,000 references are not built for it.
  const moving = prev !== next;
  const { refs: nextRefs, orphans: nextOrphans } = moving ? idsOf(next) : NO_IDS;
  const { refs: oldRefs, orphans: oldOrphans } = moving ? idsOf(prev) : NO_IDS;
  return (
    <g className="lanes">
      <BandRow x={x} width={width} from={a.vma} to={b.vma} t={t} y={vma.y} h={vma.h} minWidth={1.5} />
      <VmaLabels s={t < 0.5 ? prev : next} x={x} width={width} row={vma} />
      <BandRow x={x} width={width} from={a.ptes} to={b.ptes} t={t} y={ptes.y} h={ptes.h} minWidth={1.5} />
      {/* One path for every PTE boundary (off-screen mappings add nothing): the node count stays
          bounded by the view, not by the number of mappings. */}
      <path
        d={obs.hostMappings
          .map((m) =>
            boundaryPath(x, width, m.offset, m.offset + m.length, m.level, ptes.y, ptes.y + ptes.h, 6),
          )
          .join('')}
        stroke={INK.boundary}
        pointerEvents="none"
      />
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
      <path
        d={obs.guestMappings
          .map((m) => boundaryPath(x, width, m.offset, m.offset + m.length, m.level, s2.y, s2.y + s2.h, 5))
          .join('')}
        stroke={INK.boundary}
        pointerEvents="none"
      />
      {obs.guestMappings.map((m) => {
        const s = span(x, width, m.offset, m.offset + m.length);
        // Labelled only where a leaf is wide enough to read: no node for the others.
        if (s === null || x(m.offset + m.level) - x(m.offset) < 70) return null;
        return (
          <text
            key={`s${m.offset}`}
            x={s.x0 + 4}
            y={s2.y + 15}
            fontSize="12"
            fill={INK.onDarkFill}
            pointerEvents="none"
          >
            {`${sizeName(m.level)} ${m.kind}`}
          </text>
        );
      })}
      {/* References and orphans that go fade out; new ones fade in over those that stay. */}
      {/* The references that go (not in the next state), and the next state's: at t = 0 only
          those it kept (the new ones are not drawn yet). */}
      {moving && (
        <Refs
          s={prev}
          x={x}
          width={width}
          row={refs}
          ids={nextRefs}
          inIds={false}
          opacity={(id) => (nextRefs.has(id) ? 0 : 1 - t)}
        />
      )}
      <Refs
        s={next}
        x={x}
        width={width}
        row={refs}
        ids={moving && t <= 0 ? oldRefs : null}
        inIds
        opacity={(id) => (!moving || oldRefs.has(id) ? 1 : t)}
      />
      {moving && (
        <Orphans
          s={prev}
          x={x}
          width={width}
          row={orphans}
          opacity={(id) => (nextOrphans.has(id) ? 0 : 1 - t)}
        />
      )}
      <Orphans
        s={next}
        x={x}
        width={width}
        row={orphans}
        opacity={(id) => (!moving || oldOrphans.has(id) ? 1 : t)}
      />
    </g>
  );
}

/** Memoised: a render of the file view that changes none of its props (a store write it already drew) skips it. */
export const MappingLanes = memo(MappingLanesView);

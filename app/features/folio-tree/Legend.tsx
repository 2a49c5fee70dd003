import { memo } from 'react';
import { PAGE_MACHINE, sizeName, LEVELS } from '../../../core/index.ts';
import { Term } from '../glossary/Term.tsx';
import {
  BLOCK_STATE_COLOR,
  CONTENT_NAME,
  DATA_LEGEND,
  FOLIO_SIZE_COLOR,
  INK,
  PAGE_STATE_COLOR,
  SHARED_PATTERN_ID,
} from '../theme.ts';

function Swatch({
  fill,
  striped = false,
  dashed = false,
}: {
  fill: string;
  striped?: boolean;
  dashed?: boolean;
}) {
  return (
    <svg className="swatch" width="14" height="14" aria-hidden="true">
      <rect
        width="14"
        height="14"
        fill={fill}
        stroke={INK.frame}
        strokeWidth={dashed ? 1.5 : 0.5}
        strokeDasharray={dashed ? '3 2' : undefined}
      />
      {striped && <rect width="14" height="14" fill={`url(#${SHARED_PATTERN_ID})`} />}
    </svg>
  );
}

/** What the colours, stripes and outlines mean, in words. */
export const Legend = memo(function Legend({ hugetlb, data }: { hugetlb: boolean; data: boolean }) {
  return (
    <div className="legend" aria-label="Legend" role="group">
      <p>
        <Swatch fill={INK.boundary} striped />
        <span>
          stripes ={' '}
          <Term id="shared">
            <strong>shared</strong>
          </Term>
          , plain ={' '}
          <Term id="private">
            <strong>private</strong>
          </Term>{' '}
          · red outline = held by a pin or reference ·
        </span>
        <Swatch fill={BLOCK_STATE_COLOR.split} dashed /> dashed = {hugetlb ? 'block or range' : 'range'} split
        into the row below
      </p>
      <ul>
        {LEVELS.map((l) => (
          <li key={l}>
            <Swatch fill={FOLIO_SIZE_COLOR[l] ?? BLOCK_STATE_COLOR.split} /> {sizeName(l)} folio
          </li>
        ))}
        {PAGE_MACHINE.states.map((s) => (
          <li key={s.id}>
            <Swatch fill={PAGE_STATE_COLOR[s.id]} /> {s.label}
          </li>
        ))}
        {/* One entry for the row, its values side by side: four "data: …" entries took a
            line of their own at 1440 px. */}
        {data && (
          <li className="legend-data">
            page data:
            {DATA_LEGEND.map((d) => (
              <span key={d.content}>
                <Swatch fill={d.fill} /> {CONTENT_NAME[d.content]}
              </span>
            ))}
          </li>
        )}
      </ul>
    </div>
  );
});

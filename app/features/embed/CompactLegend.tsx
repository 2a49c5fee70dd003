import { PAGE } from '../../../core/index.ts';
import { useFrame } from '../../animation/context.tsx';
import { useSim } from '../../store/context.tsx';
import { legendItems, type LegendItem } from '../folio-tree/legendItems.ts';
import { INK, SHARED_PATTERN_ID } from '../theme.ts';

function Swatch({ item }: { item: LegendItem }) {
  return (
    <svg className="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <rect
        width="12"
        height="12"
        fill={item.fill}
        stroke={item.outline ?? INK.frame}
        strokeWidth={item.outline !== undefined ? 2.5 : item.dashed === true ? 1.5 : 0.5}
        strokeDasharray={item.dashed === true ? '3 2' : undefined}
      />
      {item.striped === true && <rect width="12" height="12" fill={`url(#${SHARED_PATTERN_ID})`} />}
    </svg>
  );
}

/** The embed's legend: what the colours, stripes and outlines in this picture mean. */
export function CompactLegend() {
  const state = useFrame().next;
  const hugetlb = useSim((s) => s.doc.scenario.config.pageSize !== PAGE);
  if (state === undefined) return null;
  return (
    <ul className="embed-legend" aria-label="Legend">
      {legendItems(state, hugetlb).map((i) => (
        <li key={i.key}>
          <Swatch item={i} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

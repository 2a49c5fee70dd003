import { BLOCK_MACHINE, PAGE_MACHINE, sizeName, LEVELS } from '../../../core/index.ts';
import { Term } from '../glossary/Term.tsx';
import { BLOCK_STATE_COLOR, FOLIO_SIZE_COLOR, PAGE_STATE_COLOR, SHARED_PATTERN_ID } from '../theme.ts';

function Swatch({ fill, striped = false }: { fill: string; striped?: boolean }) {
  return (
    <svg className="swatch" width="14" height="14" aria-hidden="true">
      <rect width="14" height="14" fill={fill} stroke="#6b7280" strokeWidth="0.5" />
      {striped && <rect width="14" height="14" fill={`url(#${SHARED_PATTERN_ID})`} />}
    </svg>
  );
}

/** What the colours and stripes mean, in words. */
export function Legend({ hugetlb }: { hugetlb: boolean }) {
  return (
    <div className="legend" aria-label="Legend" role="group">
      <p>
        <Swatch fill="#ffffff" striped />
        <span>
          stripes ={' '}
          <Term id="shared">
            <strong>shared</strong>
          </Term>{' '}
          (the host may map it); plain ={' '}
          <Term id="private">
            <strong>private</strong>
          </Term>
          . Red outline = folio held by a pin or reference.
        </span>
      </p>
      <ul>
        {PAGE_MACHINE.states.map((s) => (
          <li key={s.id}>
            <Swatch fill={PAGE_STATE_COLOR[s.id]} /> {s.label}
          </li>
        ))}
      </ul>
      <ul>
        {LEVELS.map((l) => (
          <li key={l}>
            <Swatch fill={FOLIO_SIZE_COLOR[l] ?? '#ddd'} /> {sizeName(l)} folio
          </li>
        ))}
        {hugetlb &&
          BLOCK_MACHINE.states.map((s) => (
            <li key={s.id}>
              <Swatch fill={BLOCK_STATE_COLOR[s.id]} /> block {s.label}
            </li>
          ))}
      </ul>
    </div>
  );
}

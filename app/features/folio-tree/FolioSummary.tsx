import { memo } from 'react';
import { grouped, hex, sizeName } from '../../../core/index.ts';
import { orphanPieces } from '../mappings/refLanes.ts';
import { useSim } from '../../store/context.tsx';
import { blockRuns, observation, selectCurrent } from '../../store/selectors.ts';

/** The folio tree in words: how many folios of each size, and the state of the blocks. */
export const FolioSummary = memo(function FolioSummary() {
  const state = useSim(selectCurrent);
  if (state === undefined) return null;
  const bySize = new Map<number, number>();
  for (const f of observation(state).folios) bySize.set(f.size, (bySize.get(f.size) ?? 0) + f.count);
  const blocks = new Map<string, number>();
  const P = state.config.pageSize;
  for (const b of blockRuns(state)) blocks.set(b.value, (blocks.get(b.value) ?? 0) + (b.end - b.start) / P);
  const folios = [...bySize]
    .toSorted((a, b) => b[0] - a[0])
    .map(([size, n]) => `${grouped(n)} × ${sizeName(size)}`);
  return (
    <p className="summary" aria-live="polite">
      <span>Folios: {folios.length === 0 ? 'none (no memory allocated)' : folios.join(', ')}</span>
      {blocks.size > 0 && (
        <span>{` · ${sizeName(P)} blocks: ${[...blocks].map(([k, n]) => `${n} ${k}`).join(', ')}`}</span>
      )}
      {state.orphans.length > 0 && (
        <span>{` · Orphans: ${state.orphans.flatMap((o) => orphanPieces(state, o).map((p) => `${p.count > 1 ? `${p.count} × ` : ''}${sizeName(p.size)} at ${hex(p.start)} held by ${p.holders || 'nobody'}`)).join('; ')}`}</span>
      )}
    </p>
  );
});

import { useRef } from 'react';
import { BLOCK_MACHINE, PAGE, PAGE_MACHINE } from '../../../core/index.ts';
import type { Machine } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { blockRuns, edgesTaken, selectConfig, selectCurrent, selectLastOutcome, selectSelectedPageState, selectSelection } from '../../store/selectors.ts';
import { useWidth } from '../folio-tree/useWidth.ts';
import { BLOCK_STATE_COLOR, PAGE_STATE_COLOR } from '../theme.ts';
import { MachineDiagram } from './MachineDiagram.tsx';

const label = (m: Machine<string>, id: string | undefined) => m.states.find((s) => s.id === id)?.label ?? id ?? '—';

/** The page (and block) state machines, with the selected page's state and the last step's edges. */
export function StateDiagram() {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const pageState = useSim(selectSelectedPageState);
  const outcome = useSim(selectLastOutcome);
  const state = useSim(selectCurrent);
  const selection = useSim(selectSelection);
  const hugetlb = useSim(selectConfig).pageSize !== PAGE;
  const taken = edgesTaken(outcome);
  const at = selection?.start;
  const blockState = state === undefined || at === undefined ? undefined : blockRuns(state).find((r) => r.start <= at && at < r.end)?.value ?? 'absent';
  const moves = (outcome?.events ?? []).filter((e) => e.type === 'transition' && e.machine === 'page');
  const pageTitle = `Page state diagram. Selected page: ${label(PAGE_MACHINE, pageState)}.`;
  return (
    <section className="panel diagram-panel" aria-labelledby="diagram-title">
      <h2 id="diagram-title">State diagram</h2>
      <div ref={ref} className="diagram-box">
        {width > 0 && <MachineDiagram machine={PAGE_MACHINE} width={width} current={pageState} taken={taken} colors={PAGE_STATE_COLOR} title={pageTitle} />}
      </div>
      <p className="caption">
        Selected page: <strong>{pageState === undefined ? 'none' : label(PAGE_MACHINE, pageState)}</strong>.{' '}
        {moves.length === 0
          ? 'The last step moved no page.'
          : `Last step: ${[...new Set(moves.map((e) => `${label(PAGE_MACHINE, e.from)} → ${label(PAGE_MACHINE, e.to)}`))].join('; ')}.`}
      </p>
      {hugetlb && width > 0 && (
        <MachineDiagram machine={BLOCK_MACHINE} width={Math.min(width, 420)} current={blockState} taken={taken} colors={BLOCK_STATE_COLOR} title={`Block state diagram. Selected block: ${label(BLOCK_MACHINE, blockState)}.`} />
      )}
    </section>
  );
}

import { useRef } from 'react';
import { BLOCK_MACHINE, PAGE, PAGE_MACHINE, pageStateAt } from '../../../core/index.ts';
import type { Attr, GmemState, Machine, Op, OpName } from '../../../core/index.ts';
import { useFrame } from '../../animation/context.tsx';
import { transitionsOf } from '../../animation/frame.ts';
import { notify } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import {
  blockRuns,
  selectConfig,
  selectCurrent,
  selectSelectedPageState,
  selectSelection,
} from '../../store/selectors.ts';
import type { SimStore } from '../../store/store.ts';
import { useWidth } from '../folio-tree/useWidth.ts';
import { NO_SELECTION_REASON } from '../op-palette/ops.ts';
import { BLOCK_STATE_COLOR, PAGE_STATE_COLOR } from '../theme.ts';
import { edgeTarget } from './actions.ts';
import { perform } from '../op-palette/perform.ts';
import { MachineDiagram } from './MachineDiagram.tsx';

const label = (m: Machine<string>, id: string | undefined) =>
  m.states.find((s) => s.id === id)?.label ?? id ?? '—';
const blockAt = (s: GmemState | undefined, at: number | undefined) =>
  s === undefined || at === undefined
    ? undefined
    : (blockRuns(s).find((r) => r.start <= at && at < r.end)?.value ?? 'absent');

/** `${from}:${op}:${errno}` of the refused edge a refused step ran into, per machine. */
function refusedHits(
  prev: GmemState | undefined,
  op: Op | undefined,
  errno: string | undefined,
): { page?: string; block?: string } {
  if (prev === undefined || op === undefined || errno === undefined || !('offset' in op)) return {};
  return {
    page: `${pageStateAt(prev, op.offset)}:${op.op}:${errno}`,
    block: `${blockAt(prev, op.offset) ?? ''}:${op.op}:${errno}`,
  };
}

function performEdge(store: SimStore, machine: 'page' | 'block', op: OpName, toAttr: Attr | undefined): void {
  const s = store.getState();
  if (s.ui.selection === null) return notify(store, { kind: 'error', text: NO_SELECTION_REASON });
  const t = edgeTarget(machine, op, toAttr, s.ui.selection, s.doc.scenario.config.pageSize);
  if (t === undefined)
    return notify(store, { kind: 'error', text: `${op}: no operation performs this edge` });
  perform(store, t.entry, t.target);
}

/**
 * The page (and block) state machines, with the selected page's state, the edges the step on
 * screen took (drawn as it plays) and the states it reached (lit). Edges leaving the selected
 * page's state are buttons: each performs its op on that page.
 */
export function StateDiagram() {
  const store = useSimStore();
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const frame = useFrame();
  const pageState = useSim(selectSelectedPageState);
  const state = useSim(selectCurrent);
  const selection = useSim(selectSelection);
  const ops = useSim((s) => s.replay.ops);
  const hugetlb = useSim(selectConfig).pageSize !== PAGE;
  const { edges: taken, reached } = transitionsOf(frame.outcome);
  const pageReached = new Set([...reached].filter((k) => k.startsWith('page:')).map((k) => k.slice(5)));
  const blockReached = new Set([...reached].filter((k) => k.startsWith('block:')).map((k) => k.slice(6)));
  const hits = refusedHits(
    frame.prev,
    frame.step > 0 ? ops[frame.step - 1] : undefined,
    frame.outcome?.refusal?.errno,
  );
  const blockState = blockAt(state, selection?.start);
  const moves = (frame.outcome?.events ?? []).filter((e) => e.type === 'transition' && e.machine === 'page');
  const pageTitle = `Page state diagram. Selected page: ${label(PAGE_MACHINE, pageState)}.`;
  return (
    <section className="panel diagram-panel" aria-labelledby="diagram-title">
      <h2 id="diagram-title">State diagram</h2>
      <p className="muted diagram-help">
        {selection === null
          ? 'Select a page to act from here: the edges leaving its state become buttons.'
          : 'Buttons on the arrows leaving the selected state perform that edge on the selected page; dashed badges are edges the kernel refuses, with their errno.'}
      </p>
      <div ref={ref} className="diagram-box">
        {width > 0 && (
          <MachineDiagram
            machine={PAGE_MACHINE}
            width={width}
            current={pageState}
            taken={taken}
            reached={pageReached}
            refusedHit={hits.page}
            t={frame.t}
            colors={PAGE_STATE_COLOR}
            title={pageTitle}
            onAct={(op, to) => performEdge(store, 'page', op, to)}
          />
        )}
      </div>
      <p className="caption">
        Selected page: <strong>{pageState === undefined ? 'none' : label(PAGE_MACHINE, pageState)}</strong>.{' '}
        {moves.length === 0
          ? 'The last step moved no page.'
          : `Last step: ${[...new Set(moves.map((e) => `${label(PAGE_MACHINE, e.from)} → ${label(PAGE_MACHINE, e.to)}`))].join('; ')}.`}
      </p>
      {hugetlb && width > 0 && (
        <MachineDiagram
          machine={BLOCK_MACHINE}
          width={Math.min(width, 460)}
          current={blockState}
          taken={taken}
          reached={blockReached}
          refusedHit={hits.block}
          t={frame.t}
          colors={BLOCK_STATE_COLOR}
          title={`Block state diagram. Selected block: ${label(BLOCK_MACHINE, blockState)}.`}
          onAct={(op, to) => performEdge(store, 'block', op, to)}
        />
      )}
    </section>
  );
}
